"""The one place that answers "may this user do this to this object".

Every view asks here, either through a `*_for_user` queryset (what may this user see?)
or through `can(user, action, obj)`. Objects a user may not see do not exist for them:
`get_visible_or_404` gives the same 404 for missing and hidden objects. An object the
user may see but not change gives 403 (`require`).

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
from enum import StrEnum
from typing import TYPE_CHECKING, Any, TypeVar

from django.core.exceptions import ObjectDoesNotExist, PermissionDenied
from django.db.models import Model, Q, QuerySet
from django.http import Http404

from plantskola.core.models import Organisation, OrganisationRole, OrgUnit, Person

if TYPE_CHECKING:
    from django.contrib.auth.models import AnonymousUser

    from plantskola.core.models import User
    from plantskola.programmes.models import Edition, Programme, Session

M = TypeVar("M", bound=Model)


class Action(StrEnum):
    VIEW = "view"
    CHANGE = "change"
    CREATE_PROGRAMME = "create_programme"
    VIEW_PARTICIPANTS = "view_participants"
    TAKE_ATTENDANCE = "take_attendance"
    IMPORT_ROSTER = "import_roster"
    VIEW_PEOPLE = "view_people"


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
    coordinator_scopes: frozenset[tuple[int, int | None]] = frozenset()
    leader_scopes: frozenset[tuple[int, int | None]] = frozenset()
    steering_scopes: frozenset[tuple[int, int | None]] = frozenset()
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


def principal(user: User | AnonymousUser) -> Principal:
    cached: Principal | None = getattr(user, "_plantskola_principal", None)
    if cached is not None:
        return cached
    if not user.is_authenticated or not user.is_active:
        result = Principal(user_id=None)
    else:
        from plantskola.programmes.models import ProgrammeRole

        person = (
            Person.objects.filter(user_id=user.pk, is_active=True).select_related("unit").first()
        )
        org_roles = list(
            OrganisationRole.objects.filter(user_id=user.pk).values_list("organisation_id", "role")
        )
        scopes: dict[str, set[tuple[int, int | None]]] = {
            role: set() for role in ProgrammeRole.Role
        }
        for programme_id, edition_id, role in ProgrammeRole.objects.filter(
            user_id=user.pk
        ).values_list("programme_id", "edition_id", "role"):
            scopes[role].add((programme_id, edition_id))
        hr = frozenset(o for o, r in org_roles if r == OrganisationRole.Role.HR_ADMIN)
        coord = frozenset(o for o, r in org_roles if r == OrganisationRole.Role.COORDINATOR)
        manager_path = None
        if person is not None and person.is_manager and person.unit is not None:
            manager_path = person.unit.path
        result = Principal(
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
    user._plantskola_principal = result  # type: ignore[union-attr]
    return result


def _scope_q(scopes: frozenset[tuple[int, int | None]], *, prefix: str) -> Q:
    """Editions covered by programme-role scopes; `prefix` leads from the model to Edition."""
    q = Q(pk__in=[])
    whole = [p for p, e in scopes if e is None]
    single = [e for _, e in scopes if e is not None]
    if whole:
        q |= Q(**{f"{prefix}programme_id__in": whole})
    if single:
        q |= Q(**{f"{prefix}pk__in": single})
    return q


# --- what a user may see -------------------------------------------------------------------


def organisations_for_user(user: User | AnonymousUser) -> QuerySet[Organisation]:
    p = principal(user)
    if p.is_superuser:
        return Organisation.objects.all()
    return Organisation.objects.filter(pk__in=p.staff_org_ids)


def units_for_user(user: User | AnonymousUser) -> QuerySet[OrgUnit]:
    p = principal(user)
    if not p.is_authenticated:
        return OrgUnit.objects.none()
    if p.is_superuser:
        return OrgUnit.objects.all()
    q = Q(organisation_id__in=p.staff_org_ids)
    if p.manager_unit_path:
        q |= Q(path__startswith=p.manager_unit_path)
    return OrgUnit.objects.filter(q)


def people_for_user(user: User | AnonymousUser) -> QuerySet[Person]:
    """The roster as this user may see it: staff see their organisation, managers their units."""
    p = principal(user)
    if not p.is_authenticated:
        return Person.objects.none()
    if p.is_superuser:
        return Person.objects.all()
    q = Q(organisation_id__in=p.staff_org_ids)
    if p.person_id is not None:
        q |= Q(pk=p.person_id)
        if p.manager_unit_path:
            q |= Q(unit__path__startswith=p.manager_unit_path, organisation_id=p.person_org_id)
            q |= Q(manager_id=p.person_id)
    return Person.objects.filter(q)


def _edition_q(p: Principal, *, prefix: str = "") -> Q:
    """Editions this principal may see, as a Q over a model reaching Edition through `prefix`."""
    q = Q(**{f"{prefix}programme__organisation_id__in": p.managing_org_ids})
    q |= _scope_q(p.coordinator_scopes | p.leader_scopes | p.steering_scopes, prefix=prefix)
    q |= Q(**{f"{prefix}partners__in": p.staff_org_ids}) if p.staff_org_ids else Q(pk__in=[])
    if p.person_id is not None:
        q |= Q(**{f"{prefix}participants__person_id": p.person_id})
        q |= Q(**{f"{prefix}sessions__leaders": p.person_id})
    return q


def editions_for_user(user: User | AnonymousUser) -> QuerySet[Edition]:
    from plantskola.programmes.models import Edition

    p = principal(user)
    if not p.is_authenticated:
        return Edition.objects.none()
    if p.is_superuser:
        return Edition.objects.all()
    ids = Edition.objects.filter(_edition_q(p)).values("pk")
    return Edition.objects.filter(pk__in=ids)


def programmes_for_user(user: User | AnonymousUser) -> QuerySet[Programme]:
    from plantskola.programmes.models import Programme

    p = principal(user)
    if not p.is_authenticated:
        return Programme.objects.none()
    if p.is_superuser:
        return Programme.objects.all()
    q = Q(organisation_id__in=p.managing_org_ids)
    q |= Q(pk__in=[prog for prog, _ in p.coordinator_scopes | p.leader_scopes | p.steering_scopes])
    q |= Q(editions__in=editions_for_user(user))
    return Programme.objects.filter(pk__in=Programme.objects.filter(q).values("pk"))


def sessions_for_user(user: User | AnonymousUser) -> QuerySet[Session]:
    """Sessions of editions the user runs or oversees; a participant's own group's sessions."""
    from plantskola.programmes.models import Session

    p = principal(user)
    if not p.is_authenticated:
        return Session.objects.none()
    if p.is_superuser:
        return Session.objects.all()
    q = Q(edition__programme__organisation_id__in=p.managing_org_ids)
    scopes = p.coordinator_scopes | p.leader_scopes | p.steering_scopes
    q |= _scope_q(scopes, prefix="edition__")
    if p.staff_org_ids:
        q |= Q(edition__partners__in=p.staff_org_ids)
    if p.person_id is not None:
        q |= Q(leaders=p.person_id)
        q |= Q(
            edition__participants__person_id=p.person_id,
            group__isnull=True,
        )
        q |= Q(group__participants__person_id=p.person_id)
    return Session.objects.filter(pk__in=Session.objects.filter(q).values("pk"))


def participants_for_user(user: User | AnonymousUser, edition: Edition) -> QuerySet[Any]:
    """Participants of an edition as this user may list them (partner staff: their own only)."""
    from plantskola.programmes.models import Participant

    qs = Participant.objects.filter(edition=edition)
    p = principal(user)
    if can(user, Action.VIEW_PARTICIPANTS, edition):
        return qs
    if p.staff_org_ids and edition.partners.filter(pk__in=p.staff_org_ids).exists():
        return qs.filter(person__organisation_id__in=p.staff_org_ids)
    return qs.none()


def network_participants_for_user(user: User | AnonymousUser) -> QuerySet[Any]:
    """Participations the network directory shows this user: a participant or alumnus finds
    everyone who took part in the same programmes, across editions and partner organisations;
    HR administrators and coordinators of the host see their programmes' networks; partner
    staff see only their own organisation's people in the programmes they share. Only active
    and completed participations of employed people who have not left the directory."""
    from plantskola.programmes.models import Participant

    p = principal(user)
    if not p.is_authenticated:
        return Participant.objects.none()
    base = Participant.objects.filter(
        status__in=[Participant.Status.ACTIVE, Participant.Status.COMPLETED],
        person__is_active=True,
    ).exclude(person__network_profile__listed=False)
    if p.is_superuser:
        return base
    q = Q(edition__programme__organisation_id__in=p.managing_org_ids)
    q |= _scope_q(p.coordinator_scopes, prefix="edition__")
    if p.staff_org_ids:
        q |= Q(edition__partners__in=p.staff_org_ids, person__organisation_id__in=p.staff_org_ids)
    if p.person_id is not None:
        own = Participant.objects.filter(
            person_id=p.person_id,
            status__in=[Participant.Status.ACTIVE, Participant.Status.COMPLETED],
        ).values("edition__programme_id")
        q |= Q(edition__programme_id__in=own)
    return base.filter(pk__in=Participant.objects.filter(q).values("pk"))


def network_member(user: User | AnonymousUser) -> bool:
    """Whether the user is a participant or alumnus with an entry of their own in the network."""
    from plantskola.programmes.models import Participant

    p = principal(user)
    if p.person_id is None:
        return False
    return Participant.objects.filter(
        person_id=p.person_id,
        status__in=[Participant.Status.ACTIVE, Participant.Status.COMPLETED],
    ).exists()


# --- what a user may do --------------------------------------------------------------------


def _in_scope(
    scopes: frozenset[tuple[int, int | None]], programme_id: int, edition_id: int | None
) -> bool:
    return any(p == programme_id and (e is None or e == edition_id) for p, e in scopes)


def can_manage_edition(p: Principal, edition: Edition) -> bool:
    programme = edition.programme
    return (
        p.is_superuser
        or programme.organisation_id in p.managing_org_ids
        or _in_scope(p.coordinator_scopes, programme.pk, edition.pk)
    )


def can(user: User | AnonymousUser, action: Action, obj: object | None = None) -> bool:
    from plantskola.programmes.models import Edition, Programme, Session

    p = principal(user)
    if not p.is_authenticated:
        return False
    if action == Action.CREATE_PROGRAMME:
        return p.is_superuser or bool(p.managing_org_ids)
    if action in (Action.IMPORT_ROSTER, Action.VIEW_PEOPLE) and obj is None:
        # Whether the user has the capability anywhere; object checks follow below.
        if action == Action.IMPORT_ROSTER:
            return p.is_superuser or bool(p.hr_org_ids)
        return p.is_superuser or bool(p.staff_org_ids) or p.is_manager
    if isinstance(obj, Organisation):
        if action == Action.IMPORT_ROSTER:
            return p.is_superuser or obj.pk in p.hr_org_ids
        if action in (Action.VIEW, Action.VIEW_PEOPLE):
            return p.is_superuser or obj.pk in p.staff_org_ids
        if action == Action.CHANGE:
            return p.is_superuser or obj.pk in p.hr_org_ids
        return False
    if isinstance(obj, Programme):
        if action == Action.VIEW:
            return programmes_for_user(user).filter(pk=obj.pk).exists()
        if action == Action.CHANGE:
            return (
                p.is_superuser
                or obj.organisation_id in p.managing_org_ids
                or (obj.pk, None) in p.coordinator_scopes
            )
        return False
    if isinstance(obj, Edition):
        if action == Action.VIEW:
            return editions_for_user(user).filter(pk=obj.pk).exists()
        if action == Action.CHANGE:
            return can_manage_edition(p, obj)
        if action == Action.VIEW_PARTICIPANTS:
            return (
                can_manage_edition(p, obj)
                or _in_scope(p.leader_scopes | p.steering_scopes, obj.programme_id, obj.pk)
                or (p.person_id is not None and obj.sessions.filter(leaders=p.person_id).exists())
            )
        return False
    if isinstance(obj, Session):
        if action == Action.VIEW:
            return sessions_for_user(user).filter(pk=obj.pk).exists()
        if action == Action.CHANGE:
            return can_manage_edition(p, obj.edition)
        if action == Action.TAKE_ATTENDANCE:
            return (
                can_manage_edition(p, obj.edition)
                or _in_scope(p.leader_scopes, obj.edition.programme_id, obj.edition_id)
                or (p.person_id is not None and obj.leaders.filter(pk=p.person_id).exists())
            )
        return False
    if isinstance(obj, Person):
        if action == Action.VIEW:
            return people_for_user(user).filter(pk=obj.pk).exists()
        if action == Action.CHANGE:
            return p.is_superuser or obj.organisation_id in p.hr_org_ids
        return False
    if isinstance(obj, OrgUnit):
        if action == Action.VIEW:
            return units_for_user(user).filter(pk=obj.pk).exists()
        return False
    return False


def require(user: User | AnonymousUser, action: Action, obj: object | None = None) -> None:
    """Raise 403 unless the user may do `action` (to `obj`)."""
    if not can(user, action, obj):
        raise PermissionDenied


def get_visible_or_404(queryset: QuerySet[M], **lookup: Any) -> M:
    """Fetch one object from a `*_for_user` queryset: missing and hidden look the same."""
    try:
        return queryset.get(**lookup)
    except ObjectDoesNotExist as exc:
        raise Http404 from exc


def get_for_action_or_404(
    user: User | AnonymousUser, queryset: QuerySet[M], action: Action, **lookup: Any
) -> M:
    """Fetch-and-authorise: 404 if the user cannot see the object, 403 if they cannot act on it."""
    obj = get_visible_or_404(queryset, **lookup)
    require(user, action, obj)
    return obj


# --- events ---
# Leadership days and cafés (plantskola.events): HR administrators and coordinators of the
# organisation run them; the target group (all managers, or the people of chosen units and
# their sub-units, optionally managers only) sees a published event and may register.


def _event_invited_q(p: Principal) -> Q:
    """Published or cancelled events whose target group includes this principal's person."""
    if p.person_id is None or p.person_org_id is None:
        return Q(pk__in=[])
    unit_path = (
        Person.objects.filter(pk=p.person_id).values_list("unit__path", flat=True).first() or ""
    )
    ancestors = [int(part) for part in unit_path.strip("/").split("/") if part]
    target = Q(audience="units", target_units__in=ancestors) if ancestors else Q(pk__in=[])
    if p.is_manager:
        target |= Q(audience="all_managers")
    else:
        target &= Q(managers_only=False)
    return Q(organisation_id=p.person_org_id) & ~Q(status="draft") & target


