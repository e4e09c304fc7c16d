""" "Nya chefer": the list, the introduction's rule, and proposing new managers for the next
edition (one by one, or all shown after a preview with the count, as a queued job)."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse, QueryDict
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from plantskola.access.base import Action
from plantskola.access.introduction import (
    introduction_programmes_for_user,
    new_managers_can_propose,
    new_managers_organisation_get_for_user,
    new_managers_people_for_user,
)
from plantskola.core.models import Organisation, OrgUnit
from plantskola.core.pages import Crumb, breadcrumbs, form_page
from plantskola.programmes.enrolment.services import bulk_job_request
from plantskola.programmes.introduction.forms import (
    IntroductionRuleForm,
    NewManagersFilterForm,
    ProposeAllForm,
    ProposeOneForm,
)
from plantskola.programmes.introduction.selectors import (
    NewManager,
    administrations,
    introduction_rule,
    new_managers,
    next_edition,
)
from plantskola.programmes.introduction.services import (
    introduction_rule_set,
    new_manager_propose,
)
from plantskola.programmes.models import BulkJob


def _list_url(organisation: Organisation, administration: OrgUnit | None = None) -> str:
    url = reverse("programmes:new_managers", args=[organisation.slug])
    if administration is not None:
        url += "?" + urlencode({"administration": administration.pk})
    return url


def _crumbs(organisation: Organisation, title: str | None = None) -> list[Crumb]:
    if title is None:
        return breadcrumbs((None, _("New managers")))
    return breadcrumbs((_list_url(organisation), _("New managers")), (None, title))


def _filtered(
    organisation: Organisation, data: QueryDict
) -> tuple[NewManagersFilterForm, OrgUnit | None, list[NewManager]]:
    form = NewManagersFilterForm(
        data if "administration" in data else None,
        administrations=administrations(organisation),
    )
    administration = form.cleaned_data["administration"] if form.is_valid() else None
    rows = new_managers(
        organisation=organisation,
        rule=introduction_rule(organisation),
        today=timezone.localdate(),
        administration=administration,
    )
    return form, administration, rows


@login_required
@require_http_methods(["GET"])
def new_managers_list(request: HttpRequest, slug: str) -> HttpResponse:
    organisation = new_managers_organisation_get_for_user(request.user, slug)
    form, administration, rows = _filtered(organisation, request.GET)
    rule = introduction_rule(organisation)
    context: dict[str, Any] = {
        "organisation": organisation,
        "form": form,
        "administration": administration,
        "rows": rows,
        "rule": rule,
        "edition": next_edition(rule, today=timezone.localdate()),
        "proposable": sum(1 for row in rows if row.proposable),
        "overdue": sum(1 for row in rows if row.overdue),
        "can_propose": new_managers_can_propose(request.user, organisation),
        "crumbs": _crumbs(organisation),
    }
    return render(request, "programmes/new_managers.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def new_managers_rule(request: HttpRequest, slug: str) -> HttpResponse:
    organisation = new_managers_organisation_get_for_user(request.user, slug, action=Action.CHANGE)
    rule = introduction_rule(organisation)
    initial = {"programme": rule.programme, "within_days": rule.within_days} if rule else None
    form = IntroductionRuleForm(
        request.POST if request.method == "POST" else None,
        initial=initial,
        programmes=introduction_programmes_for_user(request.user, organisation),
    )
    if form.is_valid():
        try:
            introduction_rule_set(
                organisation=organisation,
                programme=form.cleaned_data["programme"],
                within_days=form.cleaned_data["within_days"],
            )
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, _("The introduction for new managers was saved."))
            return redirect(_list_url(organisation))
    title = _("Introduction for new managers")
    return form_page(
        request,
        form,
        title=title,
        crumbs=_crumbs(organisation, title),
        cancel_url=_list_url(organisation),
        intro=_(
            "New managers from the roster are proposed for the next edition of this programme; "
            "those not enrolled within the number of days are shown as overdue."
        ),
    )


@login_required
@require_POST
def new_manager_propose_one(request: HttpRequest, slug: str) -> HttpResponse:
    organisation = new_managers_organisation_get_for_user(request.user, slug, action=Action.CHANGE)
    back = _list_url(organisation)
    edition = next_edition(introduction_rule(organisation), today=timezone.localdate())
    form = ProposeOneForm(
        request.POST, people=new_managers_people_for_user(request.user, organisation)
    )
    if edition is None:
        messages.error(request, _("The introduction has no coming edition to propose for."))
        return redirect(back)
    if not form.is_valid():
        messages.error(request, _("Choose a new manager of the organisation; nothing was changed."))
        return redirect(back)
    person = form.cleaned_data["person"]
    try:
        new_manager_propose(
            organisation=organisation,
            edition=edition,
            person=person,
            base_url=request.build_absolute_uri("/"),
        )
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(
            request,
            _("%(name)s was enrolled in %(edition)s and invited; their manager was told.")
            % {"name": person.full_name, "edition": edition.name},
        )
    return redirect(back)


@login_required
@require_http_methods(["GET", "POST"])
def new_managers_propose_all(request: HttpRequest, slug: str) -> HttpResponse:
    """The preview (GET: who would be proposed, with the count) and the confirmation (POST:
    the same list again, checked against the count shown, queued as a job)."""
    organisation = new_managers_organisation_get_for_user(request.user, slug, action=Action.CHANGE)
    data = request.POST if request.method == "POST" else request.GET
    form, administration, rows = _filtered(organisation, data)
    chosen = [row for row in rows if row.proposable]
    edition = next_edition(introduction_rule(organisation), today=timezone.localdate())
    if request.method == "POST":
        confirm = ProposeAllForm(request.POST)
        back = reverse("programmes:new_managers_propose", args=[organisation.slug])
        if administration is not None:
            back += "?" + urlencode({"administration": administration.pk})
        if edition is None or not chosen:
            messages.error(request, _("Nobody to propose; nothing was changed."))
            return redirect(_list_url(organisation, administration))
        if not confirm.is_valid() or confirm.cleaned_data["expected"] != len(chosen):
            messages.error(
                request,
                _(
                    "The list has changed since the preview: %(now)s new managers would be "
                    "proposed now. Check the list again before you confirm."
                )
                % {"now": len(chosen)},
            )
            return redirect(back)
        job = bulk_job_request(
            edition=edition,
            kind=BulkJob.Kind.INTRODUCE,
            params={
                "person_ids": [row.person.pk for row in chosen],
                "base_url": request.build_absolute_uri("/"),
            },
            total=len(chosen),
            user=request.user,  # type: ignore[arg-type]  # login_required: a User
        )
        return redirect("programmes:bulk_job_detail", pk=job.pk)
    title = _("Propose new managers for the introduction")
    context = {
        "organisation": organisation,
        "administration": administration,
        "form": form,
        "chosen": chosen,
        "edition": edition,
        "title": title,
        "crumbs": _crumbs(organisation, title),
    }
    return render(request, "programmes/new_managers_propose.html", context)
