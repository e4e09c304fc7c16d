"""The one settings module: everything that varies between machines comes from the environment."""

from __future__ import annotations

from pathlib import Path

import environ
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent
VAR_DIR = Path(environ.Env().str("PLANTSKOLA_VAR_DIR", default=str(BASE_DIR.parent / "var")))

env = environ.Env(
    DEBUG=(bool, False),
    ALLOWED_HOSTS=(list, ["localhost", "127.0.0.1"]),
    SECURE_HTTPS=(bool, False),
)
environ.Env.read_env(BASE_DIR.parent / ".env", overwrite=False)

DEBUG = env("DEBUG")
# The key used when SECRET_KEY is not set: fine on a laptop, refused in production
# (plantskola/core/checks.py).
DEVELOPMENT_SECRET_KEY = "insecure-development-key-change-me-" + "x" * 20
SECRET_KEY = env("SECRET_KEY", default=DEVELOPMENT_SECRET_KEY)
ALLOWED_HOSTS = env("ALLOWED_HOSTS")
CSRF_TRUSTED_ORIGINS = env.list("CSRF_TRUSTED_ORIGINS", default=[])

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django_htmx",
    "axes",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
    "django_tasks",
    "django_tasks_db",
    "csp",
    "ninja",
    "plantskola.core",
    "plantskola.competencies",
    "plantskola.programmes",
    "plantskola.admissions",
    "plantskola.diplomas",
    "plantskola.events",
    "plantskola.development",
    "plantskola.evaluations",
    "plantskola.insights",
    "plantskola.privacy",
    "plantskola.api",
    "plantskola.demo",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    # Before WhiteNoise, so that static files carry the headers too.
    "plantskola.core.middleware.SecurityHeadersMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "plantskola.core.middleware.SwedishFirstLocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    # After authentication: the 400 page it answers with is a page like any other.
    "plantskola.core.middleware.NulCharacterMiddleware",
    # After authentication and messages: end idle and too-old sessions, then keep a user who
    # still owes the second factor on the two-factor pages.
    "plantskola.core.middleware.SessionLimitsMiddleware",
    "plantskola.core.middleware.TwoFactorMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "csp.middleware.CSPMiddleware",
    "plantskola.core.middleware.NoStoreMiddleware",
    "plantskola.core.audit.middleware.AuditMiddleware",
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "plantskola.urls"
WSGI_APPLICATION = "plantskola.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "django.template.context_processors.i18n",
                "plantskola.core.context_processors.navigation",
            ],
        },
    },
]

DATABASES = {
    "default": env.db("DATABASE_URL", default=f"sqlite:///{VAR_DIR / 'plantskola.sqlite3'}"),
}
DATABASES["default"]["ATOMIC_REQUESTS"] = False
# The embedded SQLite database's connection options.
# - Deleted rows are overwritten with zeros rather than left in the file's free pages, so the
#   database file keeps no earlier order of the anonymous responses, which are rewritten in a
#   random order at every answer (plantskola/evaluations/services.py).
# - The web process and the task worker write at the same time: write-ahead logging lets
#   readers go on during a write, a writer waits up to 20 s for another (busy timeout) instead
#   of failing, and transactions take the write lock when they begin (IMMEDIATE), so that two
#   of them never deadlock upgrading a read lock: no "database is locked".
SQLITE_OPTIONS = {
    "init_command": (
        "PRAGMA secure_delete = ON; PRAGMA journal_mode = WAL; "
        "PRAGMA synchronous = NORMAL; PRAGMA busy_timeout = 20000;"
    ),
    "transaction_mode": "IMMEDIATE",
    "timeout": 20,
}
if DATABASES["default"]["ENGINE"].endswith("sqlite3"):
    DATABASES["default"].setdefault("OPTIONS", {}).update(SQLITE_OPTIONS)
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_USER_MODEL = "core.User"
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
    # Single sign-on (OpenID Connect), configured per organisation: plantskola/core/sso.py.
    "plantskola.core.sso.OrganisationOIDCBackend",
]
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "core:login"
LOGIN_REDIRECT_URL = "core:home"
LOGOUT_REDIRECT_URL = "core:login"

# Login throttling (plantskola/core/login_security.py): five failures lock a username from
# one address for an hour, twenty lock it from every address; the login log is deleted after
# LOGIN_LOG_RETENTION_DAYS. Behind reverse proxies, set TRUSTED_PROXY_COUNT to their number.
AXES_FAILURE_LIMIT = env.int("AXES_FAILURE_LIMIT", default=5)
AXES_USERNAME_FAILURE_LIMIT = env.int("AXES_USERNAME_FAILURE_LIMIT", default=20)
AXES_COOLOFF_TIME = 1
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"], "username"]
AXES_HANDLER = "plantskola.core.login_security.LoginLockoutHandler"
AXES_CLIENT_IP_CALLABLE = "plantskola.core.login_security.client_ip"
TRUSTED_PROXY_COUNT = env.int("TRUSTED_PROXY_COUNT", default=0)
LOGIN_LOG_RETENTION_DAYS = env.int("LOGIN_LOG_RETENTION_DAYS", default=90)
AXES_LOCKOUT_TEMPLATE = "registration/locked_out.html"
AXES_ENABLED = env.bool("AXES_ENABLED", default=True)
AXES_VERBOSE = False

