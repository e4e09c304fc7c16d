"""Talent nominations: the nominator's pages (choose a call, a person, write the nomination),
the nominee's answer, the coordinators' list beside the applications, and the talent pool."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from plantskola.access.admissions import (
    call_get_for_user,
    call_nominations_for_user,
    nominable_call_get_for_user,
    nomination_can_nominate,
    nomination_candidates_for_user,
    nominations_made_for_user,
    nominee_get_for_user,
    own_nomination_get_for_user,
    own_nominations_for_user,
    own_talent_interest,
    talent_pool_organisation_get_for_user,
)
from plantskola.access.core import own_person
from plantskola.access.principal import principal
from plantskola.admissions.nominations import selectors, services
from plantskola.admissions.nominations.forms import InterestForm, NominationForm
from plantskola.admissions.selectors import call_eligibility
from plantskola.core.audit.services import audit_read_many


def _nominating_org_ids(request: HttpRequest) -> set[int] | None:
    p = principal(request.user)
    if p.is_superuser:
        return None
    ids = set(p.hr_org_ids)
    if p.is_manager and p.person_org_id is not None:
        ids.add(p.person_org_id)
    return ids


@login_required
def nomination_home(request: HttpRequest) -> HttpResponse:
    """The nominator's page: open calls to nominate for, and the nominations they made."""
    if not nomination_can_nominate(request.user):
        raise Http404
    calls = [c for c in selectors.open_calls_to_nominate(_nominating_org_ids(request)) if c.is_open]
    context = {
        "calls": calls,
        "nominations": selectors.nominations_made(nominations_made_for_user(request.user)),
    }
    return render(request, "admissions/nominations/home.html", context)


@login_required
def nomination_candidates(request: HttpRequest, call_pk: int) -> HttpResponse:
    """The people the user may nominate to the call, those who may apply first."""
    call = nominable_call_get_for_user(request.user, call_pk)
    people = list(
        nomination_candidates_for_user(request.user)
        .filter(organisation__in=call.organisations.all())
        .select_related("unit")
        .order_by("last_name", "first_name")
    )
    rows = [(person, call_eligibility(call=call, person=person)) for person in people]
    context = {"call": call, "rows": rows}
    return render(request, "admissions/nominations/candidates.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def nomination_create(request: HttpRequest, call_pk: int, person_pk: int) -> HttpResponse:
    call = nominable_call_get_for_user(request.user, call_pk)
    nominee = nominee_get_for_user(request.user, person_pk)
    competencies = selectors.nomination_competencies(call)
    form = NominationForm(request.POST or None, competencies=competencies)
    if request.method == "POST" and form.is_valid():
        try:
            services.nomination_create(
                call=call,
                nominee=nominee,
                nominator=own_person(request.user),
                user=request.user,  # type: ignore[arg-type]  # login_required: a User
                motivation=form.cleaned_data["motivation"],
                evidence=form.cleaned_data["evidence"],
            )
        except ValidationError as exc:
            for message in exc.messages:
                form.add_error(None, message)
        else:
            messages.success(
                request,
                _("%(name)s is nominated and has been told by e-mail.")
                % {"name": nominee.full_name},
            )
            return redirect("admissions:nomination_home")
    rating_fields = [(c, form[f"rating_{c.pk}"], form[f"evidence_{c.pk}"]) for c in competencies]
    context = {"call": call, "nominee": nominee, "form": form, "rating_fields": rating_fields}
    return render(
        request,
        "admissions/nominations/nominate.html",
        context,
        status=400 if form.errors else 200,
    )


@login_required
def own_nominations(request: HttpRequest) -> HttpResponse:
    nominations = own_nominations_for_user(request.user).select_related("call", "nominated_by")
    context = {
        "nominations": nominations,
        "interest": own_talent_interest(request.user),
    }
    return render(request, "admissions/nominations/own_list.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def own_nomination(request: HttpRequest, pk: int) -> HttpResponse:
    """The nominee reads the nomination and accepts or declines it."""
    nomination = own_nomination_get_for_user(request.user, pk)
    if request.method == "POST":
        answer = request.POST.get("answer")
        if answer not in {"accept", "decline"}:
            messages.error(request, _("Choose whether you accept or decline the nomination."))
            return redirect("admissions:own_nomination", pk=nomination.pk)
        try:
            nomination = services.nomination_answer(
                nomination=nomination, accept=answer == "accept"
            )
        except ValidationError as exc:
            for message in exc.messages:
                messages.error(request, message)
            return redirect("admissions:own_nomination", pk=nomination.pk)
        if nomination.application_id is not None:
            messages.success(
                request,
                _(
                    "Your application has been started, with your manager's reference given. "
                    "Complete it and submit it before the call closes."
                ),
            )
            return redirect("admissions:application_edit", call_pk=nomination.call_id)
        messages.success(request, _("You have declined the nomination. Nobody else is told."))
        return redirect("admissions:own_nominations")
    context = {
        "nomination": nomination,
        "items": nomination.competencies.select_related("competency"),
    }
    return render(request, "admissions/nominations/own_detail.html", context)


@login_required
def call_nominations(request: HttpRequest, call_pk: int) -> HttpResponse:
    """The call's nominations beside its applications, for its coordinators: pending and
    accepted ones, with the spread across the organisation."""
    call = call_get_for_user(request.user, call_pk)
    p = principal(request.user)
    data = selectors.call_nominations(
        call_nominations_for_user(request.user, call),
        named_org_ids=None if p.is_superuser else p.staff_org_ids,
    )
    audit_read_many(
        "admissions.nomination",
        ((n.pk, n.nominee_id) for n in data.nominations),
        organisation_id=call.edition.programme.organisation_id,
        note="call nominations",
    )
    return render(
        request, "admissions/nominations/call_nominations.html", {"call": call, "data": data}
    )


@login_required
def talent_pool(request: HttpRequest, slug: str) -> HttpResponse:
    organisation = talent_pool_organisation_get_for_user(request.user, slug=slug)
    entries = selectors.talent_pool(organisation)
    audit_read_many(
        "admissions.talentinterest",
        ((e.interest.pk, e.person.pk) for e in entries),
        organisation_id=organisation.pk,
        note="talent pool",
    )
    context = {"organisation": organisation, "entries": entries}
    return render(request, "admissions/nominations/talent_pool.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def my_talent(request: HttpRequest) -> HttpResponse:
    """The person's own entry in the talent pool: say or withdraw interest in a manager role."""
    person = own_person(request.user)
    if person is None:
        raise Http404
    if request.method == "POST":
        form = InterestForm(request.POST)
        if form.is_valid():
            interested = form.cleaned_data["interested"]
            try:
                services.talent_interest_set(person=person, interested=interested)
            except ValidationError as exc:
                for message in exc.messages:
                    messages.error(request, message)
            else:
                messages.success(
                    request,
                    _("You are in the talent pool.")
                    if interested
                    else _(
                        "You have withdrawn your interest and are no longer in the talent pool."
                    ),
                )
        return redirect("admissions:my_talent")
    interest = own_talent_interest(request.user)
    context = {
        "person": person,
        "eligible": selectors.talent_pool_eligible(person),
        "interest": interest,
        "entry": selectors.talent_entry(interest) if interest else None,
    }
    return render(request, "admissions/nominations/my_talent.html", context)
