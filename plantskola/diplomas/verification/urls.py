from __future__ import annotations

from django.urls import path

from plantskola.diplomas.verification import views

urlpatterns = [
    path("diplom/verifiera/", views.diploma_verify_form, name="diploma_verify_form"),
    path("diplom/verifiera/<str:code>/", views.diploma_verify, name="diploma_verify"),
]
