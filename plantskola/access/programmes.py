"""Programmes, editions, sessions, participants and the network: who sees and runs what.

Whoever runs an organisation's programmes (HR administrators, coordinators) and the
programme roles in scope see an edition; so do partner staff of a joint edition, its
participants and its sessions' course leaders. Changing an edition is for those who run it.
"""

from __future__ import annotations

from typing import TypeVar

from django.db.models import Q, QuerySet
from django.http import Http404

from plantskola.access.base import Action, UserLike, deny_unless, get_visible_or_404
from plantskola.access.principal import Principal, in_scope, principal, scope_q
from plantskola.core.models import Person
from plantskola.programmes.models import (
    BulkJob,
    Edition,
    Group,
    GroupingDraft,
    Module,
    Participant,
    Programme,
    Session,
)

ACTIVE_OR_COMPLETED = [Participant.Status.ACTIVE, Participant.Status.COMPLETED]


def edition_q(p: Principal, *, prefix: str = "") -> Q:
    """Editions this principal may see, as a Q over a model reaching Edition through `prefix`."""
    q = Q(**{f"{prefix}programme__organisation_id__in": p.managing_org_ids})
    q |= scope_q(p.programme_scopes, prefix=prefix)
    q |= Q(**{f"{prefix}partners__in": p.staff_org_ids}) if p.staff_org_ids else Q(pk__in=[])
    if p.person_id is not None:
        q |= Q(**{f"{prefix}participants__person_id": p.person_id})
        q |= Q(**{f"{prefix}sessions__leaders": p.person_id})
    return q


def can_manage_edition(p: Principal, edition: Edition) -> bool:
    """Whether the principal runs the edition: its organisation's HR and coordinators, and
    coordinators of the programme or the edition."""
    programme = edition.programme
    return (
        p.is_superuser
        or programme.organisation_id in p.managing_org_ids
        or in_scope(p.coordinator_scopes, programme.pk, edition.pk)
    )


def is_partner_staff(p: Principal, edition: Edition) -> bool:
    """Staff of an organisation that is a partner of this (joint) edition."""
    return bool(p.staff_org_ids) and edition.partners.filter(pk__in=p.staff_org_ids).exists()


# --- programmes ----------------------------------------------------------------------------


def programmes_for_user(user: UserLike) -> QuerySet[Programme]:
    p = principal(user)
    if not p.is_authenticated:
        return Programme.objects.none()
    if p.is_superuser:
        return Programme.objects.all()
    q = Q(organisation_id__in=p.managing_org_ids)
    q |= Q(pk__in=[prog for prog, _ in p.programme_scopes])
    q |= Q(editions__in=editions_for_user(user))
    return Programme.objects.filter(pk__in=Programme.objects.filter(q).values("pk"))


def programme_can_create(user: UserLike) -> bool:
    p = principal(user)
    return p.is_authenticated and (p.is_superuser or bool(p.managing_org_ids))


def programme_can_view(user: UserLike, programme: Programme) -> bool:
    return programmes_for_user(user).filter(pk=programme.pk).exists()


def programme_can_change(user: UserLike, programme: Programme) -> bool:
    p = principal(user)
    return p.is_authenticated and (
        p.is_superuser
        or programme.organisation_id in p.managing_org_ids
        or (programme.pk, None) in p.coordinator_scopes
    )


def programme_get_for_user(user: UserLike, pk: int, *, action: Action = Action.VIEW) -> Programme:
    programme = get_visible_or_404(programmes_for_user(user).select_related("organisation"), pk=pk)
    if action == Action.CHANGE:
        deny_unless(programme_can_change(user, programme))
    return programme


# --- editions ------------------------------------------------------------------------------


def editions_for_user(user: UserLike) -> QuerySet[Edition]:
    p = principal(user)
    if not p.is_authenticated:
        return Edition.objects.none()
    if p.is_superuser:
        return Edition.objects.all()
    ids = Edition.objects.filter(edition_q(p)).values("pk")
    return Edition.objects.filter(pk__in=ids)


def edition_can_view(user: UserLike, edition: Edition) -> bool:
    return editions_for_user(user).filter(pk=edition.pk).exists()


def edition_can_change(user: UserLike, edition: Edition) -> bool:
    p = principal(user)
    return p.is_authenticated and can_manage_edition(p, edition)


def edition_can_view_participants(user: UserLike, edition: Edition) -> bool:
    """The whole participant list: whoever runs the edition, its course leaders and steering
    group (partner staff see their own people through `participants_for_user`)."""
    p = principal(user)
    if not p.is_authenticated:
        return False
    return (
        can_manage_edition(p, edition)
        or in_scope(p.leader_scopes | p.steering_scopes, edition.programme_id, edition.pk)
        or (p.person_id is not None and edition.sessions.filter(leaders=p.person_id).exists())
    )


