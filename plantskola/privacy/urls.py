from __future__ import annotations

from django.urls import path

from plantskola.privacy import views_extract

urlpatterns = [
    path(
        "personer/<int:pk>/registerutdrag/",
        views_extract.register_extract,
        name="register_extract",
    ),
]
