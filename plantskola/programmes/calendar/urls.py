"""Calendar pages (included by `programmes.urls`)."""

from __future__ import annotations

from django.urls import path

from plantskola.programmes.calendar import views

urlpatterns = [
    path("min-kalender/", views.my_calendar, name="my_calendar"),
    path("min-kalender/ny-adress/", views.my_calendar_reset, name="my_calendar_reset"),
    path("kalender/<str:token>.ics", views.calendar_feed, name="calendar_feed"),
]
