"""Enrolment by rule and the mass actions (included by `programmes.urls`)."""

from __future__ import annotations

from django.urls import path

from plantskola.programmes.enrolment import views

urlpatterns = [
    path(
        "omgangar/<int:edition_pk>/deltagare/regel/",
        views.enrolment_rule,
        name="enrolment_rule",
    ),
    path(
        "omgangar/<int:edition_pk>/deltagare/regel/bekrafta/",
        views.enrolment_confirm,
        name="enrolment_confirm",
    ),
    path(
        "omgangar/<int:edition_pk>/deltagare/andra/",
        views.participant_bulk,
        name="participant_bulk",
    ),
    path("tillfallen/<int:pk>/narvaro/alla/", views.attendance_bulk, name="attendance_bulk"),
    path("massatgarder/<uuid:pk>/", views.bulk_job_detail, name="bulk_job_detail"),
]
