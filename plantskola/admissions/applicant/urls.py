from __future__ import annotations

from django.urls import path

from plantskola.admissions.applicant import views

urlpatterns = [
    path("ansokningar/<int:pk>/min/", views.own_application, name="own_application"),
    path(
        "ansokningar/<int:pk>/min/intervju.ics", views.own_interview_ics, name="own_interview_ics"
    ),
    path("ansokningar/<int:pk>/min/platsen/", views.place_answer, name="place_answer"),
]
