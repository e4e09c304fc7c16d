from __future__ import annotations

from django.contrib import admin
from django.urls import include, path

from plantskola.api.scim.api import scim_api
from plantskola.api.v1.api import api as api_v1

urlpatterns = [
    path("", include("plantskola.core.urls")),
    path("", include("plantskola.competencies.urls")),
    path("", include("plantskola.programmes.urls")),
    path("", include("plantskola.admissions.urls")),
    path("", include("plantskola.diplomas.urls")),
    path("", include("plantskola.events.urls")),
    path("", include("plantskola.development.urls")),
    path("", include("plantskola.evaluations.urls")),
    path("", include("plantskola.insights.urls")),
    path("", include("plantskola.privacy.urls")),
    path("", include("plantskola.api.urls")),
    path("api/v1/scim/v2/", scim_api.urls),
    path("api/v1/", api_v1.urls),
    path("i18n/", include("django.conf.urls.i18n")),
    path("admin/", admin.site.urls),
]
