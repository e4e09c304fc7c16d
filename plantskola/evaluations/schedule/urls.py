"""The survey schedule's page (included by `evaluations.urls`)."""

from __future__ import annotations

from django.urls import path

from plantskola.evaluations.schedule import views

urlpatterns = [
    path(
        "program/<int:programme_pk>/utvarderingsschema/",
        views.survey_schedule,
        name="survey_schedule",
    ),
]
