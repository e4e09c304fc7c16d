"""Evaluation pages: the list, templates and threshold, creating and sending a survey, the
anonymous form, the report with exports, and the edition's comparison and trend."""

from __future__ import annotations

import datetime as dt

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

from plantskola.access.base import Action, deny_unless
from plantskola.access.core import own_person
from plantskola.access.evaluations import (
    edition_evaluations_can_view,
    edition_evaluations_get_for_user,
    evaluation_organisation_get_for_user,
    evaluation_organisations_for_user,
    survey_can_create,
    survey_can_manage,
    survey_get_for_user,
    survey_template_get_for_user,
    survey_templates_for_user,
)
from plantskola.access.principal import principal
from plantskola.core.pages import Crumb, breadcrumbs, form_page
from plantskola.evaluations import reports, selectors, services
from plantskola.evaluations.forms import (
    AnswerForm,
    QuestionForm,
    SurveyForm,
    TemplateForm,
    ThresholdForm,
)
from plantskola.evaluations.models import Survey, SurveyTemplate
from plantskola.programmes.pages import edition_trail


def evaluations_trail() -> list[Crumb]:
    return [(reverse("evaluations:survey_list"), _("Evaluations"))]


@login_required
@require_GET
def survey_list(request: HttpRequest) -> HttpResponse:
    p = principal(request.user)
    today = timezone.localdate()
    mine = selectors.open_surveys_for_person(p.person_id, today) if p.person_id else []
    context = {
        "readable": selectors.surveys_with_readable_results(request.user),
        "mine": mine,
        "organisations": list(evaluation_organisations_for_user(request.user)),
        "can_create": survey_templates_for_user(request.user).exists(),
        "today": today,
        "crumbs": [(None, _("Evaluations"))],
    }
    return render(request, "evaluations/survey_list.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def survey_template_list(request: HttpRequest, slug: str) -> HttpResponse:
    """An organisation's templates (and a new one), and its reporting threshold."""
    organisation = evaluation_organisation_get_for_user(request.user, slug=slug)
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
            return redirect("evaluations:survey_template_list", slug=slug)
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
        "crumbs": breadcrumbs(
            evaluations_trail(),
            (None, _("Survey templates: %(org)s") % {"org": organisation.name}),
        ),
    }
    status = 400 if request.method == "POST" else 200
    return render(request, "evaluations/template_list.html", context, status=status)


@login_required
@require_POST
def survey_template_copy(request: HttpRequest, pk: int) -> HttpResponse:
    """An editable copy of a template (of a locked one, to change its questions)."""
    template = survey_template_get_for_user(request.user, pk)
    copy = services.template_copy(template=template)
    messages.success(
        request,
        _("The copy “%(name)s” was made; you can change its questions.") % {"name": copy.name},
    )
    return redirect(copy)


@login_required
@require_http_methods(["GET", "POST"])
def survey_template_detail(request: HttpRequest, pk: int) -> HttpResponse:
    template = survey_template_get_for_user(request.user, pk)
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
        "crumbs": breadcrumbs(
            evaluations_trail(),
            (
                reverse("evaluations:survey_template_list", args=[template.organisation.slug]),
                template.organisation.name,
            ),
            (None, template.name),
        ),
    }
    return render(request, "evaluations/template_detail.html", context, status=status)


@login_required
@require_http_methods(["GET", "POST"])
def survey_create(request: HttpRequest) -> HttpResponse:
    templates = survey_templates_for_user(request.user).select_related("organisation")
    deny_unless(survey_can_create(request.user))
    choices, objects = selectors.survey_targets(request.user)
    today = timezone.localdate()
    form = SurveyForm(
        request.POST or None,
        templates=templates,
        targets=choices,
        initial={"opens_on": today, "closes_on": today + dt.timedelta(days=14)},
    )
    if request.method == "POST" and form.is_valid():
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
    return form_page(
        request,
        form,
        title=_("New survey"),
        crumbs=breadcrumbs(evaluations_trail(), (None, _("New survey"))),
    )


