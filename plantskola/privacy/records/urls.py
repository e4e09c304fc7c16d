from __future__ import annotations

from django.urls import URLPattern, path

from plantskola.privacy.records import views

urlpatterns: list[URLPattern] = [
    path("dataskydd/behandlingar/", views.records_of_processing, name="records_of_processing"),
]
