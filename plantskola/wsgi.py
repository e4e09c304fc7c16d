from __future__ import annotations

import os

from django.core.wsgi import get_wsgi_application

from plantskola.core.checks import refuse_insecure_start

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "plantskola.settings")
application = get_wsgi_application()
# gunicorn and runserver load this module: a server reached from other machines with DEBUG off
# and an insecure setting (the development SECRET_KEY, ALLOWED_HOSTS of *, no HTTPS) stops here.
refuse_insecure_start()
