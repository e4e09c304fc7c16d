"""Login: the password form with the organisations' single sign-on buttons, and the second
factor (enrolment of an authenticator app, then a code at each login)."""

from __future__ import annotations

from typing import Any

from django import forms
from django.conf import settings
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render, resolve_url
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext_lazy as _
from django.views.decorators.cache import never_cache

from plantskola.core import twofactor
from plantskola.core.models import OrganisationSSO


class TokenForm(forms.Form):
    token = forms.CharField(
        label=_("Code"),
        max_length=20,
        widget=forms.TextInput(
            attrs={"autocomplete": "one-time-code", "inputmode": "numeric", "autofocus": True}
        ),
    )


class LoginView(auth_views.LoginView):
    """Django's login view plus a button per organisation that logs in with single sign-on."""

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        context["otp_off"] = not settings.OTP_REQUIRED
        context["sso_providers"] = OrganisationSSO.objects.filter(enabled=True).select_related(
            "organisation"
        )
        return context


def _next_url(request: HttpRequest) -> str:
    candidate = request.POST.get("next") or request.GET.get("next") or ""
    if candidate and url_has_allowed_host_and_scheme(
        candidate, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return candidate
    return resolve_url("home")


@never_cache  # the secret and the backup codes must not stay in any cache
@login_required
def otp_setup(request: HttpRequest) -> HttpResponse:
    """Enrol an authenticator app: QR code and the secret in text, then a first code."""
    if not twofactor.is_pending(request):
        return HttpResponseRedirect(resolve_url("home"))
    user = request.user
    if twofactor.confirmed_totp_device(user) is not None:  # type: ignore[arg-type]
        return HttpResponseRedirect(resolve_url("otp_verify"))
    device = twofactor.enrolment_device(user)  # type: ignore[arg-type]
    form = TokenForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        codes = twofactor.confirm_enrolment(request, device, form.cleaned_data["token"])
        if codes is not None:
            return render(
                request,
                "registration/otp_backup_codes.html",
                {"codes": codes, "next": _next_url(request)},
            )
        form.add_error(
            "token",
            _("The code did not match. Check that the clock of your phone is right and try again."),
        )
    return render(
        request,
        "registration/otp_setup.html",
        {
            "form": form,
            "qr_svg": twofactor.qr_code_svg(device),
            "secret": twofactor.secret_for_display(device),
            "next": _next_url(request),
        },
    )


@never_cache
@login_required
def otp_verify(request: HttpRequest) -> HttpResponse:
    """The second step of a login: a code from the authenticator app or a backup code."""
    if not twofactor.is_pending(request):
        return HttpResponseRedirect(resolve_url("home"))
    if twofactor.confirmed_totp_device(request.user) is None:  # type: ignore[arg-type]
        return HttpResponseRedirect(resolve_url("otp_setup"))
    form = TokenForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        if twofactor.verify_login_code(request, request.user, form.cleaned_data["token"]):  # type: ignore[arg-type]
            return HttpResponseRedirect(_next_url(request))
        form.add_error("token", _("The code is wrong or has already been used. Try again."))
    return render(
        request, "registration/otp_verify.html", {"form": form, "next": _next_url(request)}
    )
