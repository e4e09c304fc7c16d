from __future__ import annotations

from django.urls import URLPattern, URLResolver, include, path

from plantskola.insights import views

app_name = "insights"

urlpatterns: list[URLPattern | URLResolver] = [
    path("insikter/", views.insights_home, name="insights_home"),
    path("", include("plantskola.insights.pipeline.urls")),
    path("", include("plantskola.insights.careers.urls")),
    path("", include("plantskola.insights.posts.urls")),
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
    path(
        "insikter/<int:pk>/rekrytering/import/<int:import_pk>/",
        views.recruitment_preview_view,
        name="recruitment_preview",
    ),
]
