"""Invitation pages (included by `programmes.urls`)."""

from __future__ import annotations

from django.urls import path

from plantskola.programmes.invitations import views

urlpatterns = [
    path(
        "omgangar/<int:edition_pk>/inbjudningar/",
        views.invitation_send,
        name="invitation_send",
    ),
    path("tillfallen/<int:pk>/stall-in/", views.session_cancel_view, name="session_cancel"),
]
