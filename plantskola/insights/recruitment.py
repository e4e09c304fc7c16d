"""Import manager recruitments from the recruitment system (a workbook or a text file).

One row per application to a manager post. The file is read and checked like a roster (same
formats, headings, size limit and row numbers as Excel shows them: both are read by
`core.spreadsheets`; the columns and the checks of each row are in `recruitment_validation`):
the whole file is checked first and a file with any error writes nothing. A file is the full
record of the years it covers: importing it replaces the organisation's recruitment rows of
those years, so importing the same file twice changes nothing.

=================== ================== ======== ===========================================
Column (English)    Column (Swedish)   Required Values
=================== ================== ======== ===========================================
post                tjänst             yes      the post (title or the advert's reference);
                                                applications with the same post and
                                                administration are one post
administration      förvaltning        yes      code or name of one of the organisation's
                                                administrations or companies (a top unit)
date                datum              yes      the application's date (2025-01-31,
                                                31/1 2025 or an Excel date)
gender              kön                no       kvinna, man, annat, K, M or empty
age_band            åldersgrupp        no       -29, 30-39, 40-49, 50-59, 60- (also
                                                "under 30", "60+") or empty
internal            intern             yes      ja/nej (or intern/extern)
employee_number     anställningsnummer no       an internal applicant's employee number:
                                                matches the hire to the roster and so to
                                                programme alumni
outcome             utfall             yes      anställd, ej anställd, återtagen (hired,
                                                not hired, withdrawn)
=================== ================== ======== ===========================================

Columns that are none of these are not used; the columns of the last import are saved per
organisation (`core.ImportMapping`) and read alike next time. Errors have the roster's codes
(``no_heading_row``, ``missing_column``, ``missing_value``,
``bad_value``, ...) plus ``unknown_administration`` and ``external_with_number`` (an external
applicant cannot have an employee number).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from django.db import transaction

from plantskola.core.models import ImportMapping, Organisation, User
from plantskola.core.services import import_mapping_columns, import_mapping_save
from plantskola.core.spreadsheets import ErrorList, SpreadsheetError, error_count
from plantskola.insights.models import RecruitmentApplication, RecruitmentImport
from plantskola.insights.recruitment_validation import (
    administrations_by_label,
    parse_rows,
    read_recruitments,
)


@dataclass
class RecruitmentResult:
    errors: list[SpreadsheetError] = field(default_factory=list)
    created: int = 0
    replaced: int = 0
    years: list[int] = field(default_factory=list)
    batch: RecruitmentImport | None = None
    # How the file was read and its columns (`spreadsheets.Table.describe`).
    reading: dict[str, object] = field(default_factory=dict)
    # The column mapping the file was read with (normalised heading → column).
    mapping: dict[str, str] = field(default_factory=dict)

    @property
    def ok(self) -> bool:
        return not self.errors

    @property
    def error_count(self) -> int:
        """The exact number of problems (`errors` groups those alike on several rows)."""
        return error_count(self.errors)


@transaction.atomic
def recruitment_import(
    *,
    organisation: Organisation,
    content: bytes,
    filename: str,
    uploaded_by: User | None,
    today: dt.date,
    dry_run: bool = False,
    mapping: Mapping[str, str] | None = None,
    batch: RecruitmentImport | None = None,
) -> RecruitmentResult:
    """Check a recruitment file and, unless `dry_run` or the file has errors, replace the years
    it covers. The columns are read with `mapping` (normalised heading → column), by default the
    organisation's saved one; `batch` is the previewed import that becomes the import."""
    result = RecruitmentResult()
    errors = ErrorList()
    if mapping is None:
        mapping = import_mapping_columns(
            organisation=organisation, kind=ImportMapping.Kind.RECRUITMENT
        )
    table = read_recruitments(content, filename, errors, mapping)
    if table is None:
        result.errors = errors.result()
        return result
    header, rows = table.header, table.rows
    result.reading = table.describe()
    result.mapping = header.mapping()
    if not dry_run:
        # Two imports of one organisation at once would both delete and both insert.
        Organisation.objects.select_for_update().filter(pk=organisation.pk).first()
    parsed = parse_rows(
        rows,
        header,
        administrations_by_label(organisation=organisation),
        organisation,
        errors,
        today,
    )
    if errors:
        result.errors = errors.result()
        return result
    years = sorted({a.date.year for a in parsed})
    result.years = years
    result.created = len(parsed)
    existing = RecruitmentApplication.objects.filter(
        organisation=organisation, date__year__in=years
    )
    if dry_run:
        result.replaced = existing.count()
        return result
    if batch is None:
        batch = RecruitmentImport(organisation=organisation, uploaded_by=uploaded_by)
    batch.filename = filename[:255]
    batch.years = years
    batch.rows = len(parsed)
    batch.status = RecruitmentImport.Status.APPLIED
    batch.content = b""
    batch.save()
    result.replaced, _deleted = existing.delete()
    for application in parsed:
        application.batch = batch
    RecruitmentApplication.objects.bulk_create(parsed, batch_size=500)
    import_mapping_save(
        organisation=organisation,
        kind=ImportMapping.Kind.RECRUITMENT,
        columns=header.mapping(),
    )
    result.batch = batch
    return result


