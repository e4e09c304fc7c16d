from __future__ import annotations

from django.urls import include, path

from plantskola.events import views

app_name = "events"

urlpatterns = [
    path("evenemang/", views.event_list, name="event_list"),
    path("evenemang/tidigare/", views.event_archive, name="event_archive"),
    path("evenemang/nytt/", views.event_create, name="event_create"),
    path("evenemang/<int:pk>/", views.event_detail, name="event_detail"),
    path("evenemang/<int:pk>/redigera/", views.event_update, name="event_update"),
    path("evenemang/<int:pk>/bjud-in/", views.event_invite, name="event_invite"),
    path("evenemang/<int:pk>/massatgard/", views.event_job, name="event_job"),
    path("evenemang/<int:pk>/anmal/", views.event_register, name="event_register"),
    path(
        "evenemang/<int:pk>/anmal-andra/", views.event_register_others, name="event_register_others"
    ),
    path("evenemang/<int:pk>/avanmal/", views.event_unregister, name="event_unregister"),
    path("evenemang/<int:pk>/anmalningar/", views.event_registrations, name="event_registrations"),
    path(
        "evenemang/anmalningar/<int:pk>/avboka/",
        views.registration_cancel,
        name="registration_cancel",
    ),
    path(
        "evenemang/anmalningar/<int:pk>/kalender.ics",
        views.registration_ics,
        name="registration_ics",
    ),
    path(
        "evenemang/<int:pk>/anmalningar.xlsx",
        views.event_registrations_xlsx,
        name="event_registrations_xlsx",
    ),
    path(
        "evenemang/<int:pk>/anmalningar.pdf",
        views.event_registrations_pdf,
        name="event_registrations_pdf",
    ),
    path(
        "evenemang/<int:pk>/entrelista.pdf",
        views.event_entrance_list_pdf,
        name="event_entrance_list_pdf",
    ),
    path("", include("plantskola.events.seating.urls")),
]