LANGUAGE_CODE = "sv"
LANGUAGES = [("sv", _("Swedish")), ("en", _("English"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Europe/Stockholm"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = VAR_DIR / "static"
STATICFILES_DIRS = [BASE_DIR / "static"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    # Compressed but not hashed: pages render whether or not collectstatic has run.
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedStaticFilesStorage"},
}
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = DEBUG

EMAIL_CONFIG = env.email_url("EMAIL_URL", default="consolemail://")
vars().update(EMAIL_CONFIG)
# The address people reach Plantskola at: used for links in e-mails.
SITE_URL = env("SITE_URL", default="http://127.0.0.1:8000")
DEFAULT_FROM_EMAIL = env("DEFAULT_FROM_EMAIL", default="Plantskola <noreply@plantskola.local>")
EMAIL_FILE_PATH = VAR_DIR / "mail"

# Background work (e-mail, PDFs, long solves): django-tasks with its database backend, worked
# off by `plantskola db_worker`; tests run tasks immediately.
TASKS = {"default": {"BACKEND": env("TASKS_BACKEND", default="django_tasks_db.DatabaseBackend")}}

# The daily jobs, in the order `plantskola daily` runs them (schedule that one command daily:
# deploy/plantskola-daily.timer, or a cron line). django-tasks has no periodic scheduler.
DAILY_COMMANDS = [
    "close_calls",  # editions' status follows their calls
    "open_evaluations",  # module surveys due by the programme's schedule
    "remind_evaluations",
    "remind_references",
    "remind_plans",
    "purge_dietary_needs",
    "weed",  # last: retention applies to what the jobs above left
]

# The cache holds the public pages' rate-limit counters. The default is per process; with
# several app servers set CACHE_URL to a shared cache (e.g. dbcache://plantskola_cache after
# `plantskola createcachetable`, or redis://...).
CACHES = {"default": env.cache("CACHE_URL", default="locmemcache://")}
# Public diploma verification: lookups per client address and window (seconds).
DIPLOMA_VERIFY_RATE = (
    env.int("DIPLOMA_VERIFY_LIMIT", default=30),
    env.int("DIPLOMA_VERIFY_WINDOW", default=10 * 60),
)

# Roster files beyond this size are refused before they are parsed.
ROSTER_MAX_BYTES = env.int("ROSTER_MAX_BYTES", default=10 * 1024 * 1024)
# The API: requests per token and window (seconds); a roster push of 100,000 people as JSON.
API_TOKEN_RATE = (
    env.int("API_TOKEN_LIMIT", default=600),
    env.int("API_TOKEN_WINDOW", default=60),
)
DATA_UPLOAD_MAX_MEMORY_SIZE = env.int("DATA_UPLOAD_MAX_MEMORY_SIZE", default=32 * 1024 * 1024)

# Two-factor authentication (TOTP, django-otp) for superusers, HR administrators and
# coordinators who log in with a local password; users who come through single sign-on are
# not asked (their identity provider does MFA). Only the demo (`make demo`) turns it off.
OTP_REQUIRED = env.bool("OTP_REQUIRED", default=True)
OTP_TOTP_ISSUER = env("OTP_TOTP_ISSUER", default="Plantskola")

# Sessions end after SESSION_IDLE_TIMEOUT seconds without a request and at the latest
# SESSION_ABSOLUTE_TIMEOUT seconds after login (plantskola.core.middleware.SessionLimitsMiddleware).
SESSION_IDLE_TIMEOUT = env.int("SESSION_IDLE_TIMEOUT", default=30 * 60)
SESSION_ABSOLUTE_TIMEOUT = env.int("SESSION_ABSOLUTE_TIMEOUT", default=10 * 60 * 60)
SESSION_COOKIE_AGE = env.int("SESSION_COOKIE_AGE", default=SESSION_ABSOLUTE_TIMEOUT)

# Single sign-on with OpenID Connect (mozilla-django-oidc), one identity provider per
# organisation (core.OrganisationSSO). These are the shared protocol settings; the issuer,
# client id and secret come from each organisation's configuration.
OIDC_RP_SCOPES = "openid email profile"
OIDC_USE_PKCE = True
OIDC_RP_SIGN_ALGO = "RS256"
OIDC_AUTHENTICATION_CALLBACK_URL = "core:sso_callback"
OIDC_TIMEOUT = env.int("OIDC_TIMEOUT", default=10)
OIDC_CREATE_USER = False
SESSION_COOKIE_HTTPONLY = True
CSRF_COOKIE_HTTPONLY = True
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
# Browser features no page of Plantskola uses, refused for every page and any frame
# (plantskola.core.middleware.SecurityHeadersMiddleware).
PERMISSIONS_POLICY: dict[str, list[str]] = {
    feature: []
    for feature in (
        "camera",
        "microphone",
        "geolocation",
        "payment",
        "usb",
        "interest-cohort",
        "browsing-topics",
    )
}
# Content Security Policy: only our own scripts, never inline ones or event-handler attributes
# (tests/core/test_security.py keeps templates free of them). Inline styles are allowed:
# Matplotlib's inline SVG charts are drawn with style attributes. Images also as data: URIs
# (logos). No form-action: single sign-on forms post on to the identity provider.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'", "'unsafe-inline'"],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "frame-ancestors": ["'none'"],
    }
}

if env("SECURE_HTTPS"):
    SECURE_SSL_REDIRECT = env.bool("SECURE_SSL_REDIRECT", default=True)
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    SECURE_HSTS_SECONDS = env.int("SECURE_HSTS_SECONDS", default=31_536_000)
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = True

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env("LOG_LEVEL", default="INFO")},
    "loggers": {"django.db.backends": {"level": "WARNING"}},
}
