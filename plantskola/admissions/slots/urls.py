from __future__ import annotations

from django.urls import path

from plantskola.admissions.slots import views

urlpatterns = [
    path("utlysningar/<int:call_pk>/intervjutider/", views.interview_slots, name="interview_slots"),
    path(
        "utlysningar/<int:call_pk>/intervjutider/bjud-in/",
        views.slots_invite,
        name="slots_invite",
    ),
    path("intervjutider/<int:pk>/ta-bort/", views.slot_delete, name="slot_delete"),
    path("utlysningar/<int:call_pk>/boka-intervju/", views.slot_booking, name="slot_booking"),
]
