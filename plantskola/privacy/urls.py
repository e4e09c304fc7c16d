from __future__ import annotations

from django.urls import path

from plantskola.privacy import views

urlpatterns = [
    path("gallring/", views.weeding_home, name="weeding_home"),
    path("organisationer/<int:org_pk>/gallring/", views.weeding_page, name="weeding"),
]
