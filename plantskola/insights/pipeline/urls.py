from __future__ import annotations

from django.urls import URLPattern, path

from plantskola.insights.pipeline import views

urlpatterns: list[URLPattern] = [
    path("insikter/<int:pk>/chefsforsorjning/", views.insights_pipeline, name="insights_pipeline"),
    path(
        "insikter/<int:pk>/chefsforsorjning.xlsx",
        views.insights_pipeline_xlsx,
        name="insights_pipeline_xlsx",
    ),
]
