from __future__ import annotations

from django.urls import include, path

from plantskola.evaluations import views
from plantskola.evaluations.schedule import urls as schedule_urls

app_name = "evaluations"

urlpatterns = [
    path("utvarderingar/", views.survey_list, name="survey_list"),
    path("utvarderingar/ny/", views.survey_create, name="survey_create"),
    path("utvarderingar/<int:pk>/", views.survey_detail, name="survey_detail"),
    path("utvarderingar/<int:pk>/skicka/", views.survey_send, name="survey_send"),
    path("utvarderingar/<int:pk>/svara/", views.survey_answer, name="survey_answer"),
    path(
        "utvarderingar/<int:pk>/rapport.xlsx", views.survey_export_xlsx, name="survey_export_xlsx"
    ),
    path("utvarderingar/<int:pk>/rapport.pdf", views.survey_export_pdf, name="survey_export_pdf"),
    path(
        "organisationer/<slug:slug>/utvarderingsmallar/",
        views.survey_template_list,
        name="survey_template_list",
    ),
    path(
        "utvarderingsmallar/<int:pk>/",
        views.survey_template_detail,
        name="survey_template_detail",
    ),
    path(
        "utvarderingsmallar/<int:pk>/kopiera/",
        views.survey_template_copy,
        name="survey_template_copy",
    ),
    path(
        "omgangar/<int:pk>/utvarderingar/",
        views.edition_evaluations,
        name="edition_evaluations",
    ),
    path("", include(schedule_urls)),
]
