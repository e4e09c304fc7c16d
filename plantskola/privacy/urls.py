from __future__ import annotations

from django.urls import URLResolver, include, path

app_name = "privacy"

urlpatterns: list[URLResolver] = [
    path("", include("plantskola.privacy.retention.urls")),
    path("", include("plantskola.privacy.records.urls")),
    path("", include("plantskola.privacy.extract.urls")),
    path("", include("plantskola.privacy.erasure.urls")),
]
