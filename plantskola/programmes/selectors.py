"""Reads of programmes, editions, sessions and participants, always scoped to the user."""

from __future__ import annotations

from decimal import Decimal
from typing import TypedDict

from django.db.models import Count, IntegerField, OuterRef, Q, QuerySet, Subquery, Value
from django.db.models.functions import Coalesce
from django.utils import timezone

from plantskola.access.base import UserLike
from plantskola.access.core import people_for_user
from plantskola.access.principal import principal
from plantskola.access.programmes import (
    editions_for_user,
    participants_for_user,
    programme_can_create,
    programmes_for_user,
    sessions_for_user,
)
from plantskola.core.models import OrganisationRole, Person
from plantskola.programmes.models import (
    Edition,
    Group,
    Module,
    Participant,
    Programme,
    ProgrammeRole,
    Session,
)

UPCOMING_ON_HOME = 5
# Words that find people by their role in the participant search.
MANAGER_WORDS = {"chef", "chefer", "manager", "managers"}


def with_module_days(sessions: QuerySet[Session]) -> QuerySet[Session]:
    """Annotate which day of its module each session is (`day_number` of `day_count`): the
    days of a module are its sessions for the same group (or the whole edition), in date
    order. Computed over all the module's sessions, whatever `sessions` is filtered to."""
    siblings = (
        Session.objects.filter(module_id=OuterRef("module_id"))
        .annotate(group_key=Coalesce("group_id", Value(0)))
        .filter(group_key=Coalesce(OuterRef("group_id"), Value(0)))
        .order_by()
        .values("module_id")
    )
    earlier = siblings.filter(
        Q(date__lt=OuterRef("date"))
        | Q(date=OuterRef("date"), start_time__lt=OuterRef("start_time"))
        | Q(date=OuterRef("date"), start_time=OuterRef("start_time"), pk__lte=OuterRef("pk"))
    )
    return sessions.annotate(
        day_count=Subquery(
            siblings.annotate(n=Count("pk")).values("n"), output_field=IntegerField()
        ),
        day_number=Subquery(
            earlier.annotate(n=Count("pk")).values("n"), output_field=IntegerField()
        ),
    )


def module_days_of(session: Session) -> list[Session]:
    """All the days of the session's module for its group (the session itself among them), in
    order; empty for a session without a module."""
    if not session.module_id:
        return []
    same_group = Q(group_id=session.group_id) if session.group_id else Q(group__isnull=True)
    return list(
        Session.objects.filter(same_group, module_id=session.module_id)
        .order_by("date", "start_time", "pk")
        .only("pk", "title", "date", "start_time", "end_time", "place")
    )


def programme_list(*, user: UserLike) -> QuerySet[Programme]:
    return (
        programmes_for_user(user)
        .select_related("organisation")
        .annotate(edition_count=Count("editions", distinct=True))
        .order_by("organisation__name", "name")
    )


def managed_programmes(*, user: UserLike) -> QuerySet[Programme]:
    p = principal(user)
    q = Q(organisation_id__in=p.managing_org_ids)
    q |= Q(pk__in=[prog for prog, ed in p.coordinator_scopes])
    if p.is_superuser:
        q = Q()
    return programme_list(user=user).filter(q)


def edition_list(*, user: UserLike, programme: Programme) -> QuerySet[Edition]:
    return (
        editions_for_user(user)
        .filter(programme=programme)
        # Withdrawn participants take no place (capacity.py).
        .annotate(
            participant_count=Count(
                "participants",
                filter=~Q(participants__status=Participant.Status.WITHDRAWN),
                distinct=True,
            )
        )
        .order_by("-start_date")
    )


class EditionOverview(TypedDict):
    modules: QuerySet[Module]
    groups: QuerySet[Group]
    sessions: QuerySet[Session]
    total_days: Decimal | int


def edition_overview(*, user: UserLike, edition: Edition) -> EditionOverview:
    """Everything the edition page shows, in a fixed number of queries."""
    sessions = with_module_days(
        sessions_for_user(user)
        .filter(edition=edition)
        .select_related("module", "group")
        .prefetch_related("leaders")
        .order_by("date", "start_time")
    )
    modules = Module.objects.filter(edition=edition).annotate(
        session_count=Count("sessions", distinct=True)
    )
    groups = Group.objects.filter(edition=edition).annotate(
        participant_count=Count(
            "participants", filter=~Q(participants__status=Participant.Status.WITHDRAWN)
        )
    )
    return {
        "modules": modules,
        "groups": groups,
        "sessions": sessions,
        "total_days": sum((m.length_days for m in modules), start=0),
    }


def participant_list(*, user: UserLike, edition: Edition) -> QuerySet[Participant]:
    return participants_for_user(user, edition).select_related(
        "person", "person__organisation", "person__unit", "group"
    )


