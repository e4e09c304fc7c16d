from __future__ import annotations

from django.urls import path

from plantskola.core.documents import views

urlpatterns = [
    path("dokument/<uuid:pk>/", views.document_detail, name="document_detail"),
    path("dokument/<uuid:pk>/hamta/", views.document_download, name="document_download"),
]
