"""Copying an edition (included by `programmes.urls`)."""

from __future__ import annotations

from django.urls import path

from plantskola.programmes.copying import views

urlpatterns = [
    path(
        "program/<int:programme_pk>/omgangar/kopiera/",
        views.edition_copy_view,
        name="edition_copy",
    ),
]