def events_for_user(user: User | AnonymousUser) -> QuerySet[Any]:
    """Events this user may see: those they run, are invited to, or registered for."""
    from plantskola.events.models import Event

    p = principal(user)
    if not p.is_authenticated:
        return Event.objects.none()
    if p.is_superuser:
        return Event.objects.all()
    q = Q(organisation_id__in=p.managing_org_ids) | _event_invited_q(p)
    if p.person_id is not None:
        q |= Q(registrations__person_id=p.person_id)
    return Event.objects.filter(pk__in=Event.objects.filter(q).values("pk"))


def event_can_manage(user: User | AnonymousUser, event: Any) -> bool:
    p = principal(user)
    return p.is_superuser or event.organisation_id in p.managing_org_ids


def event_is_invited(user: User | AnonymousUser, event: Any) -> bool:
    """Whether the user's person is in the event's target group (the event is not a draft)."""
    from plantskola.events.models import Event

    p = principal(user)
    if p.person_id is None:
        return False
    return Event.objects.filter(_event_invited_q(p), pk=event.pk).exists()


def event_can_register(user: User | AnonymousUser, event: Any) -> bool:
    """Whether the user may register (themselves) for the event; dates are checked on submit."""
    return event.status == "published" and event_is_invited(user, event)


def event_get_for_user_or_404(user: User | AnonymousUser, pk: int, *, manage: bool = False) -> Any:
    """Fetch-and-authorise an event: 404 if not visible, 403 if `manage` and not an organiser."""
    event = get_visible_or_404(events_for_user(user).select_related("organisation"), pk=pk)
    if manage and not event_can_manage(user, event):
        raise PermissionDenied
    return event


