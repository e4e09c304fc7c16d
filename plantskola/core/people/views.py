"""The start page; logging in: the password form with the organisations' single sign-on
buttons, and the second factor (enrolment of an authenticator app, then a code at each login);
and browsing people and units."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render, resolve_url
from django.utils.http import url_has_allowed_host_and_scheme, urlencode
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django_htmx.middleware import HtmxDetails

from plantskola.access.base import deny_unless
from plantskola.access.core import (
    organisations_for_user,
    people_can_view,
    person_get_for_user,
    unit_get_for_user,
)
from plantskola.access.principal import principal
from plantskola.access.privacy import extract_can_make
from plantskola.core import twofactor
from plantskola.core.models import OrganisationSSO, User
from plantskola.core.pages import sections
from plantskola.core.people import selectors
from plantskola.core.people.forms import PersonFilterForm, TokenForm

PAGE_SIZE = 50


class AuthenticatedHttpRequest(HttpRequest):
    """A request to a `login_required` view (django-stubs' recipe for a known user)."""

    user: User


class HtmxHttpRequest(HttpRequest):
    """A request through django-htmx's middleware (its recipe for typing `request.htmx`)."""

    htmx: HtmxDetails


@login_required
def home(request: HttpRequest) -> HttpResponse:
    """One start page; each section appears for the roles the user has."""
    p = principal(request.user)
    context = {
        "organisations": organisations_for_user(request.user),
        "is_staff_user": bool(p.staff_org_ids) or p.is_superuser,
        "is_hr": bool(p.hr_org_ids) or p.is_superuser,
        "team_size": selectors.team_size(user=request.user),
        "is_manager": p.is_manager,
        **sections("home", user=request.user),
    }
    return render(request, "core/home.html", context)


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
    return resolve_url("core:home")


@never_cache  # the secret and the backup codes must not stay in any cache
@login_required
def otp_setup(request: AuthenticatedHttpRequest) -> HttpResponse:
    """Enrol an authenticator app: QR code and the secret in text, then a first code."""
    if not twofactor.is_pending(request):
        return HttpResponseRedirect(resolve_url("core:home"))
    user = request.user
    if twofactor.confirmed_totp_device(user) is not None:
        return HttpResponseRedirect(resolve_url("core:otp_verify"))
    device = twofactor.enrolment_device(user)
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
def otp_verify(request: AuthenticatedHttpRequest) -> HttpResponse:
    """The second step of a login: a code from the authenticator app or a backup code."""
    if not twofactor.is_pending(request):
        return HttpResponseRedirect(resolve_url("core:home"))
    if twofactor.confirmed_totp_device(request.user) is None:
        return HttpResponseRedirect(resolve_url("core:otp_setup"))
    form = TokenForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        if twofactor.verify_login_code(request, request.user, form.cleaned_data["token"]):
            return HttpResponseRedirect(_next_url(request))
        form.add_error("token", _("The code is wrong or has already been used. Try again."))
    return render(
        request, "registration/otp_verify.html", {"form": form, "next": _next_url(request)}
    )


@login_required
def person_list(request: HtmxHttpRequest) -> HttpResponse:
    deny_unless(people_can_view(request.user))
    form = PersonFilterForm(request.GET or None, user=request.user)
    if form.is_valid():
        people = selectors.person_list(
            user=request.user,
            query=form.cleaned_data["q"],
            unit=form.cleaned_data["unit"],
            managers_only=form.cleaned_data["managers_only"],
            include_inactive=form.cleaned_data["include_inactive"],
        )
    else:
        people = selectors.person_list(user=request.user)
    page = Paginator(people, PAGE_SIZE).get_page(request.GET.get("page"))
    base = {k: str(v) for k, v in request.GET.items() if k != "page" and v}
    context = {
        "form": form,
        "page_obj": page,
        "querystring_base": urlencode(base) + "&" if base else "",
        "total": page.paginator.count,
    }
    template = "core/_person_rows.html" if request.htmx else "core/person_list.html"
    return render(request, template, context)


@login_required
def person_detail(request: HttpRequest, pk: int) -> HttpResponse:
    person = person_get_for_user(request.user, pk)
    context = {
        "person": person,
        "changes": person.changes.all()[:50],
        **sections("person_detail", user=request.user, person=person),
        "reports": selectors.person_reports(user=request.user, person=person),
        "crumbs": [(None, person.full_name)],
        "can_extract": extract_can_make(request.user, person),
    }
    return render(request, "core/person_detail.html", context)


@login_required
def unit_list(request: HttpRequest) -> HttpResponse:
    tree = selectors.unit_tree(user=request.user)
    if not tree:
        deny_unless(people_can_view(request.user))
    return render(request, "core/unit_list.html", {"tree": tree, "title": _("Units")})


@login_required
def unit_detail(request: HttpRequest, pk: int) -> HttpResponse:
    unit = unit_get_for_user(request.user, pk)
    people = selectors.person_list(user=request.user, unit=unit)
    page = Paginator(people, PAGE_SIZE).get_page(request.GET.get("page"))
    context = {
        "unit": unit,
        "children": selectors.unit_children(user=request.user, unit=unit),
        "page_obj": page,
        "querystring_base": "",
    }
    return render(request, "core/unit_detail.html", context)
