"""Report pages, PDF and Excel from the selectors' suppressed grids: charts (SVG) with the
same numbers in tables, and free text only for groups at or above the threshold."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from django.template.loader import render_to_string
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _

from plantskola.core import charts, exports
from plantskola.core.models import Person
from plantskola.evaluations import selectors
from plantskola.evaluations.models import Question, Survey, SurveyTemplate
from plantskola.evaluations.selectors import NO_GROUP, QuestionGrid, ResponseRate, Trend
from plantskola.evaluations.statistics import Stats
from plantskola.programmes.models import Edition, Group


def fmt(value: float | None) -> str:
    return "–" if value is None else f"{value:.2f}".replace(".", ",")


def _group_label(group: Group | None) -> str:
    return group.name if group is not None else _("No group")


@dataclass
class GroupRow:
    label: str
    stats: Stats


@dataclass
class QuestionReport:
    question: Question
    total: Stats
    groups: list[GroupRow]
    chart: SafeString | None = None
    group_chart: SafeString | None = None
    texts_by_group: list[GroupRow] = field(default_factory=list)

    def shown_texts(self) -> list[tuple[str, list[str]]]:
        """The free texts a report shows, by group label ("" for all): those of the shown
        groups when there are groups, else the total's when it is shown. Page, PDF and Excel
        all show exactly these."""
        if len(self.groups) > 1 and self.texts_by_group:
            return [(g.label, g.stats.texts) for g in self.texts_by_group]
        if not self.total.hidden:
            return [("", self.total.texts)]
        return []


def survey_report(
    survey: Survey, *, today: dt.date, group_filter: str | None = None
) -> tuple[list[QuestionReport], list[tuple[str, str]]]:
    """The survey's row of each question's grid; `group_filter` (a group id or "none") shows
    one group's cell only. Returns the question reports and the group choices for the filter
    (both empty while the survey's results are not published)."""
    grids = selectors.question_grids(survey, today)
    result: list[QuestionReport] = []
    group_choices: list[tuple[str, str]] = []
    for i, grid in enumerate(grids):
        q = grid.question
        columns = [(grid.group_key(g), _group_label(g)) for g in grid.groups]
        if not group_choices:
            group_choices = [(str(k), label) for k, label in columns]
        if group_filter:
            columns = [(k, label) for k, label in columns if str(k) == group_filter]
        groups = [GroupRow(label, grid.cells[(survey.pk, k)]) for k, label in columns]
        total = grid.survey_totals[survey.pk]
        if group_filter:
            total = groups[0].stats if groups else Stats.suppressed()
        report = QuestionReport(question=q, total=total, groups=groups)
        chart_id = f"chart-q{q.pk}"
        if not total.hidden and total.distribution:
            labels = [d[0] for d in total.distribution]
            counts = [float(d[1]) for d in total.distribution]
            report.chart = mark_safe(  # noqa: S308 - our own SVG, labels escaped
                charts.bar_chart(
                    labels,
                    counts,
                    title=_("Answers to: %(q)s") % {"q": q.text},
                    description=_(
                        "Number of answers per alternative; the table below has the same numbers."
                    ),
                    chart_id=chart_id,
                    value_axis=_("Answers"),
                    horizontal=q.is_choice,
                )
            )
        if q.kind == Question.Kind.RATING and len(groups) > 1:
            report.group_chart = mark_safe(  # noqa: S308
                charts.bar_chart(
                    [g.label for g in groups],
                    [None if g.stats.hidden else g.stats.mean for g in groups],
                    title=_("Mean per group: %(q)s") % {"q": q.text},
                    description=_(
                        "Mean per group; groups with too few respondents are not shown (–)."
                    ),
                    chart_id=f"{chart_id}-groups",
                    value_axis=_("Mean"),
                    limits=(0, q.scale_max),
                )
            )
        if q.kind == Question.Kind.TEXT:
            report.texts_by_group = [g for g in groups if not g.stats.hidden and g.stats.texts]
        result.append(report)
        del i
    return result, group_choices


@dataclass
class EditionComparison:
    question: Question
    grid: QuestionGrid
    rows: list[tuple[str, list[Stats], Stats]]  # survey label, per-group cells, survey total
    group_labels: list[str]
    group_totals: list[Stats]
    chart: SafeString | None


def not_published_text(survey: Survey) -> str:
    return _(
        "The results are shown from %(date)s, when the survey has closed: while it is open, "
        "a reload after one more answer would show how that person answered."
    ) % {"date": selectors.published_on(survey).isoformat()}


def survey_label(survey: Survey) -> str:
    if survey.module_id and survey.target == Survey.Target.MODULE:
        return str(survey.module)
    if survey.session is not None:
        return str(survey.session.title)
    return survey.title


def edition_comparison(
    edition: Edition, template: SurveyTemplate, today: dt.date
) -> list[EditionComparison]:
    result = []
    for grid in selectors.edition_grids(edition, template, today):
        q = grid.question
        if q.kind != Question.Kind.RATING:
            continue
        keys = [grid.group_key(g) for g in grid.groups]
        labels = [_group_label(g) for g in grid.groups]
        rows = [
            (survey_label(s), [grid.cells[(s.pk, k)] for k in keys], grid.survey_totals[s.pk])
            for s in grid.surveys
        ]
        chart = None
        if len(grid.surveys) > 1 or len(keys) > 1:
            chart = mark_safe(  # noqa: S308
                charts.grouped_bar_chart(
                    labels,
                    {
                        label: [None if c.hidden else c.mean for c in cells]
                        for label, cells, _total in rows
                    },
                    title=_("Mean per group and part: %(q)s") % {"q": q.text},
                    description=_(
                        "Mean per group (along the axis) and part of the programme (bars); "
                        "suppressed results are shown as –. The table has the same numbers."
                    ),
                    chart_id=f"cmp-q{q.pk}",
                    value_axis=_("Mean"),
                    limits=(0, q.scale_max + 0.5),
                )
            )
        result.append(
            EditionComparison(
                question=q,
                grid=grid,
                rows=rows,
                group_labels=labels,
                group_totals=[grid.group_totals[k] for k in keys],
                chart=chart,
            )
        )
    return result


def edition_trend(
    edition: Edition, template: SurveyTemplate, today: dt.date
) -> tuple[list[Trend], SafeString | None]:
    trends = selectors.trend(edition, template, today)
    if not trends or not trends[0].points:
        return trends, None
    x_labels = [p.edition.name for p in trends[0].points]
    chart = None
    if len(x_labels) > 1:
        chart = mark_safe(  # noqa: S308
            charts.line_chart(
                x_labels,
                {
                    t.question.text[:40]: [
                        None if p.stats.hidden else p.stats.mean for p in t.points
                    ]
                    for t in trends
                },
                title=_("Mean per edition"),
                description=_(
                    "Mean of each rating question per edition; the table has the same numbers."
                ),
                chart_id="trend",
                value_axis=_("Mean"),
            )
        )
    return trends, chart


def named_rows(survey: Survey, questions: list[Question]) -> list[tuple[Person, list[str]]]:
    """A non-anonymous survey's answers by name, one display string per question."""
    rows = []
    for person, answers in selectors.named_responses(survey):
        cells = []
        for q in questions:
            a = answers.get(q.pk)
            if a is None:
                cells.append("")
            elif a.rating is not None:
                cells.append(str(a.rating))
            elif a.choices:
                cells.append(", ".join(a.choices))
            else:
                cells.append(a.text)
        rows.append((person, cells))
    return rows


# --- exports ------------------------------------------------------------------------------------


def survey_pdf(survey: Survey, *, rate: ResponseRate, today: dt.date) -> bytes:
    from weasyprint import HTML  # imported late: loading Pango takes a moment

    reports, _choices = survey_report(survey, today=today)
    html = render_to_string(
        "evaluations/pdf/survey_report.html",
        {
            "survey": survey,
            "reports": reports,
            "published": selectors.results_published(survey, today),
            "published_on": selectors.published_on(survey),
            "rate": rate,
            "threshold": selectors.threshold_for(survey.organisation_id),
        },
    )
    pdf: bytes = HTML(string=html).write_pdf()
    return pdf


def survey_xlsx(survey: Survey, *, rate: ResponseRate, today: dt.date) -> bytes:
    reports, _choices = survey_report(survey, today=today)
    wb = exports.new_workbook()
    ws = wb.create_sheet(_("Summary")[:31])
    ws.append([survey.title])
    exports.make_bold([ws["A1"]])
    ws.append([_("Asked to answer"), rate.invited])
    ws.append([_("Answered"), rate.answered])
    ws.append(
        [_("Response rate (%)"), round(rate.percent, 1) if rate.percent is not None else None]
    )
    if not selectors.results_published(survey, today):
        ws.append([not_published_text(survey)])
    ws.append([])
    ws.append([_("Question"), _("Group"), _("Answers"), _("Mean"), _("Median")])
    exports.make_bold(ws[ws.max_row])
    for report in reports:
        for label, stats in [(_("All"), report.total)] + [
            (g.label, g.stats) for g in report.groups
        ]:
            if stats.hidden:
                ws.append([report.question.text, label, _("too few to show"), None, None])
            else:
                ws.append(
                    [
                        report.question.text,
                        label,
                        stats.n,
                        round(stats.mean, 2) if stats.mean is not None else None,
                        stats.median,
                    ]
                )
    dist = wb.create_sheet(_("Distribution")[:31])
    dist.append([_("Question"), _("Alternative"), _("Answers"), _("Share (%)")])
    texts = wb.create_sheet(_("Free text")[:31])
    texts.append([_("Question"), _("Group"), _("Answer")])
    for report in reports:
        if not report.total.hidden:
            for label, count, percent in report.total.distribution:
                dist.append([report.question.text, label, count, round(percent, 1)])
        for group_label, group_texts in report.shown_texts():
            for text in group_texts:
                texts.append([report.question.text, group_label or _("All"), text])
    return exports.workbook_bytes(wb)


__all__ = ["NO_GROUP", "fmt"]