# --- diplomas ---


def diplomas_for_user(user: User | AnonymousUser) -> QuerySet[Any]:
    """Diplomas a user may see: their own, and those of the editions they run."""
    from plantskola.diplomas.models import Diploma

    p = principal(user)
    if not p.is_authenticated:
        return Diploma.objects.none()
    if p.is_superuser:
        return Diploma.objects.all()
    q = Q(participant__edition__programme__organisation_id__in=p.managing_org_ids)
    q |= _scope_q(p.coordinator_scopes, prefix="participant__edition__")
    if p.person_id is not None:
        q |= Q(participant__person_id=p.person_id)
    return Diploma.objects.filter(q)


def diploma_can_view(user: User | AnonymousUser, diploma: Any) -> bool:
    """The participant themself and whoever runs the edition; nobody else."""
    p = principal(user)
    if not p.is_authenticated:
        return False
    participant = diploma.participant
    if p.person_id is not None and participant.person_id == p.person_id:
        return True
    return can_manage_edition(p, participant.edition)


def diploma_can_change(user: User | AnonymousUser, diploma: Any) -> bool:
    """Revoke and reissue: whoever runs the edition (as for issuing)."""
    p = principal(user)
    return p.is_authenticated and can_manage_edition(p, diploma.participant.edition)


