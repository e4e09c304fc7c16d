from __future__ import annotations

from django.urls import path

from plantskola.development.plans import views

urlpatterns = [
    path("min-utveckling/", views.my_development, name="my_development"),
    path("min-utveckling/<int:participant_pk>/plan/", views.plan_start, name="plan_start"),
    path(
        "min-utveckling/reflektioner/<int:session_pk>/",
        views.reflection_edit,
        name="reflection_edit",
    ),
    path("planer/<int:pk>/", views.plan_detail, name="plan_detail"),
    path("planer/<int:pk>/inriktning/", views.plan_direction, name="plan_direction"),
    path("planer/<int:pk>/mal/nytt/", views.goal_create, name="goal_create"),
    path("planer/<int:pk>/dela/", views.plan_share, name="plan_share"),
    path("planer/<int:pk>/kommentera/", views.plan_comment, name="plan_comment"),
    path("planer/<int:pk>/pdf/", views.plan_pdf, name="plan_pdf"),
    path("planer/<int:pk>/kravprofil/", views.plan_profile, name="plan_profile"),
    path("planer/<int:pk>/indikatorer/", views.plan_indicators, name="plan_indicators"),
    path("planer/<int:pk>/skattning/<str:phase>/", views.self_assessment, name="self_assessment"),
    path("planer/mal/<int:pk>/", views.goal_update, name="goal_update"),
    path("planer/mal/<int:pk>/ta-bort/", views.goal_delete, name="goal_delete"),
    path("planer/mal/<int:pk>/aktiviteter/ny/", views.action_create, name="action_create"),
    path("planer/aktiviteter/<int:pk>/", views.action_update, name="action_update"),
    path("planer/aktiviteter/<int:pk>/klar/", views.action_done, name="action_done"),
    path("planer/aktiviteter/<int:pk>/angra-klar/", views.action_undo, name="action_undo"),
    path("planer/aktiviteter/<int:pk>/ta-bort/", views.action_delete, name="action_delete"),
    path("delade-planer/", views.shared_plans, name="shared_plans"),
    path("omgangar/<int:pk>/planer/", views.edition_plans, name="edition_plans"),
]
