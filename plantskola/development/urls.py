from __future__ import annotations

from django.urls import include, path

urlpatterns = [
    path("", include("plantskola.development.plans.urls")),
    path("", include("plantskola.development.shadowing.urls")),
]
