from __future__ import annotations

from django.urls import include, path

from plantskola.core.audit import urls as audit_urls
from plantskola.core.documents import urls as documents_urls
from plantskola.core.mail import urls as mail_urls
from plantskola.core.people import urls as people_urls
from plantskola.core.roster import urls as roster_urls
from plantskola.core.search import urls as search_urls

app_name = "core"

urlpatterns = [
    path("", include(people_urls)),
    path("", include(roster_urls)),
    path("", include(documents_urls)),
    path("", include(mail_urls)),
    path("", include(audit_urls)),
    path("", include(search_urls)),
]
