from __future__ import annotations

from django.urls import path

from plantskola.programmes import views, views_schedule

urlpatterns = [
    path("program/", views.programme_list, name="programme_list"),
    path("program/nytt/", views.programme_create, name="programme_create"),
    path("program/<int:pk>/", views.programme_detail, name="programme_detail"),
    path("program/<int:pk>/redigera/", views.programme_update, name="programme_update"),
    path("program/<int:programme_pk>/omgangar/ny/", views.edition_create, name="edition_create"),
    path("omgangar/<int:pk>/", views.edition_detail, name="edition_detail"),
    path("omgangar/<int:pk>/redigera/", views.edition_update, name="edition_update"),
    path("omgangar/<int:edition_pk>/moduler/ny/", views.module_create, name="module_create"),
    path("moduler/<int:pk>/redigera/", views.module_update, name="module_update"),
    path("omgangar/<int:edition_pk>/grupper/ny/", views.group_create, name="group_create"),
    path("grupper/<int:pk>/redigera/", views.group_update, name="group_update"),
    path("omgangar/<int:edition_pk>/tillfallen/nytt/", views.session_create, name="session_create"),
    path("tillfallen/<int:pk>/", views.session_detail, name="session_detail"),
    path("tillfallen/<int:pk>/redigera/", views.session_update, name="session_update"),
    path("tillfallen/<int:pk>/narvaro/", views.session_attendance, name="session_attendance"),
    path("mina-tillfallen/", views.my_sessions, name="my_sessions"),
    path("omgangar/<int:edition_pk>/deltagare/", views.participant_list, name="participant_list"),
    path(
        "omgangar/<int:edition_pk>/deltagare/lagg-till/",
        views.participant_add,
        name="participant_add",
    ),
    path("deltagare/<int:pk>/redigera/", views.participant_update, name="participant_update"),
    # Schedules, calendars and completion (views_schedule).
    path("omgangar/<int:pk>/schemalagg/", views_schedule.module_schedule, name="module_schedule"),
    path(
        "omgangar/<int:pk>/genomforande/",
        views_schedule.edition_completion,
        name="edition_completion",
    ),
    path(
        "omgangar/<int:pk>/genomforande/markera/",
        views_schedule.edition_completion_mark,
        name="edition_completion_mark",
    ),
    path("min-kalender/", views_schedule.my_calendar, name="my_calendar"),
    path("min-kalender/ny-adress/", views_schedule.my_calendar_reset, name="my_calendar_reset"),
    path("kalender/<str:token>.ics", views_schedule.calendar_feed, name="calendar_feed"),
]
