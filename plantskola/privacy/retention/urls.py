from __future__ import annotations

from django.urls import URLPattern, path

from plantskola.privacy.retention import views

urlpatterns: list[URLPattern] = [
    path("gallring/", views.weeding_home, name="weeding_home"),
    path("organisationer/<int:org_pk>/gallring/", views.weeding_page, name="weeding"),
]
