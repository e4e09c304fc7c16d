from __future__ import annotations

from django.urls import path

from plantskola.development.shadowing import views

urlpatterns = [
    path("omgangar/<int:edition_pk>/skuggning/", views.round_list, name="shadowing_round_list"),
    path(
        "omgangar/<int:edition_pk>/skuggning/ny/",
        views.round_create,
        name="shadowing_round_create",
    ),
    path("skuggning/<int:pk>/", views.round_detail, name="shadowing_round_detail"),
    path("skuggning/<int:pk>/andra/", views.round_update, name="shadowing_round_update"),
    path("skuggning/<int:pk>/vardar/ny/", views.host_add, name="shadowing_host_add"),
    path("skuggning/vardar/<int:pk>/", views.host_update, name="shadowing_host_update"),
    path(
        "skuggning/<int:pk>/onskemal/<int:participant_pk>/",
        views.preferences,
        name="shadowing_preferences",
    ),
    path("skuggning/<int:pk>/matcha/", views.match_run, name="shadowing_match_run"),
    path("skuggning/<int:pk>/bekrafta/", views.round_confirm, name="shadowing_confirm"),
    path(
        "skuggning/<int:pk>/matcha-om/<int:participant_pk>/",
        views.participant_rematch,
        name="shadowing_rematch",
    ),
    path("skuggning/svar/<str:token>/", views.answer, name="shadowing_answer"),
    path("skuggning/forfragningar/<int:pk>/svara/", views.match_respond, name="shadowing_respond"),
    path(
        "skuggning/forfragningar/<int:pk>/datum/", views.match_schedule, name="shadowing_schedule"
    ),
    path("min-skuggning/", views.my_shadowing, name="my_shadowing"),
]
