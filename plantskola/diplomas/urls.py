from __future__ import annotations

from django.urls import include, path

from plantskola.diplomas import views

app_name = "diplomas"

urlpatterns = [
    path("omgangar/<int:edition_pk>/diplom/", views.diploma_list, name="diploma_list"),
    path(
        "omgangar/<int:edition_pk>/diplom/utfarda/",
        views.diploma_issue_all,
        name="diploma_issue_all",
    ),
    path(
        "omgangar/<int:edition_pk>/diplom/alla.pdf",
        views.diploma_combined_pdf,
        name="diploma_combined_pdf",
    ),
    path("diplom/<int:pk>/pdf/", views.diploma_pdf, name="diploma_pdf"),
    path("diplom/<int:pk>/aterkalla/", views.diploma_revoke, name="diploma_revoke"),
    path("diplom/<int:pk>/utfarda-igen/", views.diploma_reissue, name="diploma_reissue"),
    path("mina-diplom/", views.my_diplomas, name="my_diplomas"),
    path(
        "organisationer/<slug:slug>/diplominstallningar/",
        views.diploma_settings,
        name="diploma_settings",
    ),
    path("", include("plantskola.diplomas.verification.urls")),
]
