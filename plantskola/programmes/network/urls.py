"""The network directory's pages (included by `programmes.urls`)."""

from __future__ import annotations

from django.urls import path

from plantskola.programmes.network import views

urlpatterns = [
    path("natverk/", views.network_directory, name="network_directory"),
    path("natverk/min-profil/", views.network_profile, name="network_profile"),
]
