"""Talent nominations and the talent pool: reads for pages."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from django.db.models import Prefetch, QuerySet
from django.utils.translation import gettext as _

from plantskola.admissions.models import (
    Call,
    Nomination,
    NominationCompetency,
    Reference,
    ReferenceRating,
    TalentInterest,
)
from plantskola.admissions.selectors import administration_of
from plantskola.competencies.models import Competency
from plantskola.core.models import Organisation, Person
from plantskola.programmes.models import Participant, Programme


def nomination_competencies(call: Call) -> list[Competency]:
    """What a nomination to the call rests on: the call's requirement profile, or (without
    one) the competencies of the call's organisation."""
    if call.requirement_profile_id is not None:
        return list(call.requirement_profile.competencies.order_by("order", "name"))  # type: ignore[union-attr]  # checked above
    organisation_id = call.edition.programme.organisation_id
    return list(Competency.objects.filter(organisation_id=organisation_id))


def nomination_status_for_nominator(nomination: Nomination) -> str:
    """What the nominator is told: waiting, or closed; never which answer was given."""
    if nomination.status == Nomination.Status.PENDING:
        return _("Waiting for an answer")
    return _("The nomination is closed")


def nominations_made(queryset: QuerySet[Nomination]) -> list[Nomination]:
    rows = list(queryset.select_related("call", "nominee").order_by("-created_at", "-id"))
    for row in rows:
        row.status_text = nomination_status_for_nominator(row)  # type: ignore[attr-defined]  # for the page only
    return rows


def with_evidence(queryset: QuerySet[Nomination]) -> QuerySet[Nomination]:
    return queryset.select_related("nominee__unit", "nominated_by", "call").prefetch_related(
        Prefetch(
            "competencies",
            queryset=NominationCompetency.objects.select_related("competency"),
        )
    )


@dataclass
class CallNominations:
    nominations: list[Nomination]
    pending: int
    accepted: int
    # (administration name, count), largest first
    spread: list[tuple[str, int]] = field(default_factory=list)


def call_nominations(
    queryset: QuerySet[Nomination], *, named_org_ids: frozenset[int] | None
) -> CallNominations:
    """A call's nominations as its coordinators see them (the queryset from `access`: pending
    and accepted only), with the spread across the organisation's administrations. The
    nominator is named only when of an organisation in `named_org_ids` (None: all): a joint
    call's host does not see a partner's managers, only that a manager there nominated."""
    rows = list(
        with_evidence(queryset)
        .select_related("nominated_by__organisation")
        .order_by("nominee__last_name", "nominee__first_name")
    )
    spread: Counter[str] = Counter()
    for row in rows:
        nominator = row.nominated_by
        if nominator is None:
            name = "–"
        elif named_org_ids is None or nominator.organisation_id in named_org_ids:
            name = nominator.full_name
        else:
            name = _("A manager of %(organisation)s") % {
                "organisation": nominator.organisation.name
            }
        row.nominator_name = name  # type: ignore[attr-defined]  # for the page only
        administration = administration_of(row.nominee.unit)
        row.administration = administration  # type: ignore[attr-defined]  # for the page only
        spread[administration.name if administration else _("No administration")] += 1
    return CallNominations(
        nominations=rows,
        pending=sum(r.status == Nomination.Status.PENDING for r in rows),
        accepted=sum(r.status == Nomination.Status.ACCEPTED for r in rows),
        spread=sorted(spread.items(), key=lambda item: (-item[1], item[0])),
    )


def open_calls_to_nominate(organisation_ids: set[int] | None) -> QuerySet[Call]:
    """Open, published calls employees of these organisations may apply to (None: all)."""
    calls = Call.objects.filter(published_at__isnull=False)
    if organisation_ids is not None:
        calls = calls.filter(organisations__in=organisation_ids)
    return (
        Call.objects.filter(pk__in=calls.values("pk"))
        .select_related("edition__programme")
        .order_by("closes_at")
    )


# --- the talent pool ---------------------------------------------------------------------


def completed_pre_manager_programmes(person: Person) -> QuerySet[Participant]:
    return Participant.objects.filter(
        person=person,
        status=Participant.Status.COMPLETED,
        edition__programme__audience=Programme.Audience.PRE_MANAGERS,
    ).select_related("edition")


def talent_pool_eligible(person: Person) -> bool:
    """An accepted nomination or a completed programme for prospective managers."""
    if Nomination.objects.filter(nominee=person, status=Nomination.Status.ACCEPTED).exists():
        return True
    return completed_pre_manager_programmes(person).exists()


@dataclass
class TalentEntry:
    person: Person
    interest: TalentInterest
    nominations: list[Nomination]
    programmes: list[Participant]
    # (competency name, mean rating, number of ratings) from references
    reference_ratings: list[tuple[str, float, int]]


def talent_entry(interest: TalentInterest) -> TalentEntry | None:
    """One person's entry with their competency evidence; None when they are not eligible."""
    person = interest.person
    nominations = list(
        with_evidence(
            Nomination.objects.filter(nominee=person, status=Nomination.Status.ACCEPTED)
        ).order_by("-created_at")
    )
    programmes = list(completed_pre_manager_programmes(person))
    if not nominations and not programmes:
        return None
    ratings: dict[str, list[int]] = {}
    for rating in ReferenceRating.objects.filter(
        reference__application__applicant=person, reference__status=Reference.Status.GIVEN
    ).select_related("competency"):
        ratings.setdefault(rating.competency.name, []).append(rating.rating)
    summary = [
        (name, round(sum(values) / len(values), 1), len(values))
        for name, values in sorted(ratings.items())
    ]
    return TalentEntry(person, interest, nominations, programmes, summary)


def talent_pool(organisation: Organisation) -> list[TalentEntry]:
    """The organisation's pool: active people who said they are interested and qualify."""
    interests = TalentInterest.objects.filter(
        organisation=organisation, person__is_active=True, person__organisation=organisation
    ).select_related("person__unit")
    entries = [talent_entry(i) for i in interests]
    found = [e for e in entries if e is not None]
    return sorted(found, key=lambda e: (e.person.last_name, e.person.first_name))
