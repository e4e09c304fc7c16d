"""Completion pages (included by `programmes.urls`)."""

from __future__ import annotations

from django.urls import path

from plantskola.programmes.completion import views

urlpatterns = [
    path("omgangar/<int:pk>/genomforande/", views.edition_completion, name="edition_completion"),
    path(
        "omgangar/<int:pk>/genomforande/markera/",
        views.edition_completion_mark,
        name="edition_completion_mark",
    ),
    path(
        "omgangar/<int:pk>/genomforande/undantag/",
        views.edition_completion_exception,
        name="edition_completion_exception",
    ),
]
