"""Pages of the insights: the manager-supply pipeline, career events, recruitment statistics."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from plantskola.access.base import get_visible_or_404
from plantskola.access.insights import (
    insights_can_view_hr,
    insights_organisations_for_user,
    insights_programmes_for_user,
)
from plantskola.core.models import Organisation
from plantskola.insights import charts
from plantskola.insights.export import pipeline_xlsx, recruitment_xlsx
from plantskola.insights.forms import (
    CareerEventForm,
    PipelineFilterForm,
    RecruitmentFilterForm,
    RecruitmentUploadForm,
)
from plantskola.insights.models import CareerEvent, RecruitmentImport
from plantskola.insights.recruitment import recruitment_import
from plantskola.insights.selectors import (
    MONTHS,
    ProgrammePipeline,
    RecruitmentYear,
    administrations,
    career_events_for_organisation,
    pipeline,
    recruitment_administrations,
    recruitment_statistics,
    recruitment_years,
)
from plantskola.insights.services import career_event_create, career_event_delete

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _organisation(request: HttpRequest, pk: int, *, hr: bool = False) -> Organisation:
    organisation = get_visible_or_404(insights_organisations_for_user(request.user), pk=pk)
    if hr and not insights_can_view_hr(request.user, organisation):
        raise PermissionDenied
    return organisation


def _crumbs(organisation: Organisation, label: str) -> list[tuple[str | None, str]]:
    return [(reverse("insights_home"), _("Insights")), (None, f"{label} – {organisation.name}")]


def _xlsx(content: bytes, filename: str) -> HttpResponse:
    response = HttpResponse(content, content_type=XLSX)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


@login_required
@require_GET
def insights_home(request: HttpRequest) -> HttpResponse:
    organisations = list(insights_organisations_for_user(request.user).order_by("name"))
    if not organisations:
        raise PermissionDenied
    rows = [(o, insights_can_view_hr(request.user, o)) for o in organisations]
    return render(
        request,
        "insights/home.html",
        {"rows": rows, "crumbs": [(None, _("Insights"))]},
    )


# --- the pipeline ----------------------------------------------------------------------------


def _pipeline_data(
    request: HttpRequest, organisation: Organisation
) -> tuple[PipelineFilterForm, list[ProgrammePipeline]]:
    programmes = insights_programmes_for_user(request.user, organisation).order_by("name")
    form = PipelineFilterForm(
        request.GET or None,
        administrations=administrations(organisation),
        programmes=list(programmes),
    )
    administration = None
    if form.is_valid():
        administration = form.cleaned_data["administration"]
        if form.cleaned_data["programme"]:
            programmes = programmes.filter(pk=form.cleaned_data["programme"])
    data = pipeline(
        programmes=programmes, administration=administration, today=timezone.localdate()
    )
    return form, data


def _percent(value: float | None) -> str:
    return "–" if value is None else f"{round(value * 100)}\u00a0%"


def _pipeline_charts(entry: ProgrammePipeline) -> dict[str, str]:
    totals = entry.totals
    stages: list[tuple[str, int | None]] = [
        (_("Applicants"), totals.applicants),
        (_("Participants admitted"), totals.admitted),
        (_("Participants who completed"), totals.completed),
    ]
    for row in totals.months:
        stages.append(
            (
                _("Managers after %(months)d mo. (of %(observed)d)")
                % {"months": row.months, "observed": row.observed},
                row.managers,
            )
        )
    described = ", ".join(f"{label}: {'–' if v is None else v}" for label, v in stages)
    funnel = charts.funnel_svg(
        prefix=f"funnel-{entry.programme.pk}",
        title=_("The pipeline of %(programme)s") % {"programme": entry.programme.name},
        description=described,
        stages=stages,
    )
    curves = [(e.edition.name, e.curve.steps) for e in entry.editions if e.curve.steps]
    if len(curves) > 1:
        curves.append((_("All editions"), entry.curve.steps))
    points = "; ".join(f"{p.months} {_('months')}: {_percent(p.share)}" for p in entry.curve.points)
    if not curves:
        # Nobody to follow: no completer yet, or every completer was already a manager.
        return {"funnel": funnel, "curve": ""}
    curve = charts.curves_svg(
        prefix=f"km-{entry.programme.pk}",
        title=_("Time to first manager post after %(programme)s")
        % {"programme": entry.programme.name},
        description=_("Share in a manager post (Kaplan–Meier), all editions: %(points)s")
        % {"points": points or "–"},
        curves=curves,
        xlabel=_("Months after the programme's last day"),
        ylabel=_("Share in a manager post (%)"),
    )
    return {"funnel": funnel, "curve": curve}


@login_required
@require_GET
def insights_pipeline(request: HttpRequest, pk: int) -> HttpResponse:
    organisation = _organisation(request, pk)
    form, data = _pipeline_data(request, organisation)
    sections = [
        {
            "entry": entry,
            "totals": entry.totals,
            "charts": _pipeline_charts(entry) if entry.totals.admitted else None,
        }
        for entry in data
    ]
    hr = insights_can_view_hr(request.user, organisation)
    filled = recruitment_statistics(organisation=organisation) if hr else []
    context: dict[str, Any] = {
        "organisation": organisation,
        "form": form,
        "sections": sections,
        "months": MONTHS,
        "filled": filled,
        "hr": hr,
        "export_query": request.GET.urlencode(),
        "crumbs": _crumbs(organisation, _("Manager-supply pipeline")),
    }
    return render(request, "insights/pipeline.html", context)


@login_required
@require_GET
def insights_pipeline_xlsx(request: HttpRequest, pk: int) -> HttpResponse:
    organisation = _organisation(request, pk)
    _form, data = _pipeline_data(request, organisation)
    return _xlsx(pipeline_xlsx(data), f"chefsforsorjning-{organisation.slug}.xlsx")


# --- career events ---------------------------------------------------------------------------


@login_required
@require_GET
def career_event_list(request: HttpRequest, pk: int) -> HttpResponse:
    organisation = _organisation(request, pk, hr=True)
    events = career_events_for_organisation(organisation)
    return render(
        request,
        "insights/career_events.html",
        {
            "organisation": organisation,
            "events": events,
            "crumbs": _crumbs(organisation, _("Career events")),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def career_event_create_view(request: HttpRequest, pk: int) -> HttpResponse:
    organisation = _organisation(request, pk, hr=True)
    form = CareerEventForm(request.POST or None, organisation=organisation)
    status = 200
    if request.method == "POST":
        if form.is_valid() and form.person is not None:
            try:
                career_event_create(
                    person=form.person,
                    kind=form.cleaned_data["kind"],
                    date=form.cleaned_data["date"],
                    title=form.cleaned_data["title"],
                    is_manager_after=form.cleaned_data["is_manager_after"],
                    note=form.cleaned_data["note"],
                    created_by=request.user,  # type: ignore[arg-type]
                    today=timezone.localdate(),
                )
            except ValidationError as error:
                if hasattr(error, "error_dict"):
                    for field, errors in error.error_dict.items():
                        for e in errors:
                            form.add_error(field, e)
                else:
                    form.add_error(None, error)
            else:
                messages.success(request, _("The career event has been recorded."))
                return redirect("career_event_list", pk=organisation.pk)
        status = 400
    return render(
        request,
        "form_page.html",
        {
            "form": form,
            "title": _("Record a career event"),
            "intro": _(
                "Events from roster imports are recorded automatically; record here what the "
                "roster does not show."
            ),
            "cancel_url": reverse("career_event_list", args=[organisation.pk]),
            "crumbs": [
                (reverse("insights_home"), _("Insights")),
                (reverse("career_event_list", args=[organisation.pk]), _("Career events")),
                (None, _("Record a career event")),
            ],
        },
        status=status,
    )


@login_required
@require_http_methods(["GET", "POST"])
def career_event_delete_view(request: HttpRequest, pk: int) -> HttpResponse:
    """Remove an event recorded by hand: a page to confirm, then POST."""
    organisation_ids = insights_organisations_for_user(request.user).values("pk")
    event = get_visible_or_404(
        CareerEvent.objects.select_related("person__organisation").filter(
            person__organisation_id__in=organisation_ids
        ),
        pk=pk,
    )
    organisation = event.person.organisation
    if not insights_can_view_hr(request.user, organisation):
        raise PermissionDenied
    if request.method == "POST":
        career_event_delete(event=event)
        messages.success(request, _("The career event has been removed."))
        return redirect("career_event_list", pk=organisation.pk)
    return render(
        request,
        "insights/career_event_delete.html",
        {
            "event": event,
            "organisation": organisation,
            "crumbs": [
                (reverse("insights_home"), _("Insights")),
                (reverse("career_event_list", args=[organisation.pk]), _("Career events")),
                (None, _("Remove a career event")),
            ],
        },
    )


# --- recruitment statistics ------------------------------------------------------------------


def _recruitment_data(
    request: HttpRequest, organisation: Organisation, *, default_newest: bool
) -> tuple[RecruitmentFilterForm, list[RecruitmentYear], list[RecruitmentYear]]:
    """The filter form, every year's statistics and the years shown in detail (the newest
    by default on the page; every year in the export unless a year is chosen)."""
    years = recruitment_years(organisation)
    data = request.GET.copy()
    if default_newest and "year" not in data and years:
        data["year"] = str(years[0])
    form = RecruitmentFilterForm(
        data, years=years, administrations=recruitment_administrations(organisation)
    )
    year = administration = None
    if form.is_valid():
        year = form.cleaned_data["year"]
        administration = form.cleaned_data["administration"]
    every = recruitment_statistics(organisation=organisation, administration=administration)
    return form, every, [y for y in every if year is None or y.year == year]


def _recruitment_charts(year: RecruitmentYear) -> dict[str, str]:
    bands = [label for label, _counts, _total in year.by_age_gender]
    series = [
        (gender_label, [counts[i] for _label, counts, _total in year.by_age_gender])
        for i, (_value, gender_label) in enumerate(year.genders)
    ]
    described = "; ".join(
        f"{band}: "
        + ", ".join(
            f"{g_label} {count}" for (_v, g_label), count in zip(year.genders, counts, strict=True)
        )
        for band, counts, _total in year.by_age_gender
    )
    groups = charts.bars_svg(
        prefix=f"groups-{year.year}",
        title=_("Applications to manager posts %(year)d by age band and gender")
        % {"year": year.year},
        description=described,
        categories=bands,
        series=series,
        ylabel=_("Applications"),
    )
    hires = charts.bars_svg(
        prefix=f"hires-{year.year}",
        title=_("Manager hires %(year)d") % {"year": year.year},
        description=_(
            "%(hires)d hires: %(internal)d internal, %(external)d external, %(alumni)d alumni"
        )
        % {
            "hires": year.hires,
            "internal": year.internal_hires,
            "external": year.external_hires,
            "alumni": year.alumni_hires,
        },
        categories=[_("Internal"), _("External"), _("Alumni")],
        series=[(_("Hires"), [year.internal_hires, year.external_hires, year.alumni_hires])],
        ylabel=_("Hires"),
    )
    return {"groups": groups, "hires": hires}


@login_required
@require_GET
def recruitment_report(request: HttpRequest, pk: int) -> HttpResponse:
    organisation = _organisation(request, pk, hr=True)
    form, every, years = _recruitment_data(request, organisation, default_newest=True)
    return render(
        request,
        "insights/recruitment.html",
        {
            "organisation": organisation,
            "form": form,
            "years": [{"year": y, "charts": _recruitment_charts(y)} for y in years],
            "every": every,
            "export_query": request.GET.urlencode(),
            "imports": RecruitmentImport.objects.filter(organisation=organisation)[:5],
            "crumbs": _crumbs(organisation, _("Recruitment statistics")),
        },
    )


@login_required
@require_GET
def recruitment_xlsx_view(request: HttpRequest, pk: int) -> HttpResponse:
    organisation = _organisation(request, pk, hr=True)
    _form, _every, years = _recruitment_data(request, organisation, default_newest=False)
    return _xlsx(recruitment_xlsx(years), f"chefsrekrytering-{organisation.slug}.xlsx")


@login_required
@require_http_methods(["GET", "POST"])
def recruitment_import_view(request: HttpRequest, pk: int) -> HttpResponse:
    organisation = _organisation(request, pk, hr=True)
    form = RecruitmentUploadForm(request.POST or None, request.FILES or None)
    errors: list[Any] = []
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        result = recruitment_import(
            organisation=organisation,
            content=upload.read(),
            filename=upload.name,
            uploaded_by=request.user,  # type: ignore[arg-type]
            today=timezone.localdate(),
        )
        if result.ok:
            messages.success(
                request,
                _("%(count)d applications imported for %(years)s.")
                % {"count": result.created, "years": ", ".join(map(str, result.years))},
            )
            return redirect("recruitment_report", pk=organisation.pk)
        errors = result.errors
    status = 400 if errors or (request.method == "POST" and not form.is_valid()) else 200
    return render(
        request,
        "insights/recruitment_import.html",
        {
            "organisation": organisation,
            "form": form,
            "errors": errors,
            "crumbs": [
                (reverse("insights_home"), _("Insights")),
                (
                    reverse("recruitment_report", args=[organisation.pk]),
                    _("Recruitment statistics"),
                ),
                (None, _("Import recruitments")),
            ],
        },
        status=status,
    )