def diploma_settings_can_change(user: User | AnonymousUser, organisation: Organisation) -> bool:
    """Signatories, logo and text of an organisation's diplomas: its HR and coordinators."""
    p = principal(user)
    return p.is_superuser or organisation.pk in p.managing_org_ids


# --- leadership platform ---


def platform_organisations_for_user(user: User | AnonymousUser) -> QuerySet[Organisation]:
    """Organisations whose leadership platform the user may read: their employer and the
    organisations they hold a role in. Only HR administrators change it (Action.CHANGE)."""
    p = principal(user)
    if not p.is_authenticated:
        return Organisation.objects.none()
    if p.is_superuser:
        return Organisation.objects.all()
    ids = set(p.staff_org_ids)
    if p.person_org_id is not None:
        ids.add(p.person_org_id)
    return Organisation.objects.filter(pk__in=ids)


# --- admissions ---


def calls_for_user(user: User | AnonymousUser) -> QuerySet[Any]:
    """Calls whose applications this user handles: coordinators of the edition, and partner
    staff of a joint call (who then see only their own employees' applications)."""
    from plantskola.admissions.models import Call

    p = principal(user)
    if not p.is_authenticated:
        return Call.objects.none()
    if p.is_superuser:
        return Call.objects.all()
    q = Q(edition__programme__organisation_id__in=p.managing_org_ids)
    q |= _scope_q(p.coordinator_scopes, prefix="edition__")
    if p.staff_org_ids:
        q |= Q(edition__partners__in=p.staff_org_ids, organisations__in=p.staff_org_ids)
    return Call.objects.filter(pk__in=Call.objects.filter(q).values("pk"))


