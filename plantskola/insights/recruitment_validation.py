"""A recruitment file's columns, and reading it into applications each checked on its own.

The file is read with `core.spreadsheets`, like a roster; `recruitment` imports what is read
here. The columns and values are described in `recruitment`'s docstring.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping

from django.conf import settings
from django.utils.translation import gettext as _

from plantskola.core.models import Organisation, OrgUnit
from plantskola.core.spreadsheets import (
    NO,
    YES,
    Cells,
    ErrorList,
    FileWording,
    Header,
    Layout,
    Table,
    normalise,
    read_table,
)
from plantskola.insights.models import RecruitmentApplication

COLUMNS: dict[str, tuple[str, ...]] = {
    "post": ("post", "tjanst", "befattning", "annons", "rekrytering", "position", "vacancy"),
    "administration": ("administration", "forvaltning", "forvaltning_bolag", "bolag"),
    "date": ("date", "datum", "ansokningsdatum", "application_date"),
    "gender": ("gender", "kon"),
    "age_band": ("age_band", "aldersgrupp", "alder", "age_group"),
    "internal": ("internal", "intern", "intern_extern", "internal_external"),
    "employee_number": (
        "employee_number",
        "anstallningsnummer",
        "anstallningsnr",
        "anst_nr",
        "personalnummer",
    ),
    "outcome": ("outcome", "utfall", "resultat", "status"),
}
SWEDISH_NAMES = {
    "post": "tjänst",
    "administration": "förvaltning",
    "date": "datum",
    "internal": "intern",
    "outcome": "utfall",
}
REQUIRED = ("post", "administration", "date", "internal", "outcome")
MAX_LENGTHS = {"post": 200, "employee_number": 40}
LAYOUT = Layout(
    columns=COLUMNS, required=REQUIRED, swedish_names=SWEDISH_NAMES, max_lengths=MAX_LENGTHS
)

Gender = RecruitmentApplication.Gender


def column_labels() -> dict[str, str]:
    """Every column by name, as the preview's column mapping shows it."""
    return {
        "post": _("Post"),
        "administration": _("Administration"),
        "date": _("Date of the application"),
        "gender": _("Gender"),
        "age_band": _("Age group"),
        "internal": _("Internal or external"),
        "employee_number": _("Employee number (internal applicants)"),
        "outcome": _("Outcome"),
    }


AgeBand = RecruitmentApplication.AgeBand
Outcome = RecruitmentApplication.Outcome

AGE_BANDS = {
    "-29": AgeBand.UNDER_30,
    "0-29": AgeBand.UNDER_30,
    "under30": AgeBand.UNDER_30,
    "30-39": AgeBand.FROM_30,
    "40-49": AgeBand.FROM_40,
    "50-59": AgeBand.FROM_50,
    "60-": AgeBand.FROM_60,
    "60+": AgeBand.FROM_60,
    "60ochöver": AgeBand.FROM_60,
    "60andover": AgeBand.FROM_60,
    "": AgeBand.UNSTATED,
}
INTERNAL = YES | {"intern", "internal"}
EXTERNAL = (NO - {""}) | {"extern", "external"}
OUTCOMES = {
    "anstalld": Outcome.HIRED,
    "hired": Outcome.HIRED,
    "tillsatt": Outcome.HIRED,
    "ej_anstalld": Outcome.NOT_HIRED,
    "inte_anstalld": Outcome.NOT_HIRED,
    "not_hired": Outcome.NOT_HIRED,
    "ej_aktuell": Outcome.NOT_HIRED,
    "aterkallad": Outcome.WITHDRAWN,
    "atertagen": Outcome.WITHDRAWN,
    "withdrawn": Outcome.WITHDRAWN,
}


def administrations_by_label(*, organisation: Organisation) -> dict[str, OrgUnit]:
    """Top units by normalised code and by normalised name."""
    result: dict[str, OrgUnit] = {}
    tops = OrgUnit.objects.filter(organisation=organisation, parent__isnull=True)
    for unit in tops:
        result.setdefault(normalise(unit.name), unit)
    for unit in tops:
        result[normalise(unit.code)] = unit
    return result


def read_recruitments(
    content: bytes, filename: str, errors: ErrorList, mapping: Mapping[str, str]
) -> Table | None:
    """The file read with its heading found, or None with the file's problems in `errors`."""
    return read_table(
        content,
        filename,
        errors,
        max_bytes=settings.ROSTER_MAX_BYTES,
        wording=FileWording(
            too_large=_("The file is too large: a recruitment file may be at most %(limit)s."),
            too_many_rows=_("The file has too many rows for one import."),
            heading_only=_("The file has a heading row but no applications."),
        ),
        layout=LAYOUT,
        mapping=mapping,
    )


def _age_band_key(text: str) -> str:
    # (Not `normalise`, which makes hyphens underscores.)
    return re.sub(r"\s+", "", text.lower()).replace("–", "-")


def parse_rows(
    rows: list[tuple[int, list[str]]],
    header: Header,
    units: dict[str, OrgUnit],
    organisation: Organisation,
    errors: ErrorList,
    today: dt.date,
) -> list[RecruitmentApplication]:
    """The applications of the rows after the heading (not saved), with every problem of a
    row of its own in `errors`; `units` are the administrations by label."""
    parsed = []
    for number, values in rows:
        cells = Cells(number, values, header, errors)
        cells.check(LAYOUT, required_labels=header.headings, cell_labels=header.headings)
        unit = cells.choice(
            "administration",
            units,
            _(
                "Row %(row)d: '%(value)s' is not one of the organisation's "
                "administrations or companies (give its code or name)."
            ),
            key=normalise,
            code="unknown_administration",
        )
        day = cells.date("date")
        if day is not None and (day > today or day.year < 1990):
            cells.error(
                "date",
                _("Row %(row)d: the date %(value)s is not between 1990 and today.")
                % {"row": number, "value": day.isoformat()},
            )
            day = None
        gender = cells.gender()
        band = cells.choice(
            "age_band",
            AGE_BANDS,
            _("Row %(row)d: age band '%(value)s' is not one of -29, 30-39, 40-49, 50-59, 60-."),
            key=_age_band_key,
        )
        internal = cells.yes_no(
            "internal",
            _("Row %(row)d: '%(value)s' in '%(column)s' is not ja or nej (intern/extern)."),
            yes=INTERNAL,
            no=EXTERNAL | {""},
        )
        employee_number = cells.value("employee_number")
        if employee_number and cells.value("internal").lower() in EXTERNAL:
            cells.error(
                "employee_number",
                _("Row %(row)d: an external applicant cannot have an employee number.")
                % {"row": number},
                "external_with_number",
            )
        outcome = cells.choice(
            "outcome",
            OUTCOMES,
            _("Row %(row)d: outcome '%(value)s' is not anställd, ej anställd or återtagen."),
            key=normalise,
        )
        if unit is not None and day is not None and outcome is not None:
            parsed.append(
                RecruitmentApplication(
                    organisation=organisation,
                    post=cells.value("post"),
                    administration=unit,
                    date=day,
                    gender=gender or "",
                    age_band=band or "",
                    internal=internal is True,
                    employee_number=employee_number,
                    outcome=outcome,
                )
            )
    return parsed