def edition_can(user: UserLike, action: Action, edition: Edition) -> bool:
    if action == Action.VIEW:
        return edition_can_view(user, edition)
    if action == Action.CHANGE:
        return edition_can_change(user, edition)
    if action == Action.VIEW_PARTICIPANTS:
        return edition_can_view_participants(user, edition)
    return False


def edition_get_for_user(
    user: UserLike,
    pk: int,
    *,
    action: Action = Action.VIEW,
    queryset: QuerySet[Edition] | None = None,
) -> Edition:
    """Fetch-and-authorise an edition: 404 if the user cannot see it, 403 if they may not do
    `action`. `queryset` narrows or prefetches (it is intersected with what the user sees)."""
    visible = editions_for_user(user)
    if queryset is not None:
        visible = queryset.filter(pk__in=visible.values("pk"))
    else:
        visible = visible.select_related("programme__organisation")
    edition = get_visible_or_404(visible, pk=pk)
    if action != Action.VIEW:
        deny_unless(edition_can(user, action, edition))
    return edition


def edition_can_list_participants(user: UserLike, edition: Edition) -> bool:
    """Whether the edition's participant list (and its completion page) shows the user anyone:
    the whole list for those who may view participants, their own people for partner staff."""
    return (
        edition_can_view_participants(user, edition)
        or participants_for_user(user, edition).exists()
    )


def edition_get_for_participant_list(user: UserLike, pk: int) -> Edition:
    """An edition whose participants the user may list: 404 if they cannot see the edition, 403
    if its list shows them no one (a participant is not shown the others)."""
    edition = edition_get_for_user(user, pk)
    deny_unless(edition_can_list_participants(user, edition))
    return edition


# --- modules, groups and what else hangs off an edition ----------------------------------------

# The parts of an edition that are found through it: visible with the edition, changed by
# whoever may change the edition (403, not 404, for those who see it but may not).
EditionPart = TypeVar("EditionPart", Module, Group, Session, Participant)


def _edition_part_get(
    user: UserLike, queryset: QuerySet[EditionPart], pk: int, action: Action
) -> EditionPart:
    part = get_visible_or_404(queryset.filter(edition__in=editions_for_user(user)), pk=pk)
    if action != Action.VIEW:
        deny_unless(edition_can(user, action, part.edition))
    return part


def module_get_for_user(user: UserLike, pk: int, *, action: Action = Action.VIEW) -> Module:
    return _edition_part_get(user, Module.objects.select_related("edition__programme"), pk, action)


def group_get_for_user(user: UserLike, pk: int, *, action: Action = Action.VIEW) -> Group:
    return _edition_part_get(user, Group.objects.select_related("edition__programme"), pk, action)


# --- sessions ------------------------------------------------------------------------------


def sessions_for_user(user: UserLike) -> QuerySet[Session]:
    """Sessions of editions the user runs or oversees; a participant's own group's sessions."""
    p = principal(user)
    if not p.is_authenticated:
        return Session.objects.none()
    if p.is_superuser:
        return Session.objects.all()
    q = Q(edition__programme__organisation_id__in=p.managing_org_ids)
    q |= scope_q(p.programme_scopes, prefix="edition__")
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


def session_can_view(user: UserLike, session: Session) -> bool:
    return sessions_for_user(user).filter(pk=session.pk).exists()


def session_can_change(user: UserLike, session: Session) -> bool:
    p = principal(user)
    return p.is_authenticated and can_manage_edition(p, session.edition)


def session_can_take_attendance(user: UserLike, session: Session) -> bool:
    p = principal(user)
    if not p.is_authenticated:
        return False
    return (
        can_manage_edition(p, session.edition)
        or in_scope(p.leader_scopes, session.edition.programme_id, session.edition_id)
        or (p.person_id is not None and session.leaders.filter(pk=p.person_id).exists())
    )


def session_can(user: UserLike, action: Action, session: Session) -> bool:
    if action == Action.VIEW:
        return session_can_view(user, session)
    if action == Action.CHANGE:
        return session_can_change(user, session)
    if action == Action.TAKE_ATTENDANCE:
        return session_can_take_attendance(user, session)
    return False


def session_get_for_user(user: UserLike, pk: int, *, action: Action = Action.VIEW) -> Session:
    """Fetch-and-authorise a session. To view it or take attendance it must be one of
    `sessions_for_user`; to change it, it is found through its edition, like a module."""
    related = ("edition__programme__organisation", "module", "group")
    if action == Action.CHANGE:
        return _edition_part_get(user, Session.objects.select_related(*related), pk, action)
    session = get_visible_or_404(sessions_for_user(user).select_related(*related), pk=pk)
    if action != Action.VIEW:
        deny_unless(session_can(user, action, session))
    return session


