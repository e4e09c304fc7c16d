""" "Nya chefer" (included by `programmes.urls`)."""

from __future__ import annotations

from django.urls import path

from plantskola.programmes.introduction import views

urlpatterns = [
    path("organisationer/<slug:slug>/nya-chefer/", views.new_managers_list, name="new_managers"),
    path(
        "organisationer/<slug:slug>/nya-chefer/introduktion/",
        views.new_managers_rule,
        name="new_managers_rule",
    ),
    path(
        "organisationer/<slug:slug>/nya-chefer/foresla-en/",
        views.new_manager_propose_one,
        name="new_manager_propose_one",
    ),
    path(
        "organisationer/<slug:slug>/nya-chefer/foresla/",
        views.new_managers_propose_all,
        name="new_managers_propose",
    ),
]
