from __future__ import annotations

from django.urls import path

from plantskola.privacy import views, views_erasure, views_extract, views_records

urlpatterns = [
    path("gallring/", views.weeding_home, name="weeding_home"),
    path("organisationer/<int:org_pk>/gallring/", views.weeding_page, name="weeding"),
    path(
        "dataskydd/behandlingar/", views_records.records_of_processing, name="records_of_processing"
    ),
    path(
        "personer/<int:pk>/registerutdrag/",
        views_extract.register_extract,
        name="register_extract",
    ),
    path("personer/<int:pk>/radera/", views_erasure.person_erase, name="person_erase"),
    path("personer/<int:pk>/rattelse/", views_erasure.person_rectify, name="person_rectify"),
]
