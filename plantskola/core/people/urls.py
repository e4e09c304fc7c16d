from __future__ import annotations

from django.contrib.auth import views as auth_views
from django.urls import path

from plantskola.core import sso
from plantskola.core.people import views

urlpatterns = [
    path("", views.home, name="home"),
    path("logga-in/", views.LoginView.as_view(), name="login"),
    path("logga-in/tvastegs/", views.otp_setup, name="otp_setup"),
    path("logga-in/kod/", views.otp_verify, name="otp_verify"),
    path("logga-in/sso/tillbaka/", sso.SSOCallbackView.as_view(), name="sso_callback"),
    path("logga-in/sso/<slug:slug>/", sso.SSOLoginView.as_view(), name="sso_login"),
    path("logga-ut/", auth_views.LogoutView.as_view(), name="logout"),
    path("personer/", views.person_list, name="person_list"),
    path("personer/<int:pk>/", views.person_detail, name="person_detail"),
    path("enheter/", views.unit_list, name="unit_list"),
    path("enheter/<int:pk>/", views.unit_detail, name="unit_detail"),
]