@login_required
@require_GET
def survey_detail(request: HttpRequest, pk: int) -> HttpResponse:
    survey = survey_get_for_user(request.user, pk, action=Action.VIEW_RESULTS)
    group_filter = request.GET.get("grupp") or None
    today = timezone.localdate()
    question_reports, group_choices = reports.survey_report(
        survey, today=today, group_filter=group_filter
    )
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
        "can_compare": survey.edition is not None
        and edition_evaluations_can_view(request.user, survey.edition),
        "named": reports.named_rows(survey, questions)
        if survey_can_manage(request.user, survey)
        else [],
        "questions": questions,
        "is_open": survey.is_open(today),
        "published": selectors.results_published(survey, today),
        "not_published": reports.not_published_text(survey),
        "fmt": reports.fmt,
        "crumbs": breadcrumbs(evaluations_trail(), (None, survey.title)),
    }
    return render(request, "evaluations/survey_detail.html", context)


@login_required
@require_POST
def survey_send(request: HttpRequest, pk: int) -> HttpResponse:
    survey = survey_get_for_user(request.user, pk, action=Action.MANAGE)
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
    survey = survey_get_for_user(request.user, pk)
    person = own_person(request.user)
    if person is None or not selectors.is_respondent(survey, person.pk):
        raise PermissionDenied
    today = timezone.localdate()
    questions = list(survey.template.questions.all())
    # Late joiners get their token now, while only looking at the form (see models.py).
    services.tokens_sync(survey=survey)
    answered = selectors.has_answered(survey, person.pk)
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
            return redirect("evaluations:survey_answer", pk=survey.pk)
    context = {
        "survey": survey,
        "form": form,
        "answered": answered,
        "is_open": survey.is_open(today),
        "crumbs": breadcrumbs(evaluations_trail(), (None, survey.title)),
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
    survey = survey_get_for_user(request.user, pk, action=Action.VIEW_RESULTS)
    content = reports.survey_xlsx(
        survey, rate=selectors.response_rate(survey), today=timezone.localdate()
    )
    return _download(
        content,
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        f"utvardering-{slugify(survey.title)}.xlsx",
    )


@login_required
@require_GET
def survey_export_pdf(request: HttpRequest, pk: int) -> HttpResponse:
    survey = survey_get_for_user(request.user, pk, action=Action.VIEW_RESULTS)
    content = reports.survey_pdf(
        survey, rate=selectors.response_rate(survey), today=timezone.localdate()
    )
    return _download(content, "application/pdf", f"utvardering-{slugify(survey.title)}.pdf")


@login_required
@require_GET
def edition_evaluations(request: HttpRequest, pk: int) -> HttpResponse:
    """Comparison across the edition's groups and modules, and the trend across editions."""
    edition = edition_evaluations_get_for_user(request.user, pk)
    templates = list(selectors.edition_templates(edition))
    chosen: SurveyTemplate | None = templates[0] if templates else None
    wanted = request.GET.get("mall")
    if wanted:
        chosen = next((t for t in templates if str(t.pk) == wanted), None)
        if chosen is None:
            raise Http404
    today = timezone.localdate()
    comparison = reports.edition_comparison(edition, chosen, today) if chosen else []
    trends, trend_chart = reports.edition_trend(edition, chosen, today) if chosen else ([], None)
    context = {
        "edition": edition,
        "templates": templates,
        "chosen": chosen,
        "comparison": comparison,
        "trends": trends,
        "trend_chart": trend_chart,
        "surveys": [
            (s, selectors.results_published(s, today))
            for s in Survey.objects.filter(edition=edition).select_related("module", "session")
        ],
        "threshold": selectors.threshold_for(edition.programme.organisation_id),
        "fmt": reports.fmt,
        "crumbs": breadcrumbs(edition_trail(edition), (None, _("Evaluations"))),
    }
    return render(request, "evaluations/edition_evaluations.html", context)
