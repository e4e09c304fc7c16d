from __future__ import annotations

from django.urls import URLPattern, path

from plantskola.insights.posts import views

urlpatterns: list[URLPattern] = [
    path("insikter/<int:pk>/chefstjanster/", views.post_list, name="post_list"),
    path("insikter/<int:pk>/chefstjanster/ny/", views.post_create, name="post_create"),
    path("insikter/chefstjanster/<int:post_pk>/", views.post_detail, name="post_detail"),
    path("insikter/chefstjanster/<int:post_pk>/andra/", views.post_edit, name="post_edit"),
    path("insikter/chefstjanster/<int:post_pk>/ta-bort/", views.post_delete, name="post_delete"),
    path(
        "insikter/chefstjanster/<int:post_pk>/sokande/ny/",
        views.applicant_create,
        name="post_applicant_create",
    ),
    path(
        "insikter/chefstjanster/sokande/<int:applicant_pk>/",
        views.applicant_edit,
        name="post_applicant_edit",
    ),
    path(
        "insikter/chefstjanster/sokande/<int:applicant_pk>/ta-bort/",
        views.applicant_delete,
        name="post_applicant_delete",
    ),
    path(
        "insikter/chefstjanster/sokande/<int:applicant_pk>/bedomning/",
        views.post_scorecard,
        name="post_scorecard",
    ),
]
