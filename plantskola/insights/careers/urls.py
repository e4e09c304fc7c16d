from __future__ import annotations

from django.urls import URLPattern, path

from plantskola.insights.careers import views

urlpatterns: list[URLPattern] = [
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
]
