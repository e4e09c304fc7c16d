"""The roster import's pages: upload, then preview and confirm (included by `core.urls`)."""

from __future__ import annotations

from django.urls import path

from plantskola.core.roster import views

urlpatterns = [
    path("personal/import/", views.roster_upload, name="roster_upload"),
    path("personal/import/<int:pk>/", views.roster_preview, name="roster_preview"),
]
