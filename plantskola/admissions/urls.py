from __future__ import annotations

from django.urls import include, path

from plantskola.admissions import views

app_name = "admissions"

urlpatterns = [
    path("omgangar/<int:edition_pk>/utlysning/", views.call_edit, name="call_edit"),
    path("utlysningar/", views.call_list, name="call_list"),
    path("utlysningar/<int:pk>/", views.call_detail, name="call_detail"),
    path("utlysningar/<int:pk>/forhandsvisning/", views.call_preview, name="call_preview"),
    path("utlysningar/<int:pk>/publicera/", views.call_publish, name="call_publish"),
    path("utlysningar/<int:pk>/stang/", views.call_close, name="call_close"),
    path("utlysningar/<int:call_pk>/ansok/", views.application_edit, name="application_edit"),
    path(
        "utlysningar/<int:call_pk>/ansokningar/",
        views.application_list,
        name="application_list",
    ),
    path("ansokningar/<int:pk>/", views.application_detail, name="application_detail"),
    path(
        "ansokningar/<int:pk>/referens/paminn/",
        views.reference_remind,
        name="reference_remind",
    ),
    path(
        "ansokningar/<int:pk>/referens/annan-chef/",
        views.reference_ask_another,
        name="reference_ask_another",
    ),
    path("mina-ansokningar/", views.my_applications, name="my_applications"),
    path("referens/<str:token>/", views.reference_form, name="reference_form"),
    path("", include("plantskola.admissions.interviews.urls")),
    path("", include("plantskola.admissions.selection.urls")),
    path("", include("plantskola.admissions.decision.urls")),
    path("", include("plantskola.admissions.slots.urls")),
    path("", include("plantskola.admissions.pool.urls")),
    path("", include("plantskola.admissions.applicant.urls")),
    path("", include("plantskola.admissions.nominations.urls")),
]