def call_can_manage(user: User | AnonymousUser, call: Any) -> bool:
    return can_manage_edition(principal(user), call.edition)


def applications_for_user(user: User | AnonymousUser, call: Any) -> QuerySet[Any]:
    """A call's applications as this user may list them; never drafts of others."""
    from plantskola.admissions.models import Application

    qs = Application.objects.filter(call=call).exclude(status=Application.Status.DRAFT)
    if call_can_manage(user, call):
        return qs
    p = principal(user)
    if p.staff_org_ids and call.edition.partners.filter(pk__in=p.staff_org_ids).exists():
        return qs.filter(applicant__organisation_id__in=p.staff_org_ids)
    return qs.none()


# --- admissions: interviews ---


def interviews_for_user(user: User | AnonymousUser) -> QuerySet[Any]:
    """Interviews the user conducts (interviewers see only the applicants they interview)."""
    from plantskola.admissions.models import Interview

    p = principal(user)
    if p.person_id is None:
        return Interview.objects.none()
    return Interview.objects.filter(interviewers=p.person_id)


def application_can_view(user: User | AnonymousUser, application: Any) -> bool:
    """Coordinators of the call and partner staff (their own employees) through
    `applications_for_user`; interviewers for the applicants they interview."""
    if applications_for_user(user, application.call).filter(pk=application.pk).exists():
        return True
    return interviews_for_user(user).filter(application=application).exists()


def slot_booking_application(user: User | AnonymousUser, call: Any) -> Any | None:
    """The user's own application to the call, if they are invited to book an interview slot
    themself (applicants see only their own booking, never others' names)."""
    from plantskola.admissions.models import Application

    p = principal(user)
    if p.person_id is None:
        return None
    return Application.objects.filter(
        call=call,
        applicant_id=p.person_id,
        status=Application.Status.SUBMITTED,
        interview_invited_at__isnull=False,
    ).first()


