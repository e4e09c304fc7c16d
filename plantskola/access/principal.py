"""Who the user is, for the rules: person, organisations, roles and scopes, read once per request.

Roles:
- organisation roles (`OrganisationRole`): HR administrator, coordinator — all of that
  organisation's units, people and programmes;
- programme roles (`ProgrammeRole`): coordinator, course leader, steering-group member of
  one programme, optionally one edition of it;
- derived roles: participant (a `Participant` row for the user's person), closest manager
  (the people in the manager's own unit subtree and their direct reports), course leader of
  a session (`Session.leaders`), and partner staff (an organisation role in an organisation
  that is a partner of a joint edition: that edition and their own people in it, nothing else).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.db.models import Q

from plantskola.access.base import UserLike
from plantskola.core.models import OrganisationRole, Person
from plantskola.programmes.models import ProgrammeRole

Scopes = frozenset[tuple[int, int | None]]

_CACHE_ATTRIBUTE = "_plantskola_principal"


@dataclass
class Principal:
    """Everything the rules need to know about one user, read once per request."""

    user_id: int | None
    is_superuser: bool = False
    person_id: int | None = None
    person_org_id: int | None = None
    manager_unit_path: str | None = None
    hr_org_ids: frozenset[int] = frozenset()
    coordinator_org_ids: frozenset[int] = frozenset()
    # (programme_id, edition_id or None) per programme role
    coordinator_scopes: Scopes = frozenset()
    leader_scopes: Scopes = frozenset()
    steering_scopes: Scopes = frozenset()
    staff_org_ids: frozenset[int] = field(default=frozenset())

    @property
    def is_authenticated(self) -> bool:
        return self.user_id is not None

    @property
    def managing_org_ids(self) -> frozenset[int]:
        """Organisations whose programmes this user runs (HR administrators and coordinators)."""
        return self.hr_org_ids | self.coordinator_org_ids

    @property
    def is_manager(self) -> bool:
        return self.manager_unit_path is not None

    @property
    def programme_scopes(self) -> Scopes:
        """Every programme-role scope: coordinator, course leader and steering group."""
        return self.coordinator_scopes | self.leader_scopes | self.steering_scopes


def principal(user: UserLike) -> Principal:
    cached: Principal | None = getattr(user, _CACHE_ATTRIBUTE, None)
    if cached is not None:
        return cached
    result = _read_principal(user)
    # Cached on the user object, which lives as long as the request.
    setattr(user, _CACHE_ATTRIBUTE, result)
    return result


def _read_principal(user: UserLike) -> Principal:
    if not user.is_authenticated or not user.is_active:
        return Principal(user_id=None)
    person = Person.objects.filter(user_id=user.pk, is_active=True).select_related("unit").first()
    org_roles = list(
        OrganisationRole.objects.filter(user_id=user.pk).values_list("organisation_id", "role")
    )
    scopes: dict[str, set[tuple[int, int | None]]] = {role: set() for role in ProgrammeRole.Role}
    for programme_id, edition_id, role in ProgrammeRole.objects.filter(user_id=user.pk).values_list(
        "programme_id", "edition_id", "role"
    ):
        scopes[role].add((programme_id, edition_id))
    hr = frozenset(o for o, r in org_roles if r == OrganisationRole.Role.HR_ADMIN)
    coord = frozenset(o for o, r in org_roles if r == OrganisationRole.Role.COORDINATOR)
    manager_path = None
    if person is not None and person.is_manager and person.unit is not None:
        manager_path = person.unit.path
    return Principal(
        user_id=user.pk,
        is_superuser=user.is_superuser,
        person_id=person.pk if person else None,
        person_org_id=person.organisation_id if person else None,
        manager_unit_path=manager_path,
        hr_org_ids=hr,
        coordinator_org_ids=coord,
        coordinator_scopes=frozenset(scopes[ProgrammeRole.Role.COORDINATOR]),
        leader_scopes=frozenset(scopes[ProgrammeRole.Role.COURSE_LEADER]),
        steering_scopes=frozenset(scopes[ProgrammeRole.Role.STEERING_GROUP]),
        staff_org_ids=hr | coord,
    )


def scope_q(scopes: Scopes, *, prefix: str) -> Q:
    """Editions covered by programme-role scopes; `prefix` leads from the model to Edition."""
    q = Q(pk__in=[])
    whole = [p for p, e in scopes if e is None]
    single = [e for _, e in scopes if e is not None]
    if whole:
        q |= Q(**{f"{prefix}programme_id__in": whole})
    if single:
        q |= Q(**{f"{prefix}pk__in": single})
    return q


def in_scope(scopes: Scopes, programme_id: int, edition_id: int | None) -> bool:
    return any(p == programme_id and (e is None or e == edition_id) for p, e in scopes)
