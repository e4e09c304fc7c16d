"""The insights' start page and the recruitment statistics (the pipeline and career events
are in their packages)."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from plantskola.access.base import Action, get_visible_or_404
from plantskola.access.insights import (
    insights_can_view_hr,
    insights_organisation_get_for_user,
    insights_organisations_for_user,
)
from plantskola.core.models import Organisation
from plantskola.core.pages import breadcrumbs
from plantskola.core.roster.forms import ColumnMappingForm
from plantskola.core.spreadsheets import columns_shown, describe_reading, upload_content
from plantskola.insights import charts
from plantskola.insights.export import recruitment_xlsx
from plantskola.insights.forms import RecruitmentFilterForm, RecruitmentUploadForm
from plantskola.insights.models import RecruitmentImport
from plantskola.insights.pages import insights_trail, organisation_crumbs, xlsx_response
from plantskola.insights.posts.forms import PeriodForm
from plantskola.insights.posts.selectors import post_statistics, recorded_administrations
from plantskola.insights.recruitment import (
    recruitment_preview_apply,
    recruitment_preview_create,
    recruitment_preview_remap,
)
from plantskola.insights.recruitment_validation import column_labels
from plantskola.insights.selectors import (
    RecruitmentYear,
    recruitment_administrations,
    recruitment_statistics,
    recruitment_years,
)


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
        data,
        years=years,
        administrations=(
            recruitment_administrations(organisation) | recorded_administrations(organisation)
        ).distinct(),
    )
    year = administration = None
    if form.is_valid():
        year = form.cleaned_data["year"]
        administration = form.cleaned_data["administration"]
    every = recruitment_statistics(organisation=organisation, administration=administration)
    return form, every, [y for y in every if year is None or y.year == year]


def _recruitment_charts(year: RecruitmentYear, key: str = "") -> dict[str, str]:
    """The four charts of a year (or a period), their element ids prefixed by `key`."""
    key = key or str(year.year)
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
        prefix=f"groups-{key}",
        title=_("Applications to manager posts %(year)s by age band and gender")
        % {"year": year.heading},
        description=described,
        categories=bands,
        series=series,
        ylabel=_("Applications"),
    )
    hires = charts.bars_svg(
        prefix=f"hires-{key}",
        title=_("Manager hires %(year)s: internal and external") % {"year": year.heading},
        description=_("%(hires)d hires: %(internal)d internal, %(external)d external")
        % {
            "hires": year.hires,
            "internal": year.internal_hires,
            "external": year.external_hires,
        },
        # Counts only: the alumni are some of the internal hires, and their shares are in
        # the table and the text beside the chart, not a bar among counts.
        categories=[_("Internal"), _("External")],
        series=[(_("Hires"), [year.internal_hires, year.external_hires])],
        ylabel=_("Hires"),
    )
    applications = charts.bars_svg(
        prefix=f"applications-{key}",
        title=_("Applications to manager posts %(year)s: internal, external, withdrawn")
        % {"year": year.heading},
        description=_(
            "%(applications)d applications: %(internal)d internal, %(external)d external; "
            "%(withdrawn)d withdrawn"
        )
        % {
            "applications": year.applications,
            "internal": year.internal_applications,
            "external": year.external_applications,
            "withdrawn": year.withdrawn,
        },
        categories=[_("Internal"), _("External"), _("Withdrawn")],
        series=[
            (
                _("Applications"),
                [year.internal_applications, year.external_applications, year.withdrawn],
            )
        ],
        ylabel=_("Applications"),
    )
    hires_by_gender = charts.bars_svg(
        prefix=f"hires-gender-{key}",
        title=_("Manager hires %(year)s by gender") % {"year": year.heading},
        description=", ".join(f"{label} {count}" for label, count in year.hires_by_gender),
        categories=[label for label, _count in year.hires_by_gender],
        series=[(_("Hires"), [count for _label, count in year.hires_by_gender])],
        ylabel=_("Hires"),
    )
    return {
        "groups": groups,
        "hires": hires,
        "applications": applications,
        "hires_by_gender": hires_by_gender,
    }


@login_required
@require_GET
def recruitment_report(request: HttpRequest, pk: int) -> HttpResponse:
    organisation = insights_organisation_get_for_user(request.user, pk, action=Action.VIEW_PEOPLE)
    form, every, years = _recruitment_data(request, organisation, default_newest=True)
    period_form = PeriodForm(request.GET)
    recorded = None
    if period_form.is_valid() and form.is_valid():
        recorded = post_statistics(
            organisation=organisation,
            date_from=period_form.cleaned_data["date_from"],
            date_to=period_form.cleaned_data["date_to"],
            administration=form.cleaned_data["administration"],
        )
    return render(
        request,
        "insights/recruitment.html",
        {
            "organisation": organisation,
            "form": form,
            "period_form": period_form,
            "years": [
                {"year": y, "key": str(y.year), "charts": _recruitment_charts(y)} for y in years
            ],
            "every": every,
            "recorded": recorded,
            "recorded_item": (
                {
                    "year": recorded.period,
                    "key": "records",
                    "charts": _recruitment_charts(recorded.period, "records"),
                }
                if recorded
                else None
            ),
            "export_query": request.GET.urlencode(),
            "imports": RecruitmentImport.objects.filter(organisation=organisation)[:5],
            "crumbs": organisation_crumbs(organisation, _("Recruitment statistics")),
        },
    )


@login_required
@require_GET
def recruitment_xlsx_view(request: HttpRequest, pk: int) -> HttpResponse:
    organisation = insights_organisation_get_for_user(request.user, pk, action=Action.VIEW_PEOPLE)
    _form, _every, years = _recruitment_data(request, organisation, default_newest=False)
    return xlsx_response(recruitment_xlsx(years), f"chefsrekrytering-{organisation.slug}.xlsx")


@login_required
@require_http_methods(["GET", "POST"])
def recruitment_import_view(request: HttpRequest, pk: int) -> HttpResponse:
    """Upload a recruitment file: it is checked and shown (nothing imported) until confirmed."""
    organisation = insights_organisation_get_for_user(request.user, pk, action=Action.VIEW_PEOPLE)
    form = RecruitmentUploadForm(request.POST or None, request.FILES or None)
    errors: list[Any] = []
    error_count = 0
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        result, record = recruitment_preview_create(
            organisation=organisation,
            content=upload_content(upload, settings.ROSTER_MAX_BYTES),
            filename=upload.name,
            uploaded_by=request.user,  # type: ignore[arg-type]  # login_required: a User
            today=timezone.localdate(),
        )
        if record is not None:
            return redirect("insights:recruitment_preview", pk=organisation.pk, import_pk=record.pk)
        errors, error_count = result.errors, result.error_count
    status = 400 if errors or (request.method == "POST" and not form.is_valid()) else 200
    return render(
        request,
        "insights/recruitment_import.html",
        {
            "organisation": organisation,
            "form": form,
            "errors": errors,
            "error_count": error_count,
            "crumbs": breadcrumbs(
                insights_trail(),
                (
                    reverse("insights:recruitment_report", args=[organisation.pk]),
                    _("Recruitment statistics"),
                ),
                (None, _("Import recruitments")),
            ),
        },
        status=status,
    )


@login_required
@require_http_methods(["GET", "POST"])
def recruitment_preview_view(request: HttpRequest, pk: int, import_pk: int) -> HttpResponse:
    """A checked recruitment file: how it was read, what each column fills (HR may change it),
    what it would replace; importing it takes a confirmation."""
    organisation = insights_organisation_get_for_user(request.user, pk, action=Action.VIEW_PEOPLE)
    record = get_visible_or_404(
        RecruitmentImport.objects.filter(organisation=organisation), pk=import_pk
    )
    today = timezone.localdate()
    summary = record.summary or {}
    reading = summary.get("reading", {})
    columns = reading.get("columns", [])
    remap = request.method == "POST" and "remap" in request.POST
    mapping_form = ColumnMappingForm(
        request.POST if remap else None, columns=columns, labels=column_labels()
    )
    errors: list[Any] = []
    error_count = 0
    if request.method == "POST":
        if record.status != RecruitmentImport.Status.PREVIEWED:
            messages.warning(request, _("This file has already been imported."))
            return redirect("insights:recruitment_report", pk=organisation.pk)
        if remap:
            if mapping_form.is_valid():
                result = recruitment_preview_remap(
                    record=record, mapping=mapping_form.mapping(), today=today
                )
                if result.ok:
                    messages.success(
                        request, _("The columns are saved for the organisation's next import.")
                    )
                    return redirect(
                        "insights:recruitment_preview", pk=organisation.pk, import_pk=record.pk
                    )
                errors, error_count = result.errors, result.error_count
        else:
            result = recruitment_preview_apply(record=record, today=today)
            if result.ok:
                messages.success(
                    request,
                    _("%(count)d applications imported for %(years)s.")
                    % {"count": result.created, "years": ", ".join(map(str, result.years))},
                )
                return redirect("insights:recruitment_report", pk=organisation.pk)
            errors, error_count = result.errors, result.error_count
    context = {
        "organisation": organisation,
        "record": record,
        "summary": summary,
        "years": ", ".join(str(y) for y in summary.get("years", [])),
        "reading": describe_reading(reading) if reading else "",
        "columns": columns_shown(columns, column_labels()),
        "mapping_form": mapping_form,
        "errors": errors,
        "error_count": error_count,
        "crumbs": breadcrumbs(
            insights_trail(),
            (
                reverse("insights:recruitment_report", args=[organisation.pk]),
                _("Recruitment statistics"),
            ),
            (
                reverse("insights:recruitment_import", args=[organisation.pk]),
                _("Import recruitments"),
            ),
            (None, record.filename),
        ),
    }
    return render(
        request, "insights/recruitment_preview.html", context, status=400 if errors else 200
    )