# --- development: action plans, roadmaps and reflections ---
# (plantskola.development.models_plans)
# A plan is personal: the participant reads and writes it; their closest manager (stored on the
# plan when shared) and the edition's course leaders read and comment on it only when the
# participant shares it with them. Coordinators and HR see whether a plan exists and its
# progress (`plan_overview_can_view`), never its content. Nobody else sees anything.


def closest_manager(person: Person) -> Person | None:
    """The person's closest manager from the roster: `Person.manager`, else the manager of the
    nearest unit up the tree (not the person themself)."""
    if person.manager_id is not None:
        manager = Person.objects.filter(pk=person.manager_id, is_active=True).first()
        if manager is not None:
            return manager
    if person.unit is None:
        return None
    ancestors = [int(part) for part in person.unit.path.strip("/").split("/") if part]
    for unit_id in reversed(ancestors):
        manager = (
            Person.objects.filter(unit_id=unit_id, is_manager=True, is_active=True)
            .exclude(pk=person.pk)
            .order_by("pk")
            .first()
        )
        if manager is not None:
            return manager
    return None


def _plan_leader_q(p: Principal) -> Q:
    """Plans of editions this principal leads as a course leader."""
    q = _scope_q(p.leader_scopes, prefix="participant__edition__")
    if p.person_id is not None:
        q |= Q(participant__edition__sessions__leaders=p.person_id)
    return q


def plans_for_user(user: User | AnonymousUser) -> QuerySet[Any]:
    """Plans whose content this user may read: their own, and those shared with them."""
    from plantskola.development.models_plans import DevelopmentPlan

    p = principal(user)
    if not p.is_authenticated or p.person_id is None and not p.leader_scopes:
        return DevelopmentPlan.objects.none()
    q = Q(share_with_leaders=True) & _plan_leader_q(p)
    if p.person_id is not None:
        q |= Q(participant__person_id=p.person_id)
        q |= Q(share_with_manager=True, manager_id=p.person_id)
    return DevelopmentPlan.objects.filter(pk__in=DevelopmentPlan.objects.filter(q).values("pk"))


def plan_is_owner(user: User | AnonymousUser, plan: Any) -> bool:
    p = principal(user)
    return p.person_id is not None and plan.participant.person_id == p.person_id


def plan_can_change(user: User | AnonymousUser, plan: Any) -> bool:
    """Only the participant writes their plan (and shares it)."""
    return plan_is_owner(user, plan)


def plan_can_comment(user: User | AnonymousUser, plan: Any) -> bool:
    """Everyone who may read the plan may comment on it, the participant included."""
    return plans_for_user(user).filter(pk=plan.pk).exists()


def plan_get_for_user_or_404(user: User | AnonymousUser, pk: int, *, change: bool = False) -> Any:
    """Fetch-and-authorise a plan: 404 if not readable, 403 if `change` and not the owner."""
    plan = get_visible_or_404(
        plans_for_user(user).select_related(
            "participant__person", "participant__edition__programme__organisation", "manager"
        ),
        pk=pk,
    )
    if change and not plan_can_change(user, plan):
        raise PermissionDenied
    return plan


def plan_overview_can_view(user: User | AnonymousUser, edition: Edition) -> bool:
    """Whether a plan exists and its progress, per participant: whoever runs the edition, and
    partner staff of a joint edition for their own organisation's participants (the rows come
    from `participants_for_user`)."""
    p = principal(user)
    if can_manage_edition(p, edition):
        return True
    return bool(p.staff_org_ids) and edition.partners.filter(pk__in=p.staff_org_ids).exists()


def reflections_for_user(user: User | AnonymousUser) -> QuerySet[Any]:
    """Reflections this user may read: their own, and shared ones of plans shared with them."""
    from plantskola.development.models_plans import DevelopmentPlan, Reflection

    p = principal(user)
    if not p.is_authenticated:
        return Reflection.objects.none()
    q = Q(pk__in=[])
    if p.person_id is not None:
        q |= Q(participant__person_id=p.person_id)
    shared_plans = plans_for_user(user).exclude(participant__person_id=p.person_id)
    participants = DevelopmentPlan.objects.filter(pk__in=shared_plans.values("pk")).values(
        "participant_id"
    )
    q |= Q(shared=True, participant_id__in=participants)
    return Reflection.objects.filter(q)


