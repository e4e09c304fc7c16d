from __future__ import annotations

from django.urls import URLPattern, path

from plantskola.insights import views

urlpatterns: list[URLPattern] = [
    path("insikter/", views.insights_home, name="insights_home"),
    path("insikter/<int:pk>/chefsforsorjning/", views.insights_pipeline, name="insights_pipeline"),
    path(
        "insikter/<int:pk>/chefsforsorjning.xlsx",
        views.insights_pipeline_xlsx,
        name="insights_pipeline_xlsx",
    ),
    path("insikter/<int:pk>/karriarhandelser/", views.career_event_list, name="career_event_list"),
    path(
        "insikter/<int:pk>/karriarhandelser/ny/",
        views.career_event_create_view,
        name="career_event_create",
    ),
    path(
        "insikter/karriarhandelser/<int:pk>/ta-bort/",
        views.career_event_delete_view,
        name="career_event_delete",
    ),
    path("insikter/<int:pk>/rekrytering/", views.recruitment_report, name="recruitment_report"),
    path(
        "insikter/<int:pk>/rekrytering.xlsx",
        views.recruitment_xlsx_view,
        name="recruitment_xlsx",
    ),
    path(
        "insikter/<int:pk>/rekrytering/import/",
        views.recruitment_import_view,
        name="recruitment_import",
    ),
]
