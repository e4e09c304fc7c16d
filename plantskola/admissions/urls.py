from __future__ import annotations

from django.urls import path

from plantskola.admissions import views, views_interviews, views_selection, views_slots

urlpatterns = [
    path("omgangar/<int:edition_pk>/utlysning/", views.call_edit, name="call_edit"),
    path("utlysningar/", views.call_list, name="call_list"),
    path("utlysningar/<int:pk>/", views.call_detail, name="call_detail"),
    path("utlysningar/<int:call_pk>/ansok/", views.application_edit, name="application_edit"),
    path(
        "utlysningar/<int:call_pk>/ansokningar/",
        views.application_list,
        name="application_list",
    ),
    path("ansokningar/<int:pk>/", views.application_detail, name="application_detail"),
    path("mina-ansokningar/", views.my_applications, name="my_applications"),
    path("referens/<str:token>/", views.reference_form, name="reference_form"),
    path(
        "utlysningar/<int:call_pk>/intervjuer/",
        views_interviews.interview_list,
        name="interview_list",
    ),
    path("ansokningar/<int:pk>/intervju/", views_interviews.interview_book, name="interview_book"),
    path("mina-intervjuer/", views_interviews.my_interviews, name="my_interviews"),
    path(
        "intervjuer/<int:pk>/bedomning/",
        views_interviews.scorecard_edit,
        name="scorecard_edit",
    ),
    path("utlysningar/<int:call_pk>/urval/", views_selection.selection, name="selection"),
    path(
        "utlysningar/<int:call_pk>/beslut/",
        views_selection.decision_confirm_view,
        name="decision_confirm",
    ),
    path(
        "utlysningar/<int:call_pk>/beslutet/",
        views_selection.decision_detail,
        name="decision_detail",
    ),
    path(
        "utlysningar/<int:call_pk>/intervjutider/",
        views_slots.interview_slots,
        name="interview_slots",
    ),
    path(
        "utlysningar/<int:call_pk>/intervjutider/bjud-in/",
        views_slots.slots_invite,
        name="slots_invite",
    ),
    path("intervjutider/<int:pk>/ta-bort/", views_slots.slot_delete, name="slot_delete"),
    path(
        "utlysningar/<int:call_pk>/boka-intervju/",
        views_slots.slot_booking,
        name="slot_booking",
    ),
    path(
        "utlysningar/<int:call_pk>/kalibrering/",
        views_interviews.calibration,
        name="calibration",
    ),
]
