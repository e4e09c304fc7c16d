"""Groups made by the composition engine (included by `programmes.urls`)."""

from __future__ import annotations

from django.urls import path

from plantskola.programmes.grouping import views

urlpatterns = [
    path("omgangar/<int:pk>/grupper/motor/", views.grouping_start, name="grouping_start"),
    path("omgangar/<int:pk>/grupper/motor/forslag/", views.grouping_result, name="grouping_result"),
    path("omgangar/<int:pk>/grupper/motor/flytta/", views.grouping_move, name="grouping_move"),
    path("omgangar/<int:pk>/grupper/motor/byt/", views.grouping_swap, name="grouping_swap"),
    path("omgangar/<int:pk>/grupper/motor/fast/", views.grouping_pin, name="grouping_pin"),
    path("omgangar/<int:pk>/grupper/motor/kor-igen/", views.grouping_rerun, name="grouping_rerun"),
    path("omgangar/<int:pk>/grupper/motor/spara/", views.grouping_save, name="grouping_save"),
]