def _summary(result: RecruitmentResult) -> dict[str, Any]:
    return {
        "reading": result.reading,
        "mapping": result.mapping,
        "rows": result.created,
        "years": result.years,
        "replaced": result.replaced,
    }


@transaction.atomic
def recruitment_preview_create(
    *,
    organisation: Organisation,
    uploaded_by: User,
    filename: str,
    content: bytes,
    today: dt.date,
) -> tuple[RecruitmentResult, RecruitmentImport | None]:
    """Check an uploaded file without importing it and, if it has no errors, keep it with what
    it would do until HR confirms it. The organisation's earlier unconfirmed previews go: one
    file waits at a time, and no file is kept longer than needed."""
    result = recruitment_import(
        organisation=organisation,
        content=content,
        filename=filename,
        uploaded_by=uploaded_by,
        today=today,
        dry_run=True,
    )
    if not result.ok:
        return result, None
    RecruitmentImport.objects.filter(
        organisation=organisation, status=RecruitmentImport.Status.PREVIEWED
    ).delete()
    record = RecruitmentImport.objects.create(
        organisation=organisation,
        uploaded_by=uploaded_by,
        filename=filename[:255],
        status=RecruitmentImport.Status.PREVIEWED,
        content=content,
        years=result.years,
        rows=result.created,
        summary=_summary(result),
    )
    return result, record


def recruitment_preview_remap(
    *, record: RecruitmentImport, mapping: Mapping[str, str], today: dt.date
) -> RecruitmentResult:
    """Check a previewed file again with the columns HR chose, and remember them for the
    organisation's next import. A mapping the file cannot be read with changes nothing."""
    result = recruitment_import(
        organisation=record.organisation,
        content=bytes(record.content),
        filename=record.filename,
        uploaded_by=record.uploaded_by,
        today=today,
        dry_run=True,
        mapping=mapping,
    )
    if result.ok:
        import_mapping_save(
            organisation=record.organisation,
            kind=ImportMapping.Kind.RECRUITMENT,
            columns=result.mapping,
        )
        record.summary = _summary(result)
        record.years, record.rows = result.years, result.created
        record.save(update_fields=["summary", "years", "rows"])
    return result


@transaction.atomic
def recruitment_preview_apply(*, record: RecruitmentImport, today: dt.date) -> RecruitmentResult:
    """Import a previewed file with the columns it was checked with (checked again against
    the units stored now); the file itself is no longer kept."""
    record = RecruitmentImport.objects.select_for_update().get(pk=record.pk)
    if record.status != RecruitmentImport.Status.PREVIEWED:
        result = RecruitmentResult(batch=record)
        return result
    return recruitment_import(
        organisation=record.organisation,
        content=bytes(record.content),
        filename=record.filename,
        uploaded_by=record.uploaded_by,
        today=today,
        mapping=record.summary.get("mapping"),
        batch=record,
    )
