"""The programme pages, and the features with pages of their own (each its own `urls.py`)."""

from __future__ import annotations

from django.urls import include, path

from plantskola.programmes import views
from plantskola.programmes.attendance import urls as attendance_urls
from plantskola.programmes.calendar import urls as calendar_urls
from plantskola.programmes.completion import urls as completion_urls
from plantskola.programmes.copying import urls as copying_urls
from plantskola.programmes.enrolment import urls as enrolment_urls
from plantskola.programmes.grouping import urls as grouping_urls
from plantskola.programmes.introduction import urls as introduction_urls
from plantskola.programmes.invitations import urls as invitation_urls
from plantskola.programmes.network import urls as network_urls
from plantskola.programmes.schedule import urls as schedule_urls

app_name = "programmes"

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
    path("tillfallen/<int:pk>/", views.session_detail, name="session_detail"),
    path("mina-tillfallen/", views.my_sessions, name="my_sessions"),
    path("omgangar/<int:edition_pk>/deltagare/", views.participant_list, name="participant_list"),
    path(
        "omgangar/<int:edition_pk>/deltagare/lagg-till/",
        views.participant_add,
        name="participant_add",
    ),
    path("deltagare/<int:pk>/redigera/", views.participant_update, name="participant_update"),
    # The features with pages of their own.
    path("", include(schedule_urls)),
    path("", include(attendance_urls)),
    path("", include(completion_urls)),
    path("", include(enrolment_urls)),
    path("", include(calendar_urls)),
    path("", include(grouping_urls)),
    path("", include(network_urls)),
    path("", include(invitation_urls)),
    path("", include(copying_urls)),
    path("", include(introduction_urls)),
]
