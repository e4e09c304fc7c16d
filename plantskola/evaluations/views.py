"""Evaluation pages: the list, templates and threshold, creating and sending a survey, the
anonymous form, the report with exports, and the edition's comparison and trend."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from plantskola.access.actions import get_for_action_or_404
from plantskola.access.base import Action, get_visible_or_404
from plantskola.access.evaluations import (
    evaluation_organisations_for_user,
    survey_can_manage,
    survey_can_view_results,
    survey_templates_for_user,
    surveys_for_user,
)
from plantskola.access.events import events_for_user
from plantskola.access.principal import principal
from plantskola.access.programmes import editions_for_user, sessions_for_user
from plantskola.core.models import Organisation
from plantskola.evaluations import reports, selectors, services
from plantskola.evaluations.forms import (
    AnswerForm,
    QuestionForm,
    SurveyForm,
    TemplateForm,
    ThresholdForm,
)
from plantskola.evaluations.models import Survey, SurveyTemplate
from plantskola.programmes.models import Edition, Module

HOME = (None, "")


def _crumbs(*last: tuple[str | None, str]) -> list[tuple[str | None, str]]:
    return [(reverse("survey_list"), _("Evaluations")), *last]


def _survey_or_404(request: HttpRequest, pk: int) -> Survey:
    return get_visible_or_404(
        surveys_for_user(request.user).select_related(
            "organisation", "template", "edition__programme", "module", "session", "event"
        ),
        pk=pk,
    )


def _survey_for_results(request: HttpRequest, pk: int) -> Survey:
    survey = _survey_or_404(request, pk)
    if not survey_can_view_results(request.user, survey):
        raise PermissionDenied
    return survey


def _survey_for_manage(request: HttpRequest, pk: int) -> Survey:
    survey = _survey_or_404(request, pk)
    if not survey_can_manage(request.user, survey):
        raise PermissionDenied
    return survey


@login_required
@require_GET
def survey_list(request: HttpRequest) -> HttpResponse:
    p = principal(request.user)
    today = timezone.localdate()
    readable = [
        s
        for s in surveys_for_user(request.user).select_related(
            "organisation", "edition__programme", "module", "session", "event", "template"
        )
        if survey_can_view_results(request.user, s)
    ]
    mine = selectors.open_surveys_for_person(p.person_id, today) if p.person_id else []
    context = {
        "readable": readable,
        "mine": mine,
        "organisations": list(evaluation_organisations_for_user(request.user)),
        "can_create": survey_templates_for_user(request.user).exists(),
        "today": today,
        "crumbs": [(None, _("Evaluations"))],
    }
    return render(request, "evaluations/survey_list.html", context)


def _organisation_or_404(request: HttpRequest, slug: str) -> Organisation:
    return get_visible_or_404(evaluation_organisations_for_user(request.user), slug=slug)


@login_required
@require_http_methods(["GET", "POST"])
def survey_template_list(request: HttpRequest, slug: str) -> HttpResponse:
    """An organisation's templates (and a new one), and its reporting threshold."""
    organisation = _organisation_or_404(request, slug)
    threshold = selectors.threshold_for(organisation)
    form = TemplateForm()
    threshold_form = ThresholdForm(initial={"threshold": threshold})
    if request.method == "POST" and request.POST.get("action") == "threshold":
        threshold_form = ThresholdForm(request.POST)
        if threshold_form.is_valid():
            services.settings_update(
                organisation=organisation, threshold=threshold_form.cleaned_data["threshold"]
            )
            messages.success(request, _("The threshold was saved."))
            return redirect("survey_template_list", slug=slug)
    elif request.method == "POST":
        form = TemplateForm(request.POST)
        if form.is_valid():
            try:
                template = services.template_create(organisation=organisation, **form.cleaned_data)
            except ValidationError as exc:
                form.add_error(None, exc)
            else:
                messages.success(request, _("The template was created. Add its questions."))
                return redirect(template)
    context = {
        "organisation": organisation,
        "templates": organisation.survey_templates.all(),
        "form": form,
        "threshold_form": threshold_form,
        "threshold": threshold,
        "crumbs": _crumbs((None, _("Survey templates: %(org)s") % {"org": organisation.name})),
    }
    status = 400 if request.method == "POST" else 200
    return render(request, "evaluations/template_list.html", context, status=status)


