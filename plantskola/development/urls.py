from __future__ import annotations

from django.urls import include, path

app_name = "development"

urlpatterns = [
    path("", include("plantskola.development.plans.urls")),
    path("", include("plantskola.development.shadowing.urls")),
]