def eligible_people(*, edition: Edition, query: str, limit: int | None = 25) -> QuerySet[Person]:
    """Active people of the host and partner organisations who are not yet participants.

    The host's own people are found by any part of their name, e-mail, title, unit or
    employee number, and by their role: "chef" finds the managers. A partner organisation's
    people only by their whole name, e-mail address or employee number: the host adds the
    people a partner has named, and cannot browse the partner's roster (issue 7: nothing of a
    partner's people beyond the joint programme), so a name is matched whole, first and last
    name together, never by a part."""
    host_id = edition.programme.organisation_id
    partner_ids = list(edition.partners.values_list("pk", flat=True))
    people = Person.objects.filter(
        organisation_id__in=[host_id, *partner_ids], is_active=True
    ).exclude(participations__edition=edition)
    words = query.split()
    own = Q(organisation_id=host_id)
    for word in words:
        own &= (
            Q(first_name__icontains=word)
            | Q(last_name__icontains=word)
            | Q(email__icontains=word)
            | Q(employee_number__iexact=word)
            | Q(unit__name__icontains=word)
            | Q(title__icontains=word)
            | (Q(is_manager=True) if word.lower() in MANAGER_WORDS else Q(pk__in=[]))
        )
    exact = query.strip()
    whole_name = Q(pk__in=[])
    if len(words) >= 2:
        # "Anna Maria Berg": any split into first and last name, each matched whole.
        for cut in range(1, len(words)):
            whole_name |= Q(
                first_name__iexact=" ".join(words[:cut]), last_name__iexact=" ".join(words[cut:])
            )
    partners = Q(organisation_id__in=partner_ids) & (
        Q(email__iexact=exact) | Q(employee_number__iexact=exact) | whole_name
    )
    people = people.filter(own | partners if exact else own)
    people = people.select_related("unit", "organisation").order_by("last_name", "first_name")
    return people if limit is None else people[:limit]


def leader_candidates(edition: Edition) -> QuerySet[Person]:
    """People who can be picked as course leaders: those with a role in this programme or
    its host organisation, and anyone already leading a session of the edition."""
    programme = edition.programme
    user_ids = ProgrammeRole.objects.filter(programme=programme).values("user_id")
    org_user_ids = OrganisationRole.objects.filter(
        organisation_id=programme.organisation_id
    ).values("user_id")
    return (
        Person.objects.filter(
            Q(user_id__in=user_ids) | Q(user_id__in=org_user_ids) | Q(led_sessions__edition=edition)
        )
        .distinct()
        .order_by("last_name", "first_name")
    )


def session_list_for_person(*, user: UserLike) -> QuerySet[Session]:
    """The sessions this user leads or attends."""
    p = principal(user)
    if p.person_id is None:
        return Session.objects.none()
    q = Q(leaders=p.person_id)
    q |= Q(edition__participants__person_id=p.person_id, group__isnull=True) & ~Q(
        edition__participants__status=Participant.Status.WITHDRAWN
    )
    q |= Q(group__participants__person_id=p.person_id)
    ids = Session.objects.filter(q).values("pk")
    return with_module_days(
        Session.objects.filter(pk__in=ids)
        .select_related("edition", "module", "group")
        .order_by("date", "start_time")
    )


def participations_for_person(*, user: UserLike, person: Person) -> QuerySet[Participant]:
    return (
        Participant.objects.filter(person=person, edition__in=editions_for_user(user))
        .select_related("edition")
        .order_by("-edition__start_date")
    )


class HomeSections(TypedDict):
    managed_programmes: list[Programme]
    can_create_programme: bool
    my_editions: list[Participant]
    overseen_editions: list[Edition]
    upcoming_sessions: list[Session]
    team_participations: list[Participant]


def home_sections(*, user: UserLike) -> HomeSections:
    p = principal(user)
    today = timezone.localdate()
    managed = list(managed_programmes(user=user))
    managed_ids = {prog.pk for prog in managed}
    sections: HomeSections = {
        "managed_programmes": managed,
        "can_create_programme": programme_can_create(user),
        "my_editions": [],
        "overseen_editions": [],
        "upcoming_sessions": list(
            session_list_for_person(user=user).filter(date__gte=today)[:UPCOMING_ON_HOME]
        ),
        "team_participations": [],
    }
    if p.person_id is not None:
        sections["my_editions"] = list(
            Participant.objects.filter(person_id=p.person_id)
            .select_related("edition", "group")
            .order_by("-edition__start_date")
        )
    overseen = editions_for_user(user).exclude(programme_id__in=managed_ids)
    if p.person_id is not None:
        overseen = overseen.exclude(participants__person_id=p.person_id)
    sections["overseen_editions"] = list(
        overseen.select_related("programme__organisation").order_by("-start_date")[:20]
    )
    if p.is_manager:
        team = people_for_user(user).exclude(pk=p.person_id or 0)
        sections["team_participations"] = list(
            Participant.objects.filter(person__in=team)
            .select_related("person", "edition")
            .order_by("-edition__start_date")[:20]
        )
    return sections
