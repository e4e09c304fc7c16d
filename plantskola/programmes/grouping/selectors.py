"""The edition's participants as the grouping sees them: unit, administration, organisation,
gender, age band and role, one `Member` each."""

from __future__ import annotations

from dataclasses import dataclass

from plantskola.core.models import OrgUnit
from plantskola.programmes.models import Edition, Group, Participant

# Age bands from the birth year, (lowest age, label); the first band has no lower limit.
AGE_BANDS: list[tuple[int, str]] = [
    (0, "<30"),
    (30, "30–39"),
    (40, "40–49"),
    (50, "50–59"),
    (60, "60+"),
]
TOP_KINDS = (OrgUnit.Kind.ADMINISTRATION, OrgUnit.Kind.COMPANY)


@dataclass(frozen=True)
class Member:
    """One participant as the grouping sees them."""

    id: str  # the participant's primary key, as the engine's string id
    person_id: int
    manager_person_id: int | None
    name: str
    unit: str
    unit_id: int | None
    administration: str
    administration_id: int | None
    organisation: str
    gender: str
    age_band: str
    is_manager: bool
    title: str
    current_group_id: int | None


def age_band(birth_year: int | None, year: int) -> str:
    if birth_year is None:
        return ""
    age = year - birth_year
    label = AGE_BANDS[0][1]
    for lowest, band in AGE_BANDS:
        if age >= lowest:
            label = band
    return label


def grouping_members(*, edition: Edition) -> list[Member]:
    """The edition's participants to be grouped (everyone but those who withdrew), with their
    administration: the top-level unit of kind administration or company above their unit."""
    participants = list(
        Participant.objects.filter(edition=edition)
        .exclude(status=Participant.Status.WITHDRAWN)
        .select_related("person__unit", "person__organisation")
        .order_by("person__last_name", "person__first_name", "pk")
    )
    ancestor_ids = {
        int(part)
        for p in participants
        if p.person.unit is not None
        for part in p.person.unit.path.strip("/").split("/")
        if part
    }
    units = {u.pk: u for u in OrgUnit.objects.filter(pk__in=ancestor_ids)}
    year = edition.start_date.year
    members = []
    for p in participants:
        person = p.person
        admin = _administration(person.unit, units)
        members.append(
            Member(
                id=str(p.pk),
                person_id=person.pk,
                manager_person_id=person.manager_id,
                name=person.full_name,
                unit=person.unit.name if person.unit else "",
                unit_id=person.unit_id,
                administration=admin.name if admin else "",
                administration_id=admin.pk if admin else None,
                organisation=person.organisation.name,
                gender=person.gender,
                age_band=age_band(person.birth_year, year),
                is_manager=person.is_manager,
                title=person.title,
                current_group_id=p.group_id,
            )
        )
    return members


def _administration(unit: OrgUnit | None, units: dict[int, OrgUnit]) -> OrgUnit | None:
    if unit is None:
        return None
    chain = [units[int(x)] for x in unit.path.strip("/").split("/") if x and int(x) in units]
    if not chain:
        return unit
    for ancestor in chain:
        if ancestor.kind in TOP_KINDS:
            return ancestor
    return chain[0]


def edition_groups(edition: Edition) -> list[Group]:
    """The edition's groups as they are saved, in order."""
    return list(Group.objects.filter(edition=edition).order_by("order", "name"))
