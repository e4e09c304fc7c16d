from __future__ import annotations

from django.urls import path

from plantskola.competencies import views

base = "organisationer/<slug:slug>/ledarplattform/"
app_name = "competencies"

urlpatterns = [
    path("ledarplattform/", views.platform_home, name="platform_home"),
    path(base, views.platform_detail, name="platform_detail"),
    path(f"{base}varden/ny/", views.value_edit, name="value_create"),
    path(f"{base}varden/<int:pk>/", views.value_edit, name="value_update"),
    path(f"{base}kompetenser/ny/", views.competency_edit, name="competency_create"),
    path(f"{base}kompetenser/<int:pk>/", views.competency_edit, name="competency_update"),
    path(f"{base}kravprofiler/ny/", views.profile_edit, name="profile_create"),
    path(f"{base}kravprofiler/<int:pk>/", views.profile_edit, name="profile_update"),
    path(f"{base}<str:kind>/<int:pk>/ta-bort/", views.item_delete, name="platform_item_delete"),
]