@login_required
@require_http_methods(["GET", "POST"])
def survey_template_detail(request: HttpRequest, pk: int) -> HttpResponse:
    template = get_visible_or_404(
        survey_templates_for_user(request.user).select_related("organisation"), pk=pk
    )
    locked = services.template_is_locked(template)
    form = QuestionForm(initial={"kind": "rating", "scale_min": 1, "scale_max": 6})
    status = 200
    if request.method == "POST":
        form = QuestionForm(request.POST)
        if form.is_valid():
            try:
                services.question_add(template=template, **form.cleaned_data)
            except ValidationError as exc:
                form.add_error(None, exc)
            else:
                messages.success(request, _("The question was added."))
                return redirect(template)
        status = 400
    context = {
        "template": template,
        "questions": template.questions.all(),
        "form": form,
        "locked": locked,
        "crumbs": _crumbs(
            (
                reverse("survey_template_list", args=[template.organisation.slug]),
                template.organisation.name,
            ),
            (None, template.name),
        ),
    }
    return render(request, "evaluations/template_detail.html", context, status=status)


def _targets(
    request: HttpRequest,
) -> tuple[list[tuple[str, list[tuple[str, str]]]], dict[str, Any]]:
    """What a survey can be attached to, among what the user runs: "kind:pk" → object."""
    p = principal(request.user)
    editions = [
        e
        for e in editions_for_user(request.user).select_related("programme")
        if p.is_superuser
        or e.programme.organisation_id in p.managing_org_ids
        or any(prog == e.programme_id and ed in (None, e.pk) for prog, ed in p.coordinator_scopes)
    ]
    ids = [e.pk for e in editions]
    objects: dict[str, Any] = {}
    choices: list[tuple[str, list[tuple[str, str]]]] = []
    for e in editions:
        objects[f"edition:{e.pk}"] = e
    choices.append(
        (_("Editions"), [(f"edition:{e.pk}", f"{e.programme.name}: {e.name}") for e in editions])
    )
    modules = Module.objects.filter(edition_id__in=ids).select_related("edition")
    choices.append(
        (_("Modules"), [(f"module:{m.pk}", f"{m.edition.name}: {m.name}") for m in modules])
    )
    objects.update({f"module:{m.pk}": m for m in modules})
    sessions = (
        sessions_for_user(request.user)
        .filter(edition_id__in=ids)
        .select_related("edition", "module")
    )
    choices.append(
        (_("Sessions"), [(f"session:{s.pk}", f"{s.edition.name}: {s}") for s in sessions])
    )
    objects.update({f"session:{s.pk}": s for s in sessions})
    events = (
        events_for_user(request.user).filter(organisation_id__in=p.managing_org_ids)
        if not p.is_superuser
        else events_for_user(request.user)
    )
    choices.append(
        (_("Events"), [(f"event:{ev.pk}", f"{ev.title} ({ev.date:%Y-%m-%d})") for ev in events])
    )
    objects.update({f"event:{ev.pk}": ev for ev in events})
    return choices, objects


@login_required
@require_http_methods(["GET", "POST"])
def survey_create(request: HttpRequest) -> HttpResponse:
    templates = survey_templates_for_user(request.user).select_related("organisation")
    if not evaluation_organisations_for_user(request.user).exists():
        raise PermissionDenied
    choices, objects = _targets(request)
    today = timezone.localdate()
    form = SurveyForm(
        request.POST or None,
        templates=templates,
        targets=choices,
        initial={"opens_on": today, "closes_on": today + dt.timedelta(days=14)},
    )
    status = 200
    if request.method == "POST":
        if form.is_valid():
            data = form.cleaned_data
            try:
                survey = services.survey_create(
                    template=data["template"],
                    title=data["title"],
                    target=objects[data["target"]],
                    opens_on=data["opens_on"],
                    closes_on=data["closes_on"],
                    is_anonymous=data["is_anonymous"],
                )
            except ValidationError as exc:
                form.add_error(None, exc)
            else:
                messages.success(request, _("The survey was created."))
                return redirect(survey)
        status = 400
    context = {
        "form": form,
        "title": _("New survey"),
        "crumbs": _crumbs((None, _("New survey"))),
        "submit": _("Create survey"),
    }
    return render(request, "form_page.html", context, status=status)


@login_required
@require_GET
def survey_detail(request: HttpRequest, pk: int) -> HttpResponse:
    survey = _survey_for_results(request, pk)
    group_filter = request.GET.get("grupp") or None
    question_reports, group_choices = reports.survey_report(survey, group_filter=group_filter)
    questions = list(survey.template.questions.all())
    if group_filter and group_filter not in {k for k, _label in group_choices}:
        raise Http404
    context = {
        "survey": survey,
        "reports": question_reports,
        "group_choices": group_choices,
        "group_filter": group_filter,
        "rate": selectors.response_rate(survey),
        "threshold": selectors.threshold_for(survey.organisation_id),
        "manage": survey_can_manage(request.user, survey),
        "named": reports.named_rows(survey, questions)
        if survey_can_manage(request.user, survey)
        else [],
        "questions": questions,
        "is_open": survey.is_open(timezone.localdate()),
        "fmt": reports.fmt,
        "crumbs": _crumbs((None, survey.title)),
    }
    return render(request, "evaluations/survey_detail.html", context)


