from __future__ import annotations

from django.urls import path

from plantskola.admissions.decision import views

urlpatterns = [
    path(
        "utlysningar/<int:call_pk>/beslut/",
        views.decision_confirm,
        name="decision_confirm",
    ),
    path("utlysningar/<int:call_pk>/beslutet/", views.decision_detail, name="decision_detail"),
    path(
        "ansokningar/<int:pk>/erbjud-platsen/",
        views.place_offer,
        name="place_offer",
    ),
]