# --- participants and the network ----------------------------------------------------------


def participants_for_user(user: UserLike, edition: Edition) -> QuerySet[Participant]:
    """Participants of an edition as this user may list them (partner staff: their own only)."""
    qs = Participant.objects.filter(edition=edition)
    p = principal(user)
    if edition_can_view_participants(user, edition):
        return qs
    if is_partner_staff(p, edition):
        return qs.filter(person__organisation_id__in=p.staff_org_ids)
    return qs.none()


def participant_get_for_user(
    user: UserLike, pk: int, *, action: Action = Action.CHANGE
) -> Participant:
    """A participation, found through its edition: to change it, 403 for those who see the
    edition but may not change it; to view it, 404 unless it is on the user's list."""
    queryset = Participant.objects.select_related("edition__programme", "person")
    participant = _edition_part_get(user, queryset, pk, action)
    if (
        action == Action.VIEW
        and not participants_for_user(user, participant.edition).filter(pk=participant.pk).exists()
    ):
        raise Http404
    return participant


def network_participants_for_user(user: UserLike) -> QuerySet[Participant]:
    """Participations the network directory shows this user: a participant or alumnus finds
    everyone who took part in the same programmes, across editions and partner organisations;
    HR administrators and coordinators of the host see their programmes' networks; partner
    staff see only their own organisation's people in the programmes they share. Only active
    and completed participations of employed people who have not left the directory."""
    p = principal(user)
    if not p.is_authenticated:
        return Participant.objects.none()
    base = Participant.objects.filter(
        status__in=ACTIVE_OR_COMPLETED,
        person__is_active=True,
    ).exclude(person__network_profile__listed=False)
    if p.is_superuser:
        return base
    q = Q(edition__programme__organisation_id__in=p.managing_org_ids)
    q |= scope_q(p.coordinator_scopes, prefix="edition__")
    if p.staff_org_ids:
        q |= Q(edition__partners__in=p.staff_org_ids, person__organisation_id__in=p.staff_org_ids)
    if p.person_id is not None:
        own = Participant.objects.filter(
            person_id=p.person_id,
            status__in=ACTIVE_OR_COMPLETED,
        ).values("edition__programme_id")
        q |= Q(edition__programme_id__in=own)
    return base.filter(pk__in=Participant.objects.filter(q).values("pk"))


def network_member(user: UserLike) -> bool:
    """Whether the user is a participant or alumnus with an entry of their own in the network."""
    p = principal(user)
    if p.person_id is None:
        return False
    return Participant.objects.filter(
        person_id=p.person_id,
        status__in=ACTIVE_OR_COMPLETED,
    ).exists()


def network_person_get_for_user(user: UserLike) -> Person:
    """The user's own person, to edit their entry in the network directory: 404 unless they are
    a participant or alumnus with an entry of their own."""
    person_id = principal(user).person_id
    if person_id is None or not network_member(user):
        raise Http404
    return Person.objects.select_related("unit", "organisation").get(pk=person_id)


# --- mass actions --------------------------------------------------------------------------


def bulk_job_get_for_user(user: UserLike, pk: object) -> BulkJob:
    """A mass action's progress page: for whoever may change its edition; 404 for anyone
    else (a job id names nothing they can see)."""
    job = get_visible_or_404(
        BulkJob.objects.select_related("edition__programme").filter(
            edition__in=editions_for_user(user)
        ),
        pk=pk,
    )
    if not edition_can_change(user, job.edition):
        raise Http404
    return job


# --- grouping drafts -----------------------------------------------------------------------


def grouping_drafts_for_user(user: UserLike, edition: Edition) -> QuerySet[GroupingDraft]:
    """An edition's grouping drafts: for those who see its whole participant list (whoever
    runs it, its course leaders and steering group); partner staff see none (a draft names
    the host's people)."""
    if not edition_can_view_participants(user, edition):
        return GroupingDraft.objects.none()
    return GroupingDraft.objects.filter(edition=edition)


def grouping_draft_get_for_user(
    user: UserLike, pk: object, *, action: Action = Action.VIEW
) -> GroupingDraft:
    """A draft by its (shared) link: read-only for those who see the edition's participants,
    404 for anyone else; applying it (`action=CHANGE`) is for those who run the edition."""
    draft = get_visible_or_404(
        GroupingDraft.objects.select_related("edition__programme__organisation").filter(
            edition__in=editions_for_user(user)
        ),
        pk=pk,
    )
    if not edition_can_view_participants(user, draft.edition):
        raise Http404
    if action != Action.VIEW:
        deny_unless(edition_can_change(user, draft.edition))
    return draft
