"""Groups made by the composition engine, and their drafts (included by `programmes.urls`)."""

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
    path(
        "omgangar/<int:pk>/grupper/motor/behall/",
        views.grouping_draft_keep,
        name="grouping_draft_keep",
    ),
    path("omgangar/<int:pk>/grupper/utkast/", views.grouping_drafts, name="grouping_drafts"),
    path(
        "omgangar/<int:pk>/grupper/utkast/jamfor/",
        views.grouping_draft_compare,
        name="grouping_draft_compare",
    ),
    path("grupper/utkast/<uuid:pk>/", views.grouping_draft, name="grouping_draft"),
    path(
        "grupper/utkast/<uuid:pk>/justera/", views.grouping_draft_edit, name="grouping_draft_edit"
    ),
    path(
        "grupper/utkast/<uuid:pk>/tillampa/",
        views.grouping_draft_apply,
        name="grouping_draft_apply",
    ),
]
