"""The manager-supply pipeline page and its Excel export."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from plantskola.access.insights import (
    insights_can_view_hr,
    insights_organisation_get_for_user,
    insights_programmes_for_user,
)
from plantskola.core.models import Organisation
from plantskola.insights import charts
from plantskola.insights.export import pipeline_xlsx
from plantskola.insights.pages import organisation_crumbs, xlsx_response
from plantskola.insights.pipeline.forms import PipelineFilterForm
from plantskola.insights.pipeline.selectors import (
    MONTHS,
    ProgrammePipeline,
    administrations,
    pipeline,
)
from plantskola.insights.selectors import recruitment_statistics


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
    organisation = insights_organisation_get_for_user(request.user, pk)
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
        "crumbs": organisation_crumbs(organisation, _("Manager-supply pipeline")),
    }
    return render(request, "insights/pipeline.html", context)


@login_required
@require_GET
def insights_pipeline_xlsx(request: HttpRequest, pk: int) -> HttpResponse:
    organisation = insights_organisation_get_for_user(request.user, pk)
    _form, data = _pipeline_data(request, organisation)
    return xlsx_response(pipeline_xlsx(data), f"chefsforsorjning-{organisation.slug}.xlsx")
