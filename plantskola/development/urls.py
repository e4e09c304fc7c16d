from __future__ import annotations

from django.urls import include, path

urlpatterns = [
    path("", include("plantskola.development.urls_plans")),
    path("", include("plantskola.development.urls_shadowing")),
]
