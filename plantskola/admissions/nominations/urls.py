from __future__ import annotations

from django.urls import path

from plantskola.admissions.nominations import views

urlpatterns = [
    path("nomineringar/", views.nomination_home, name="nomination_home"),
    path(
        "nomineringar/utlysningar/<int:call_pk>/",
        views.nomination_candidates,
        name="nomination_candidates",
    ),
    path(
        "nomineringar/utlysningar/<int:call_pk>/personer/<int:person_pk>/",
        views.nomination_create,
        name="nomination_create",
    ),
    path("mina-nomineringar/", views.own_nominations, name="own_nominations"),
    path("mina-nomineringar/<int:pk>/", views.own_nomination, name="own_nomination"),
    path(
        "utlysningar/<int:call_pk>/nomineringar/",
        views.call_nominations,
        name="call_nominations",
    ),
    path("organisationer/<slug:slug>/talangpool/", views.talent_pool, name="talent_pool"),
    path("min-talangprofil/", views.my_talent, name="my_talent"),
]
