"""The network directory: participants and alumni find each other across editions and partner
organisations (Växthuset's manager network, Ledarlabbet's alumni). Who appears for whom is
decided in plantskola/access/ (`network_participants_for_user`); contact details and the
presentation appear only where the person has opted in through their NetworkProfile."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TypedDict

from django.db.models import Q, QuerySet

from plantskola.access.base import UserLike
from plantskola.access.programmes import network_participants_for_user
from plantskola.core.models import Organisation, Person
from plantskola.programmes.models import NetworkProfile, Participant, Programme


@dataclass(frozen=True)
class DirectoryFilter:
    query: str = ""
    programme_id: int | None = None
    organisation_id: int | None = None
    year: int | None = None


def directory(*, user: UserLike, filters: DirectoryFilter) -> QuerySet[Participant]:
    """One row per participation the user may see, filtered, in name order; every row's
    person, unit, organisation, programme and profile come with it (constant query count)."""
    qs = network_participants_for_user(user)
    if filters.query:
        for word in filters.query.split():
            qs = qs.filter(
                Q(person__first_name__icontains=word)
                | Q(person__last_name__icontains=word)
                | Q(person__title__icontains=word)
                | Q(person__unit__name__icontains=word)
            )
    if filters.programme_id is not None:
        qs = qs.filter(edition__programme_id=filters.programme_id)
    if filters.organisation_id is not None:
        qs = qs.filter(person__organisation_id=filters.organisation_id)
    if filters.year is not None:
        qs = qs.filter(edition__start_date__year=filters.year)
    return qs.select_related(
        "person__unit",
        "person__organisation",
        "person__network_profile",
        "edition__programme",
    ).order_by("person__last_name", "person__first_name", "-edition__start_date")


class DirectoryChoices(TypedDict):
    programmes: QuerySet[Programme]
    organisations: QuerySet[Organisation]
    years: list[int]


def directory_choices(*, user: UserLike) -> DirectoryChoices:
    """The programmes, organisations and years the user's directory holds, for the filters."""
    visible = network_participants_for_user(user)
    programmes = Programme.objects.filter(pk__in=visible.values("edition__programme_id")).order_by(
        "name"
    )
    organisations = Organisation.objects.filter(
        pk__in=visible.values("person__organisation_id")
    ).order_by("name")
    years = sorted(
        {d.year for d in visible.values_list("edition__start_date", flat=True).distinct()},
        reverse=True,
    )
    return {"programmes": programmes, "organisations": organisations, "years": years}


def contact_details(person: Person) -> dict[str, str]:
    """What of the person's contact details the directory may show: only what they opted in to."""
    try:
        profile = person.network_profile
    except NetworkProfile.DoesNotExist:
        return {}
    shown: dict[str, str] = {}
    if profile.share_email and person.email:
        shown["email"] = person.email
    if profile.share_phone and profile.phone:
        shown["phone"] = profile.phone
    if profile.presentation:
        shown["presentation"] = profile.presentation
    return shown


def profile_for(person: Person) -> NetworkProfile:
    """The person's profile, unsaved with the defaults if they never made one."""
    try:
        return person.network_profile
    except NetworkProfile.DoesNotExist:
        return NetworkProfile(person=person)
