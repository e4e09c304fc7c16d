from __future__ import annotations

from django.urls import URLPattern, path

from plantskola.privacy.erasure import views

urlpatterns: list[URLPattern] = [
    path("personer/<int:pk>/radera/", views.person_erase, name="person_erase"),
    path("personer/<int:pk>/rattelse/", views.person_rectify, name="person_rectify"),
]
