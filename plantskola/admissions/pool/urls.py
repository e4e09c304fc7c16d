from __future__ import annotations

from django.urls import path

from plantskola.admissions.pool import views

urlpatterns = [
    path(
        "utlysningar/<int:call_pk>/intervjupanel/",
        views.interviewer_pool,
        name="interviewer_pool",
    ),
    path(
        "utlysningar/<int:call_pk>/intervjupanel/<int:pk>/ta-bort/",
        views.pool_remove,
        name="pool_remove",
    ),
]
