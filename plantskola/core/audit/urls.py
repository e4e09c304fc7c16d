from __future__ import annotations

from django.urls import path

from plantskola.core.audit import views

urlpatterns = [
    path("organisationer/<slug:slug>/logg/", views.audit_log, name="audit_log"),
]
