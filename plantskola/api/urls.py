"""The API app's pages (its tokens); the API itself is `v1.api` under /api/v1/."""

from __future__ import annotations

from django.urls import path

from plantskola.api.tokens import views

app_name = "api"

urlpatterns = [
    path("organisationer/<slug:slug>/api-nycklar/", views.token_list, name="token_list"),
    path(
        "organisationer/<slug:slug>/api-nycklar/aterkalla/",
        views.token_revoke,
        name="token_revoke",
    ),
]
