"""Import manager recruitments from the recruitment system (an ``.xlsx`` or ``.csv`` file).

One row per application to a manager post. The file is read and checked like a roster (same
formats, headings, size limit and row numbers as Excel shows them; see `core.roster`, whose
file-reading helpers are used): the whole file is checked first and a file with any error
writes nothing. A file is the full record of the years it covers: importing it replaces the
organisation's recruitment rows of those years, so importing the same file twice changes
nothing.

=================== ================== ======== ===========================================
Column (English)    Column (Swedish)   Required Values
=================== ================== ======== ===========================================
post                tjänst             yes      the post (title or the advert's reference);
                                                applications with the same post and
                                                administration are one post
administration      förvaltning        yes      code or name of one of the organisation's
                                                administrations or companies (a top unit)
date                datum              yes      the application's date, YYYY-MM-DD
gender              kön                no       kvinna, man, annat or empty
age_band            åldersgrupp        no       -29, 30-39, 40-49, 50-59, 60- (also
                                                "under 30", "60+") or empty
internal            intern             yes      ja/nej (or intern/extern)
employee_number     anställningsnummer no       an internal applicant's employee number:
                                                matches the hire to the roster and so to
                                                programme alumni
outcome             utfall             yes      anställd, ej anställd, återtagen (hired,
                                                not hired, withdrawn)
=================== ================== ======== ===========================================

Errors have the roster's codes (``missing_column``, ``unknown_column``, ``missing_value``,
``bad_value``, ...) plus ``unknown_administration`` and ``external_with_number`` (an external
applicant cannot have an employee number).
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field

from django.conf import settings
from django.db import transaction
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _

from plantskola.core.models import Organisation, OrgUnit, User
from plantskola.core.roster import (
    _CONTROL_CHARACTERS,
    NO,
    YES,
    RosterError,
    _Errors,
    _normalise,
    _read_rows,
    _shorten,
    read_header,
)
from plantskola.insights.models import RecruitmentApplication, RecruitmentImport

COLUMNS: dict[str, tuple[str, ...]] = {
    "post": ("post", "tjanst"),
    "administration": ("administration", "forvaltning"),
    "date": ("date", "datum"),
    "gender": ("gender", "kon"),
    "age_band": ("age_band", "aldersgrupp", "alder"),
    "internal": ("internal", "intern"),
    "employee_number": ("employee_number", "anstallningsnummer"),
    "outcome": ("outcome", "utfall"),
}
SWEDISH_NAMES = {
    "post": "tjänst",
    "administration": "förvaltning",
    "date": "datum",
    "internal": "intern",
    "outcome": "utfall",
}
REQUIRED = ("post", "administration", "date", "internal", "outcome")
_HEADING_TO_COLUMN = {alias: column for column, aliases in COLUMNS.items() for alias in aliases}
MAX_LENGTHS = {"post": 200, "employee_number": 40}

Gender = RecruitmentApplication.Gender
AgeBand = RecruitmentApplication.AgeBand
Outcome = RecruitmentApplication.Outcome

GENDERS = {
    "kvinna": Gender.WOMAN,
    "woman": Gender.WOMAN,
    "k": Gender.WOMAN,
    "man": Gender.MAN,
    "m": Gender.MAN,
    "annat": Gender.OTHER,
    "other": Gender.OTHER,
    "": Gender.UNSTATED,
}
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


@dataclass
class RecruitmentResult:
    errors: list[RosterError] = field(default_factory=list)
    created: int = 0
    replaced: int = 0
    years: list[int] = field(default_factory=list)
    batch: RecruitmentImport | None = None

    @property
    def ok(self) -> bool:
        return not self.errors


def _read_header(number: int, cells: list[str], errors: _Errors) -> dict[str, int] | None:
    header = read_header(
        number,
        cells,
        errors,
        heading_to_column=_HEADING_TO_COLUMN,
        required=REQUIRED,
        swedish_names=SWEDISH_NAMES,
        unknown=_("Column '%(heading)s' is not a recruitment column. The columns are: %(known)s."),
        known=", ".join(COLUMNS),
    )
    return None if header is None else header[0]


def _parse_date(text: str) -> dt.date | None:
    text = text.strip()
    if "T" in text:
        text = text.split("T", 1)[0]
    if not re.fullmatch(r"\d{4}-\d{2}-\d{2}", text):
        return None
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        return None


def _units_by_label(organisation: Organisation) -> dict[str, OrgUnit]:
    """Top units by normalised code and by normalised name."""
    result: dict[str, OrgUnit] = {}
    tops = OrgUnit.objects.filter(organisation=organisation, parent__isnull=True)
    for unit in tops:
        result.setdefault(_normalise(unit.name), unit)
    for unit in tops:
        result[_normalise(unit.code)] = unit
    return result


def _parse_rows(
    rows: list[tuple[int, list[str]]],
    indexes: dict[str, int],
    units: dict[str, OrgUnit],
    organisation: Organisation,
    errors: _Errors,
    today: dt.date,
) -> list[RecruitmentApplication]:
    parsed = []
    known = set(indexes.values())
    for number, cells in rows:

        def value(column: str, cells: list[str] = cells) -> str:
            index = indexes.get(column)
            return cells[index] if index is not None and index < len(cells) else ""

        def bad(
            column: str | None, message: str, code: str = "bad_value", row: int = number
        ) -> None:
            errors.add(code, message, row=row, column=column)

        extra = [cell for index, cell in enumerate(cells) if cell and index not in known]
        if extra:
            bad(
                None,
                _("Row %(row)d has a value without a column heading: '%(value)s'.")
                % {"row": number, "value": _shorten(extra[0])},
            )
        for column in REQUIRED:
            if not value(column):
                bad(
                    column,
                    _("Row %(row)d: '%(column)s' is empty.")
                    % {"row": number, "column": SWEDISH_NAMES[column]},
                    "missing_value",
                )
        for column, index in indexes.items():
            if index < len(cells) and _CONTROL_CHARACTERS.search(cells[index]):
                bad(
                    column,
                    _("Row %(row)d: '%(column)s' contains control characters: %(value)s.")
                    % {"row": number, "column": column, "value": ascii(cells[index])[:60]},
                )
        for column, limit in MAX_LENGTHS.items():
            if len(value(column)) > limit:
                bad(
                    column,
                    _("Row %(row)d: '%(column)s' is longer than %(limit)d characters.")
                    % {"row": number, "column": column, "limit": limit},
                )

        unit = None
        if value("administration"):
            unit = units.get(_normalise(value("administration")))
            if unit is None:
                bad(
                    "administration",
                    _(
                        "Row %(row)d: '%(value)s' is not one of the organisation's "
                        "administrations or companies (give its code or name)."
                    )
                    % {"row": number, "value": _shorten(value("administration"))},
                    "unknown_administration",
                )
        day = None
        if value("date"):
            day = _parse_date(value("date"))
            if day is None:
                bad(
                    "date",
                    _("Row %(row)d: '%(value)s' is not a date written as YYYY-MM-DD.")
                    % {"row": number, "value": _shorten(value("date"))},
                )
            elif day > today or day.year < 1990:
                bad(
                    "date",
                    _("Row %(row)d: the date %(value)s is not between 1990 and today.")
                    % {"row": number, "value": day.isoformat()},
                )
                day = None
        gender = GENDERS.get(value("gender").strip().lower())
        if gender is None:
            bad(
                "gender",
                _("Row %(row)d: gender '%(value)s' is not kvinna, man, annat or empty.")
                % {"row": number, "value": _shorten(value("gender"))},
            )
        # (Not `_normalise`, which makes hyphens underscores.)
        band_text = re.sub(r"\s+", "", value("age_band").lower()).replace("–", "-")
        band = AGE_BANDS.get(band_text)
        if band is None:
            bad(
                "age_band",
                _("Row %(row)d: age band '%(value)s' is not one of -29, 30-39, 40-49, 50-59, 60-.")
                % {"row": number, "value": _shorten(value("age_band"))},
            )
        internal_text = value("internal").strip().lower()
        internal = internal_text in INTERNAL
        if internal_text and not internal and internal_text not in EXTERNAL:
            bad(
                "internal",
                _("Row %(row)d: '%(value)s' in 'intern' is not ja or nej (intern/extern).")
                % {"row": number, "value": _shorten(value("internal"))},
            )
        employee_number = value("employee_number")
        if employee_number and internal_text in EXTERNAL:
            bad(
                "employee_number",
                _("Row %(row)d: an external applicant cannot have an employee number.")
                % {"row": number},
                "external_with_number",
            )
        outcome = None
        if value("outcome"):
            outcome = OUTCOMES.get(_normalise(value("outcome")))
            if outcome is None:
                bad(
                    "outcome",
                    _("Row %(row)d: outcome '%(value)s' is not anställd, ej anställd or återtagen.")
                    % {"row": number, "value": _shorten(value("outcome"))},
                )
        if unit is not None and day is not None and outcome is not None:
            parsed.append(
                RecruitmentApplication(
                    organisation=organisation,
                    post=value("post"),
                    administration=unit,
                    date=day,
                    gender=gender or "",
                    age_band=band or "",
                    internal=internal,
                    employee_number=employee_number,
                    outcome=outcome,
                )
            )
    return parsed


@transaction.atomic
def recruitment_import(
    *,
    organisation: Organisation,
    content: bytes,
    filename: str,
    uploaded_by: User | None,
    today: dt.date,
) -> RecruitmentResult:
    """Check a recruitment file and, if it has no errors, replace the years it covers."""
    result = RecruitmentResult()
    errors = _Errors()
    rows = _read_rows(content, filename, errors)
    indexes = None if rows is None else _read_header(*rows[0], errors)
    if rows is None or indexes is None:
        result.errors = [_recruitment_wording(e) for e in errors.result()]
        return result
    # Two imports of one organisation at once would both delete and both insert.
    Organisation.objects.select_for_update().filter(pk=organisation.pk).first()
    parsed = _parse_rows(
        rows[1:], indexes, _units_by_label(organisation), organisation, errors, today
    )
    if errors:
        result.errors = errors.result()
        return result
    years = sorted({a.date.year for a in parsed})
    batch = RecruitmentImport.objects.create(
        organisation=organisation,
        filename=filename[:255],
        uploaded_by=uploaded_by,
        years=years,
        rows=len(parsed),
    )
    result.replaced, _deleted = RecruitmentApplication.objects.filter(
        organisation=organisation, date__year__in=years
    ).delete()
    for application in parsed:
        application.batch = batch
    RecruitmentApplication.objects.bulk_create(parsed, batch_size=500)
    result.created = len(parsed)
    result.years = years
    result.batch = batch
    return result


def _recruitment_wording(error: RosterError) -> RosterError:
    """The roster reader's messages that speak of a roster, said of a recruitment file."""
    if error.code == "empty_file" and error.row is not None:
        return RosterError(
            code=error.code,
            message=_("The file has a heading row but no applications."),
            row=error.row,
        )
    if error.code == "too_large":
        return RosterError(
            code=error.code,
            message=_("The file is too large: a recruitment file may be at most %(limit)s.")
            % {"limit": filesizeformat(settings.ROSTER_MAX_BYTES)},
        )
    if error.code == "too_many_rows":
        return RosterError(code=error.code, message=_("The file has too many rows for one import."))
    return error
