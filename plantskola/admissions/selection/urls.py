from __future__ import annotations

from django.urls import path

from plantskola.admissions.selection import views

urlpatterns = [
    path("utlysningar/<int:call_pk>/urval/", views.selection, name="selection"),
]
