"""The attendance page (included by `programmes.urls`)."""

from __future__ import annotations

from django.urls import path

from plantskola.programmes.attendance import views

urlpatterns = [
    path("tillfallen/<int:pk>/narvaro/", views.session_attendance, name="session_attendance"),
]