# --- development: job shadowing ---
# (plantskola.development.models_shadowing)
# Coordinators of the edition see and run everything; a participant sees their own match, a
# host manager their own requests, partner staff their own employees; everyone else nothing.


def shadowing_rounds_for_user(user: User | AnonymousUser) -> QuerySet[Any]:
    from plantskola.development.models_shadowing import ShadowingRound

    p = principal(user)
    if not p.is_authenticated:
        return ShadowingRound.objects.none()
    if p.is_superuser:
        return ShadowingRound.objects.all()
    q = Q(edition__programme__organisation_id__in=p.managing_org_ids)
    q |= _scope_q(p.coordinator_scopes, prefix="edition__")
    if p.staff_org_ids:
        q |= Q(edition__partners__in=p.staff_org_ids)
    if p.person_id is not None:
        q |= Q(
            edition__participants__person_id=p.person_id,
            edition__participants__status__in=["invited", "active", "completed"],
        )
        q |= Q(hosts__person_id=p.person_id)
    return ShadowingRound.objects.filter(pk__in=ShadowingRound.objects.filter(q).values("pk"))


def shadowing_can_manage(user: User | AnonymousUser, round: Any) -> bool:
    p = principal(user)
    return p.is_authenticated and can_manage_edition(p, round.edition)


def shadowing_people_filter(user: User | AnonymousUser, round: Any) -> Q | None:
    """Which participants of a round the user may see, as a Q over Participant; None = all."""
    p = principal(user)
    if shadowing_can_manage(user, round):
        return None
    q = Q(pk__in=[])
    if p.staff_org_ids and round.edition.partners.filter(pk__in=p.staff_org_ids).exists():
        q |= Q(person__organisation_id__in=p.staff_org_ids)
    if p.person_id is not None:
        q |= Q(person_id=p.person_id)
    return q


def shadowing_matches_for_user(user: User | AnonymousUser, round: Any) -> QuerySet[Any]:
    """A round's matches as the user may see them: a host also sees the requests to them."""
    from plantskola.development.models_shadowing import ShadowingMatch

    qs = ShadowingMatch.objects.filter(round=round)
    people = shadowing_people_filter(user, round)
    if people is None:
        return qs
    p = principal(user)
    q = Q(participant__in=round.edition.participants.filter(people))
    if p.person_id is not None:
        q |= Q(host__person_id=p.person_id)
    return qs.filter(q)


def shadowing_can_schedule(user: User | AnonymousUser, match: Any) -> bool:
    """Dates are entered by the host or by whoever runs the edition."""
    p = principal(user)
    if not p.is_authenticated:
        return False
    return match.host.person_id == p.person_id or shadowing_can_manage(user, match.round)


# --- evaluations ---
# (plantskola.evaluations)

# A survey's results: whoever runs the organisation's programmes (HR, coordinators) and the
# coordinators of its edition; a course leader those of the sessions they lead (and of the
# modules in which they lead a session). Respondents see only the form; nobody sees anybody's
# answers (they are anonymous in the database).


def surveys_for_user(user: User | AnonymousUser) -> QuerySet[Any]:
    """Surveys the user may see: results they may read, or a form they may be asked to fill."""
    from plantskola.evaluations.models import Survey

    p = principal(user)
    if not p.is_authenticated:
        return Survey.objects.none()
    if p.is_superuser:
        return Survey.objects.all()
    q = Q(organisation_id__in=p.managing_org_ids)
    q |= _scope_q(p.coordinator_scopes, prefix="edition__")
    if p.person_id is not None:
        q |= Q(session__leaders=p.person_id) | Q(module__sessions__leaders=p.person_id)
        q |= Q(edition__participants__person_id=p.person_id)
        q |= Q(event__registrations__person_id=p.person_id)
    return Survey.objects.filter(pk__in=Survey.objects.filter(q).values("pk"))


def survey_can_manage(user: User | AnonymousUser, survey: Any) -> bool:
    """Send invitations, export: HR and coordinators of the organisation or the edition."""
    p = principal(user)
    if p.is_superuser or survey.organisation_id in p.managing_org_ids:
        return True
    return survey.edition_id is not None and _in_scope(
        p.coordinator_scopes, survey.edition.programme_id, survey.edition_id
    )


