from __future__ import annotations

from django.urls import URLPattern, path

from plantskola.privacy.extract import views

urlpatterns: list[URLPattern] = [
    path(
        "personer/<int:pk>/registerutdrag/",
        views.register_extract,
        name="register_extract",
    ),
]
