from __future__ import annotations

from django.urls import path

from plantskola.admissions.interviews import views

urlpatterns = [
    path("utlysningar/<int:call_pk>/intervjuer/", views.interview_list, name="interview_list"),
    path("ansokningar/<int:pk>/intervju/", views.interview_book, name="interview_book"),
    path("mina-intervjuer/", views.my_interviews, name="my_interviews"),
    path("intervjuer/<int:pk>/bedomning/", views.scorecard_edit, name="scorecard_edit"),
    path("utlysningar/<int:call_pk>/kalibrering/", views.calibration, name="calibration"),
]
