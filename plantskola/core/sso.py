"""Single sign-on with OpenID Connect, one identity provider per organisation.

Built on mozilla-django-oidc (its authorization-code flow with state, nonce and PKCE, token
exchange and ID-token signature check against the provider's JWKS), with the provider's
endpoints taken per organisation from `core.OrganisationSSO` and its discovery document
instead of from global settings.

Who a login is: the pair (issuer, subject) of the ID token, stored in `core.SSOIdentity`.
A first login links that pair to a user only by this rule:
- the issuer is the one configured for the organisation that owns the configuration, and
- exactly one employed person in that organisation's roster has the e-mail address
  (`email` claim, and the provider has not said `email_verified: false`) or the employee
  number (the configured claim), depending on the organisation's choice;
- that person's user is taken, or a user is created for the person when they have none.
Anything else is refused with a message; an e-mail address alone never finds a user.
"""

# mozilla-django-oidc ships no type hints, so the three classes below subclass what mypy sees
# as Any; this module, and only it, allows that.
# mypy: allow-subclassing-any

from __future__ import annotations

import logging
from typing import Any

import requests
from django.conf import settings
from django.contrib import messages
from django.core.cache import cache
from django.core.exceptions import SuspiciousOperation
from django.db import transaction
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils import timezone
from django.utils.crypto import get_random_string
from django.utils.translation import gettext as _
from django.views.generic import View
from mozilla_django_oidc.auth import OIDCAuthenticationBackend
from mozilla_django_oidc.views import OIDCAuthenticationCallbackView, OIDCAuthenticationRequestView

from plantskola.core.models import OrganisationSSO, Person, SSOIdentity, User

log = logging.getLogger(__name__)

SESSION_SSO_KEY = "plantskola_sso_config"
DISCOVERY_CACHE_SECONDS = 60 * 60


class SSORefused(Exception):
    """A login the identity provider accepted but Plantskola cannot link to a person."""


def discovery(sso: OrganisationSSO) -> dict[str, Any]:
    """The provider's discovery document (cached); its issuer must be the configured one."""
    key = f"oidc-discovery:{sso.pk}:{sso.issuer}"
    document: dict[str, Any] | None = cache.get(key)
    if document is None:
        url = sso.issuer.rstrip("/") + "/.well-known/openid-configuration"
        response = requests.get(url, timeout=settings.OIDC_TIMEOUT)
        response.raise_for_status()
        document = response.json()
        if document.get("issuer") != sso.issuer:
            raise SuspiciousOperation("The discovery document names another issuer.")
        cache.set(key, document, DISCOVERY_CACHE_SECONDS)
    return document


def _configure(target: Any, sso: OrganisationSSO) -> dict[str, Any]:
    document = discovery(sso)
    target.OIDC_OP_AUTH_ENDPOINT = document["authorization_endpoint"]
    target.OIDC_OP_TOKEN_ENDPOINT = document["token_endpoint"]
    target.OIDC_OP_USER_ENDPOINT = document["userinfo_endpoint"]
    target.OIDC_OP_JWKS_ENDPOINT = document["jwks_uri"]
    target.OIDC_RP_CLIENT_ID = sso.client_id
    target.OIDC_RP_CLIENT_SECRET = sso.get_client_secret()
    target.OIDC_RP_SIGN_ALGO = settings.OIDC_RP_SIGN_ALGO
    target.OIDC_RP_IDP_SIGN_KEY = None
    return document


