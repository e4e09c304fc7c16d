"""What a roster import reads of what is stored."""

from __future__ import annotations

from django.db.models import QuerySet

from plantskola.core.models import Organisation, OrgUnit, Person, RosterImport


def units_by_code(*, organisation: Organisation) -> dict[str, OrgUnit]:
    """The organisation's units by their code in the HR system."""
    return {unit.code: unit for unit in OrgUnit.objects.filter(organisation=organisation)}


def people_by_number(*, organisation: Organisation) -> dict[str, Person]:
    """The organisation's people, those who have left included, by employee number."""
    return {p.employee_number: p for p in Person.objects.filter(organisation=organisation)}


def roster_imports() -> QuerySet[RosterImport]:
    """Every uploaded roster file, with its organisation and uploader (to be narrowed to what
    the user may see)."""
    return RosterImport.objects.select_related("organisation", "uploaded_by")
