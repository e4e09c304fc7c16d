"""The leadership platform: everyone in the organisation reads it; HR administrators edit it."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db import transaction
from django.db.models import Model, Prefetch
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from plantskola.access.actions import can, require
from plantskola.access.base import Action, get_visible_or_404
from plantskola.access.competencies import platform_organisations_for_user
from plantskola.competencies import services
from plantskola.competencies.forms import CompetencyForm, ProfileForm, ValueForm
from plantskola.competencies.models import (
    Competency,
    ProfileRequirement,
    RequirementProfile,
    Value,
)
from plantskola.core.models import Organisation


def _organisation(request: HttpRequest, slug: str, action: Action = Action.VIEW) -> Organisation:
    organisation = get_visible_or_404(platform_organisations_for_user(request.user), slug=slug)
    if action == Action.CHANGE:
        require(request.user, Action.CHANGE, organisation)
    return organisation


def _crumbs(organisation: Organisation, *last: tuple[str | None, str]) -> list[Any]:
    url = reverse("platform_detail", args=[organisation.slug])
    return [(url, _("Leadership platform of %(name)s") % {"name": organisation.name}), *last]


@login_required
def platform_home(request: HttpRequest) -> HttpResponse:
    """The platform of the user's own organisation (or the first they have a role in)."""
    organisations = list(platform_organisations_for_user(request.user).order_by("name"))
    if not organisations:
        raise Http404
    if len(organisations) == 1:
        return redirect("platform_detail", slug=organisations[0].slug)
    return render(request, "competencies/platform_choose.html", {"organisations": organisations})


@login_required
def platform_detail(request: HttpRequest, slug: str) -> HttpResponse:
    organisation = _organisation(request, slug)
    competencies = Competency.objects.filter(organisation=organisation).select_related("value")
    profiles = RequirementProfile.objects.filter(organisation=organisation).prefetch_related(
        Prefetch(
            "requirements",
            queryset=ProfileRequirement.objects.select_related("competency"),
        )
    )
    context = {
        "organisation": organisation,
        "values": Value.objects.filter(organisation=organisation),
        "competencies": competencies.prefetch_related("levels"),
        "profiles": profiles,
        "can_change": can(request.user, Action.CHANGE, organisation),
    }
    return render(request, "competencies/platform_detail.html", context)


def _edit(
    request: HttpRequest,
    *,
    organisation: Organisation,
    form: forms.ModelForm,
    title: str,
    save: Any,
) -> HttpResponse:
    if request.method == "POST" and form.is_valid():
        save(form)
        messages.success(request, _("Saved."))
        return redirect("platform_detail", slug=organisation.slug)
    context = {
        "form": form,
        "title": title,
        "organisation": organisation,
        "cancel_url": reverse("platform_detail", args=[organisation.slug]),
        "crumbs": _crumbs(organisation, (None, title)),
    }
    return render(request, "form_page.html", context, status=400 if form.errors else 200)


def _get(model: type[Model], organisation: Organisation, pk: int | None) -> Any:
    if pk is None:
        return model(organisation=organisation)  # type: ignore[call-arg]
    return get_visible_or_404(model._default_manager.filter(organisation=organisation), pk=pk)


@login_required
@require_http_methods(["GET", "POST"])
def value_edit(request: HttpRequest, slug: str, pk: int | None = None) -> HttpResponse:
    organisation = _organisation(request, slug, Action.CHANGE)
    value = _get(Value, organisation, pk)
    form = ValueForm(request.POST or None, instance=value)
    return _edit(
        request,
        organisation=organisation,
        form=form,
        title=_("Edit value") if pk else _("New value"),
        save=lambda f: f.save(),
    )


@login_required
@require_http_methods(["GET", "POST"])
def competency_edit(request: HttpRequest, slug: str, pk: int | None = None) -> HttpResponse:
    organisation = _organisation(request, slug, Action.CHANGE)
    competency = _get(Competency, organisation, pk)
    form = CompetencyForm(request.POST or None, instance=competency)
    return _edit(
        request,
        organisation=organisation,
        form=form,
        title=_("Edit competency") if pk else _("New competency"),
        save=lambda f: services.competency_save(competency=f.instance, levels=f.levels()),
    )


@login_required
@require_http_methods(["GET", "POST"])
def profile_edit(request: HttpRequest, slug: str, pk: int | None = None) -> HttpResponse:
    organisation = _organisation(request, slug, Action.CHANGE)
    profile = _get(RequirementProfile, organisation, pk)
    form = ProfileForm(request.POST or None, instance=profile)
    return _edit(
        request,
        organisation=organisation,
        form=form,
        title=_("Edit requirement profile") if pk else _("New requirement profile"),
        save=lambda f: services.profile_save(profile=f.instance, requirements=f.requirements()),
    )


_DELETABLE: dict[str, type[Model]] = {
    "varde": Value,
    "kompetens": Competency,
    "kravprofil": RequirementProfile,
}


@login_required
@require_http_methods(["GET", "POST"])
def item_delete(request: HttpRequest, slug: str, kind: str, pk: int) -> HttpResponse:
    organisation = _organisation(request, slug, Action.CHANGE)
    if kind not in _DELETABLE:
        raise Http404
    item = _get(_DELETABLE[kind], organisation, pk)
    if request.method == "POST":
        with transaction.atomic():
            item.delete()
        messages.success(request, _("%(name)s was removed.") % {"name": item})
        return redirect("platform_detail", slug=organisation.slug)
    context = {
        "item": item,
        "organisation": organisation,
        "crumbs": _crumbs(organisation, (None, str(item))),
    }
    return render(request, "competencies/confirm_delete.html", context)