def survey_can_view_results(user: User | AnonymousUser, survey: Any) -> bool:
    if survey_can_manage(user, survey):
        return True
    p = principal(user)
    if p.person_id is None:
        return False
    if survey.session_id is not None:
        return survey.session.leaders.filter(pk=p.person_id).exists()
    if survey.module_id is not None:
        return survey.module.sessions.filter(leaders=p.person_id).exists()
    return False


def survey_templates_for_user(user: User | AnonymousUser) -> QuerySet[Any]:
    from plantskola.evaluations.models import SurveyTemplate

    p = principal(user)
    if p.is_superuser:
        return SurveyTemplate.objects.all()
    return SurveyTemplate.objects.filter(organisation_id__in=p.managing_org_ids)


def evaluation_organisations_for_user(user: User | AnonymousUser) -> QuerySet[Organisation]:
    """Organisations whose survey templates and threshold the user manages (HR, coordinators)."""
    p = principal(user)
    if p.is_superuser:
        return Organisation.objects.all()
    return Organisation.objects.filter(pk__in=p.managing_org_ids)


# --- insights: the manager-supply pipeline and recruitment statistics ---
# (plantskola.insights)


# HR administrators (and superusers) see everything of their organisation: the pipeline, career
# events and recruitment statistics. Coordinators (of the organisation, or of a programme) see
# the pipeline of the programmes they coordinate, nothing else. Nobody else sees any of it.


def insights_organisations_for_user(user: User | AnonymousUser) -> QuerySet[Organisation]:
    """Organisations whose pipeline this user may see (some of its programmes, for a
    programme coordinator)."""
    from plantskola.programmes.models import Programme

    p = principal(user)
    if not p.is_authenticated:
        return Organisation.objects.none()
    if p.is_superuser:
        return Organisation.objects.all()
    coordinated = Programme.objects.filter(
        pk__in=[programme for programme, _ in p.coordinator_scopes]
    ).values("organisation_id")
    return Organisation.objects.filter(Q(pk__in=p.managing_org_ids) | Q(pk__in=coordinated))


def insights_programmes_for_user(
    user: User | AnonymousUser, organisation: Organisation
) -> QuerySet[Programme]:
    """The organisation's programmes whose pipeline this user may see."""
    from plantskola.programmes.models import Programme

    p = principal(user)
    programmes = Programme.objects.filter(organisation=organisation)
    if p.is_superuser or organisation.pk in p.managing_org_ids:
        return programmes
    return programmes.filter(pk__in=[programme for programme, _ in p.coordinator_scopes])


def insights_can_view_hr(user: User | AnonymousUser, organisation: Organisation) -> bool:
    """Career events and recruitment statistics: the organisation's HR administrators."""
    p = principal(user)
    return p.is_superuser or organisation.pk in p.hr_org_ids


# --- privacy: retention and weeding ---
# (plantskola.privacy)


# --- privacy: register extracts and erasure ---


def extract_person_or_404(user: User | AnonymousUser, pk: int) -> Person:
    """A person whose register extract (or erasure) this user may make: HR administrators of
    the person's organisation and superusers. Others: 404 if they cannot see the person at
    all, 403 if they can."""
    person = get_visible_or_404(people_for_user(user).select_related("organisation"), pk=pk)
    if not extract_can_make(user, person):
        raise PermissionDenied
    return person


def extract_can_make(user: User | AnonymousUser, person: Person) -> bool:
    p = principal(user)
    return p.is_superuser or person.organisation_id in p.hr_org_ids


def weeding_organisations_for_user(user: User | AnonymousUser) -> QuerySet[Organisation]:
    """Organisations whose retention rules, weeding schedule and log the user may see: their
    HR administrators and coordinators. Only HR administrators change the rules
    (`retention_can_change`)."""
    p = principal(user)
    if not p.is_authenticated:
        return Organisation.objects.none()
    if p.is_superuser:
        return Organisation.objects.all()
    return Organisation.objects.filter(pk__in=p.staff_org_ids)


def retention_can_change(user: User | AnonymousUser, organisation: Organisation) -> bool:
    p = principal(user)
    return p.is_superuser or organisation.pk in p.hr_org_ids


def records_of_processing_can_view(user: User | AnonymousUser) -> bool:
    """The record of processing is for those who answer for the processing: HR administrators
    (and superusers)."""
    p = principal(user)
    return p.is_superuser or bool(p.hr_org_ids)