class OrganisationOIDCBackend(OIDCAuthenticationBackend):
    """Authenticates the callback of the organisation whose button started the login."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        # The endpoints are the organisation's (see authenticate), not global settings.
        self.UserModel = User

    def authenticate(self, request: HttpRequest | None, **kwargs: Any) -> User | None:
        if request is None or "nonce" not in kwargs:
            return None  # a password login: not ours
        sso_id = request.session.get(SESSION_SSO_KEY)
        if not isinstance(sso_id, int):
            return None
        sso = OrganisationSSO.objects.filter(pk=sso_id, enabled=True).first()
        if sso is None:
            return None
        self.sso = sso
        _configure(self, sso)
        user: User | None = super().authenticate(request, **kwargs)
        return user

    def get_or_create_user(self, access_token: str, id_token: str, payload: dict[str, Any]) -> Any:
        claims = {**self.get_userinfo(access_token, id_token, payload), **payload}
        try:
            user = link_identity(self.sso, claims)
        except SSORefused as refusal:
            self.request.sso_refusal = str(refusal)
            return None
        return user

    def get_user(self, user_id: int) -> User | None:
        user = User.objects.filter(pk=user_id).first()
        return user if user is not None and user.is_active else None


@transaction.atomic
def link_identity(sso: OrganisationSSO, claims: dict[str, Any]) -> User:
    """The user of this (issuer, subject), linking it on first login by the documented rule."""
    issuer, subject = claims.get("iss"), claims.get("sub")
    if issuer != sso.issuer or not subject:
        raise SSORefused(_("The identity provider's answer did not come from the expected issuer."))
    identity = (
        SSOIdentity.objects.select_related("user")
        .filter(issuer=issuer, subject=str(subject))
        .first()
    )
    if identity is not None:
        if identity.sso_id != sso.pk:
            raise SSORefused(_("This account belongs to another organisation's login."))
        identity.last_login_at = timezone.now()
        identity.save(update_fields=["last_login_at"])
        return identity.user

    people = Person.objects.filter(organisation=sso.organisation, is_active=True)
    if sso.match_on == OrganisationSSO.Match.EMPLOYEE_NUMBER:
        number = str(claims.get(sso.employee_number_claim) or "").strip()
        matches = list(people.filter(employee_number=number)[:2]) if number else []
    else:
        email = str(claims.get("email") or "").strip()
        if claims.get("email_verified") is False:
            email = ""
        matches = list(people.filter(email__iexact=email)[:2]) if email else []
    if len(matches) != 1:
        raise SSORefused(
            _(
                "You were recognised by %(organisation)s, but no single employee in its roster "
                "in Plantskola matches you. Contact your HR department."
            )
            % {"organisation": sso.organisation.name}
        )
    person = matches[0]
    user = person.user
    if user is None:
        user = User(
            username=f"{sso.organisation.slug}-{person.employee_number}-{get_random_string(4)}",
            first_name=person.first_name,
            last_name=person.last_name,
            email=person.email,
        )
        user.set_unusable_password()
        user.save()
        person.user = user
        person.save(update_fields=["user"])
    elif user.sso_identities.filter(sso=sso).exists():
        raise SSORefused(
            _("Your user is already linked to another account at %(organisation)s.")
            % {"organisation": sso.organisation.name}
        )
    SSOIdentity.objects.create(
        user=user, sso=sso, issuer=issuer, subject=str(subject), last_login_at=timezone.now()
    )
    return user


class SSOLoginView(OIDCAuthenticationRequestView):
    """Start: send the browser to the organisation's identity provider."""

    def __init__(self, **kwargs: Any) -> None:
        View.__init__(self, **kwargs)

    def get(self, request: HttpRequest, slug: str) -> HttpResponse:
        sso = get_object_or_404(OrganisationSSO, organisation__slug=slug, enabled=True)
        try:
            _configure(self, sso)
        except (requests.RequestException, ValueError, KeyError, SuspiciousOperation):
            log.exception("Single sign-on discovery failed for %s", sso.organisation.slug)
            messages.error(
                request,
                _("The login service of %(organisation)s does not answer. Try again later.")
                % {"organisation": sso.organisation.name},
            )
            return HttpResponseRedirect(reverse("core:login"))
        request.session[SESSION_SSO_KEY] = sso.pk
        response: HttpResponse = super().get(request)
        return response


class SSOCallbackView(OIDCAuthenticationCallbackView):
    """Return from the identity provider: log in, or say clearly why not."""

    @property
    def failure_url(self) -> str:
        return reverse("core:login")

    def get(self, request: HttpRequest) -> HttpResponse:
        if SESSION_SSO_KEY not in request.session:
            raise Http404
        try:
            response: HttpResponse = super().get(request)
            return response
        except (requests.RequestException, SuspiciousOperation):
            log.exception("Single sign-on callback failed")
            return self.login_failure()

    def login_failure(self) -> HttpResponse:
        refusal = getattr(self.request, "sso_refusal", None)
        messages.error(
            self.request, refusal or _("The login with single sign-on did not succeed. Try again.")
        )
        return HttpResponseRedirect(self.failure_url)
