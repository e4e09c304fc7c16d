from __future__ import annotations

from django.urls import path

from plantskola.programmes import views, views_grouping, views_network, views_schedule

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
    # Groups made by the composition engine (views_grouping).
    path("omgangar/<int:pk>/grupper/motor/", views_grouping.grouping_start, name="grouping_start"),
    path(
        "omgangar/<int:pk>/grupper/motor/forslag/",
        views_grouping.grouping_result,
        name="grouping_result",
    ),
    path(
        "omgangar/<int:pk>/grupper/motor/flytta/",
        views_grouping.grouping_move,
        name="grouping_move",
    ),
    path(
        "omgangar/<int:pk>/grupper/motor/byt/", views_grouping.grouping_swap, name="grouping_swap"
    ),
    path("omgangar/<int:pk>/grupper/motor/fast/", views_grouping.grouping_pin, name="grouping_pin"),
    path(
        "omgangar/<int:pk>/grupper/motor/kor-igen/",
        views_grouping.grouping_rerun,
        name="grouping_rerun",
    ),
    path(
        "omgangar/<int:pk>/grupper/motor/spara/", views_grouping.grouping_save, name="grouping_save"
    ),
    path("natverk/", views_network.network_directory, name="network_directory"),
    path("natverk/min-profil/", views_network.network_profile, name="network_profile"),
]
