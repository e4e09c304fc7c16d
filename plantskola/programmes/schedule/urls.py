"""Scheduling pages (included by `programmes.urls`)."""

from __future__ import annotations

from django.urls import path

from plantskola.programmes.schedule import views

urlpatterns = [
    path("omgangar/<int:edition_pk>/tillfallen/nytt/", views.session_create, name="session_create"),
    path("tillfallen/<int:pk>/redigera/", views.session_update, name="session_update"),
    path("omgangar/<int:pk>/schemalagg/", views.module_schedule, name="module_schedule"),
]
