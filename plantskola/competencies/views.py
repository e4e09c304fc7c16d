"""The leadership platform: everyone in the organisation reads it; HR administrators edit it."""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from plantskola.access.base import Action, UserLike
from plantskola.access.competencies import (
    PlatformItem,
    platform_can_change,
    platform_get_for_user,
    platform_item_get_for_user,
    platform_organisations_for_user,
)
from plantskola.competencies import selectors, services
from plantskola.competencies.forms import CompetencyForm, ProfileForm, ValueForm
from plantskola.competencies.models import Competency, RequirementProfile, Value
from plantskola.core.models import Organisation
from plantskola.core.pages import Crumb, breadcrumbs, form_page

F = TypeVar("F", bound=forms.BaseForm)


def platform_trail(organisation: Organisation) -> list[Crumb]:
    url = reverse("competencies:platform_detail", args=[organisation.slug])
    return [(url, _("Leadership platform of %(name)s") % {"name": organisation.name})]


@login_required
def platform_home(request: HttpRequest) -> HttpResponse:
    """The platform of the user's own organisation (or the first they have a role in)."""
    organisations = list(platform_organisations_for_user(request.user).order_by("name"))
    if not organisations:
        raise Http404
    if len(organisations) == 1:
        return redirect("competencies:platform_detail", slug=organisations[0].slug)
    return render(request, "competencies/platform_choose.html", {"organisations": organisations})


@login_required
def platform_detail(request: HttpRequest, slug: str) -> HttpResponse:
    organisation = platform_get_for_user(request.user, slug=slug)
    context = {
        "organisation": organisation,
        **selectors.platform_contents(organisation=organisation),
        "can_change": platform_can_change(request.user, organisation),
    }
    return render(request, "competencies/platform_detail.html", context)


def _item_or_new(
    user: UserLike, model: type[PlatformItem], pk: int | None, *, organisation: Organisation
) -> PlatformItem:
    """The item to edit: a new one of the organisation, or an existing one HR may change."""
    if pk is None:
        return model(organisation=organisation)
    return platform_item_get_for_user(
        user, model, pk, organisation=organisation, action=Action.CHANGE
    )


def _edit(
    request: HttpRequest,
    *,
    organisation: Organisation,
    form: F,
    title: str,
    save: Callable[[F], object],
) -> HttpResponse:
    """The edit page of a platform item: save and back to the platform, or the form again."""
    if request.method == "POST" and form.is_valid():
        save(form)
        messages.success(request, _("Saved."))
        return redirect("competencies:platform_detail", slug=organisation.slug)
    return form_page(
        request,
        form,
        title=title,
        crumbs=breadcrumbs(platform_trail(organisation), (None, title)),
        cancel_url=reverse("competencies:platform_detail", args=[organisation.slug]),
    )


@login_required
@require_http_methods(["GET", "POST"])
def value_edit(request: HttpRequest, slug: str, pk: int | None = None) -> HttpResponse:
    organisation = platform_get_for_user(request.user, slug=slug, action=Action.CHANGE)
    value = _item_or_new(request.user, Value, pk, organisation=organisation)
    return _edit(
        request,
        organisation=organisation,
        form=ValueForm(request.POST or None, instance=value),
        title=_("Edit value") if pk else _("New value"),
        save=lambda f: services.value_save(value=f.instance),
    )


@login_required
@require_http_methods(["GET", "POST"])
def competency_edit(request: HttpRequest, slug: str, pk: int | None = None) -> HttpResponse:
    organisation = platform_get_for_user(request.user, slug=slug, action=Action.CHANGE)
    competency = _item_or_new(request.user, Competency, pk, organisation=organisation)
    return _edit(
        request,
        organisation=organisation,
        form=CompetencyForm(request.POST or None, instance=competency),
        title=_("Edit competency") if pk else _("New competency"),
        save=lambda f: services.competency_save(competency=f.instance, levels=f.levels()),
    )


@login_required
@require_http_methods(["GET", "POST"])
def profile_edit(request: HttpRequest, slug: str, pk: int | None = None) -> HttpResponse:
    organisation = platform_get_for_user(request.user, slug=slug, action=Action.CHANGE)
    profile = _item_or_new(request.user, RequirementProfile, pk, organisation=organisation)
    return _edit(
        request,
        organisation=organisation,
        form=ProfileForm(request.POST or None, instance=profile),
        title=_("Edit requirement profile") if pk else _("New requirement profile"),
        save=lambda f: services.profile_save(profile=f.instance, requirements=f.requirements()),
    )


_DELETABLE: dict[str, type[Value] | type[Competency] | type[RequirementProfile]] = {
    "varde": Value,
    "kompetens": Competency,
    "kravprofil": RequirementProfile,
}


@login_required
@require_http_methods(["GET", "POST"])
def item_delete(request: HttpRequest, slug: str, kind: str, pk: int) -> HttpResponse:
    organisation = platform_get_for_user(request.user, slug=slug, action=Action.CHANGE)
    if kind not in _DELETABLE:
        raise Http404
    item = platform_item_get_for_user(
        request.user, _DELETABLE[kind], pk, organisation=organisation, action=Action.CHANGE
    )
    if request.method == "POST":
        services.platform_item_delete(item=item)
        messages.success(request, _("%(name)s was removed.") % {"name": item})
        return redirect("competencies:platform_detail", slug=organisation.slug)
    context = {
        "item": item,
        "organisation": organisation,
        "crumbs": breadcrumbs(platform_trail(organisation), (None, str(item))),
    }
    return render(request, "competencies/confirm_delete.html", context)
