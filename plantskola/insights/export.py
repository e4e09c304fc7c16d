"""Excel exports of the insights: the same numbers as the pages' tables."""

from __future__ import annotations

from django.utils.translation import gettext as _

from plantskola.core.exports import add_sheet, new_workbook, workbook_bytes
from plantskola.insights.pipeline.selectors import MONTHS, ProgrammePipeline
from plantskola.insights.selectors import RecruitmentYear


def _share(value: float | None) -> float | None:
    return None if value is None else round(value, 4)


def pipeline_xlsx(programmes: list[ProgrammePipeline]) -> bytes:
    workbook = new_workbook()
    header = [
        _("Programme"),
        _("Edition"),
        _("Last day"),
        _("Applicants"),
        _("Participants admitted"),
        _("Participants who completed"),
    ]
    for months in MONTHS:
        header += [
            _("Observed %(months)d months") % {"months": months},
            _("Managers after %(months)d months") % {"months": months},
            _("Share after %(months)d months") % {"months": months},
        ]
    funnel = add_sheet(workbook, _("Pipeline"), header)
    curve = add_sheet(
        workbook,
        _("Time to manager post"),
        [_("Programme"), _("Edition"), _("Months"), _("At risk"), _("Share in a manager post")],
    )
    for entry in programmes:
        for row in [*entry.editions, entry.totals]:
            values: list[object] = [
                entry.programme.name,
                row.edition.name,
                row.edition.end_date if row.edition.pk else None,
                row.applicants,
                row.admitted,
                row.completed,
            ]
            for m in row.months:
                values += [m.observed, m.managers, _share(m.share)]
            funnel.append(values)
            for point in row.curve.points:
                curve.append(
                    [
                        entry.programme.name,
                        row.edition.name,
                        point.months,
                        point.at_risk,
                        _share(point.share),
                    ]
                )
    return workbook_bytes(workbook)


def recruitment_xlsx(years: list[RecruitmentYear]) -> bytes:
    workbook = new_workbook()
    summary = add_sheet(
        workbook,
        _("Summary"),
        [
            _("Year"),
            _("Posts"),
            _("Applications"),
            _("Applications per post"),
            _("Hires"),
            _("Internal hires"),
            _("External hires"),
            _("Hires who are alumni"),
            _("Internal applications"),
            _("External applications"),
            _("Withdrawn applications"),
        ],
    )
    posts = add_sheet(
        workbook,
        _("Posts"),
        [_("Year"), _("Administration"), _("Post"), _("Applications"), _("Hired")],
    )
    groups = add_sheet(
        workbook, _("Gender and age"), [_("Year"), _("Age band"), _("Gender"), _("Applications")]
    )
    hires = add_sheet(workbook, _("Hires by gender"), [_("Year"), _("Gender"), _("Hires")])
    for year in years:
        for label, count in year.hires_by_gender:
            hires.append([year.year, label, count])
        summary.append(
            [
                year.year,
                year.post_count,
                year.applications,
                round(year.per_post, 2),
                year.hires,
                year.internal_hires,
                year.external_hires,
                year.alumni_hires,
                year.internal_applications,
                year.external_applications,
                year.withdrawn,
            ]
        )
        for post in year.posts:
            posts.append([year.year, post.administration, post.post, post.applications, post.hired])
        for band, counts, _total in year.by_age_gender:
            for (_value, gender), count in zip(year.genders, counts, strict=True):
                groups.append([year.year, band, gender, count])
    return workbook_bytes(workbook)
