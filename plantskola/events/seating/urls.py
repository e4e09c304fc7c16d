from __future__ import annotations

from django.urls import path

from plantskola.events.seating import views

urlpatterns = [
    path("evenemang/<int:pk>/bordsplacering/", views.event_seating, name="event_seating"),
    path(
        "evenemang/<int:pk>/bordsplacering/andringar/",
        views.event_seating_changes,
        name="event_seating_changes",
    ),
    path(
        "evenemang/<int:pk>/bordslistor.pdf",
        views.event_table_lists_pdf,
        name="event_table_lists_pdf",
    ),
    path("evenemang/<int:pk>/namnbrickor.pdf", views.event_badges_pdf, name="event_badges_pdf"),
]
