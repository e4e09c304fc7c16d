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

from plantskola.access.base import Action
from plantskola.access.insights import (
    insights_can_view_hr,
    insights_organisation_get_for_user,
    insights_organisations_for_user,
)
from plantskola.core.models import Organisation
from plantskola.core.pages import breadcrumbs
from plantskola.core.spreadsheets import describe_reading, upload_content
from plantskola.insights import charts
from plantskola.insights.export import recruitment_xlsx
from plantskola.insights.forms import RecruitmentFilterForm, RecruitmentUploadForm
from plantskola.insights.models import RecruitmentImport
from plantskola.insights.pages import insights_trail, organisation_crumbs, xlsx_response
from plantskola.insights.recruitment import recruitment_import
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
    applications = charts.bars_svg(
        prefix=f"applications-{year.year}",
        title=_("Applications to manager posts %(year)d: internal, external, withdrawn")
        % {"year": year.year},
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
        prefix=f"hires-gender-{year.year}",
        title=_("Manager hires %(year)d by gender") % {"year": year.year},
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
    organisation = insights_organisation_get_for_user(request.user, pk, action=Action.VIEW_PEOPLE)
    form = RecruitmentUploadForm(request.POST or None, request.FILES or None)
    errors: list[Any] = []
    error_count = 0
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        result = recruitment_import(
            organisation=organisation,
            content=upload_content(upload, settings.ROSTER_MAX_BYTES),
            filename=upload.name,
            uploaded_by=request.user,  # type: ignore[arg-type]  # login_required: a User
            today=timezone.localdate(),
        )
        if result.ok:
            messages.success(
                request,
                _("%(count)d applications imported for %(years)s.")
                % {"count": result.created, "years": ", ".join(map(str, result.years))}
                + " "
                + describe_reading(result.reading),
            )
            return redirect("insights:recruitment_report", pk=organisation.pk)
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