@login_required
@require_POST
def survey_send(request: HttpRequest, pk: int) -> HttpResponse:
    survey = _survey_for_manage(request, pk)
    try:
        count = services.survey_send_invitations(survey=survey, today=timezone.localdate())
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(
            request,
            ngettext("%(n)d invitation was queued.", "%(n)d invitations were queued.", count)
            % {"n": count},
        )
    return redirect(survey)


@login_required
@require_http_methods(["GET", "POST"])
def survey_answer(request: HttpRequest, pk: int) -> HttpResponse:
    survey = _survey_or_404(request, pk)
    p = principal(request.user)
    if p.person_id is None or not selectors.is_respondent(survey, p.person_id):
        raise PermissionDenied
    person = request.user.person  # type: ignore[union-attr]
    today = timezone.localdate()
    questions = list(survey.template.questions.all())
    # Late joiners get their token now, while only looking at the form (see models.py).
    services.tokens_sync(survey=survey)
    answered = selectors.has_answered(survey, p.person_id)
    form = AnswerForm(request.POST or None, questions=questions)
    status = 200
    if request.method == "POST" and not answered:
        try:
            services.response_submit(
                survey=survey, person=person, answers=form.answers(), today=today
            )
        except ValidationError as exc:
            if hasattr(exc, "error_dict"):
                for name, errors in exc.message_dict.items():
                    for error in errors:
                        form.add_error(name if name in form.fields else None, error)
            else:
                form.add_error(None, exc)
            status = 400
        else:
            messages.success(
                request,
                _("Thank you! Your answers have been saved anonymously.")
                if survey.is_anonymous
                else _("Thank you! Your answers have been saved."),
            )
            return redirect("survey_answer", pk=survey.pk)
    context = {
        "survey": survey,
        "form": form,
        "answered": answered,
        "is_open": survey.is_open(today),
        "crumbs": _crumbs((None, survey.title)),
    }
    return render(request, "evaluations/survey_answer.html", context, status=status)


def _download(content: bytes, content_type: str, filename: str) -> HttpResponse:
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response["Cache-Control"] = "private, no-store"
    return response


@login_required
@require_GET
def survey_export_xlsx(request: HttpRequest, pk: int) -> HttpResponse:
    survey = _survey_for_results(request, pk)
    content = reports.survey_xlsx(survey, rate=selectors.response_rate(survey))
    return _download(
        content,
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        f"utvardering-{slugify(survey.title)}.xlsx",
    )


@login_required
@require_GET
def survey_export_pdf(request: HttpRequest, pk: int) -> HttpResponse:
    survey = _survey_for_results(request, pk)
    content = reports.survey_pdf(survey, rate=selectors.response_rate(survey))
    return _download(content, "application/pdf", f"utvardering-{slugify(survey.title)}.pdf")


@login_required
@require_GET
def edition_evaluations(request: HttpRequest, pk: int) -> HttpResponse:
    """Comparison across the edition's groups and modules, and the trend across editions."""
    edition: Edition = get_for_action_or_404(
        request.user,
        editions_for_user(request.user).select_related("programme__organisation"),
        Action.CHANGE,
        pk=pk,
    )
    templates = list(selectors.edition_templates(edition))
    chosen: SurveyTemplate | None = templates[0] if templates else None
    wanted = request.GET.get("mall")
    if wanted:
        chosen = next((t for t in templates if str(t.pk) == wanted), None)
        if chosen is None:
            raise Http404
    comparison = reports.edition_comparison(edition, chosen) if chosen else []
    trends, trend_chart = reports.edition_trend(edition, chosen) if chosen else ([], None)
    context = {
        "edition": edition,
        "templates": templates,
        "chosen": chosen,
        "comparison": comparison,
        "trends": trends,
        "trend_chart": trend_chart,
        "surveys": Survey.objects.filter(edition=edition).select_related("module", "session"),
        "threshold": selectors.threshold_for(edition.programme.organisation_id),
        "fmt": reports.fmt,
        "crumbs": [
            (reverse("programme_detail", args=[edition.programme_id]), edition.programme.name),
            (reverse("edition_detail", args=[edition.pk]), edition.name),
            (None, _("Evaluations")),
        ],
    }
    return render(request, "evaluations/edition_evaluations.html", context)
