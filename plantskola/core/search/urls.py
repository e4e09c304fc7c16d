from __future__ import annotations

from django.urls import path

from plantskola.core.search import views

urlpatterns = [
    path("sok/personer/", views.search_people, name="search_people"),
    path("sok/chefer/", views.search_managers, name="search_managers"),
    path("sok/enheter/", views.search_units, name="search_units"),
]
