from __future__ import annotations

from django.contrib.auth import views as auth_views
from django.urls import include, path

from plantskola.core import sso
from plantskola.core.roster import urls as roster_urls
from plantskola.core.views import audit, auth, documents, home, mail, people

urlpatterns = [
    path("", home.home, name="home"),
    path("logga-in/", auth.LoginView.as_view(), name="login"),
    path("logga-in/tvastegs/", auth.otp_setup, name="otp_setup"),
    path("logga-in/kod/", auth.otp_verify, name="otp_verify"),
    path("logga-in/sso/tillbaka/", sso.SSOCallbackView.as_view(), name="sso_callback"),
    path("logga-in/sso/<slug:slug>/", sso.SSOLoginView.as_view(), name="sso_login"),
    path("logga-ut/", auth_views.LogoutView.as_view(), name="logout"),
    path("personer/", people.person_list, name="person_list"),
    path("personer/<int:pk>/", people.person_detail, name="person_detail"),
    path("enheter/", people.unit_list, name="unit_list"),
    path("enheter/<int:pk>/", people.unit_detail, name="unit_detail"),
    path("", include(roster_urls)),
    path("dokument/<uuid:pk>/", documents.document_detail, name="document_detail"),
    path("dokument/<uuid:pk>/hamta/", documents.document_download, name="document_download"),
    path("utkorg/", mail.outbox, name="outbox"),
    path("utkorg/<int:pk>/", mail.outbox_detail, name="outbox_detail"),
    path("utkorg/<int:pk>/skicka-igen/", mail.outbox_retry, name="outbox_retry"),
    path("organisationer/<slug:slug>/logg/", audit.audit_log, name="audit_log"),
    path(
        "organisationer/<slug:slug>/epostmallar/",
        mail.email_template_list,
        name="email_template_list",
    ),
    path(
        "organisationer/<slug:slug>/epostmallar/<slug:key>/",
        mail.email_template_edit,
        name="email_template_edit",
    ),
]
