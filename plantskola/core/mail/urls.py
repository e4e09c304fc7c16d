from __future__ import annotations

from django.urls import path

from plantskola.core.mail import views

urlpatterns = [
    path("utkorg/", views.outbox, name="outbox"),
    path("utkorg/<int:pk>/", views.outbox_detail, name="outbox_detail"),
    path("utkorg/<int:pk>/skicka-igen/", views.outbox_retry, name="outbox_retry"),
    path(
        "organisationer/<slug:slug>/epostmallar/",
        views.email_template_list,
        name="email_template_list",
    ),
    path(
        "organisationer/<slug:slug>/epostmallar/<slug:key>/",
        views.email_template_edit,
        name="email_template_edit",
    ),
]
