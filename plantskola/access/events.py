"""Leadership days and cafés: HR administrators and coordinators of the organisation run them;
the target group (all managers, or the people of chosen units and their sub-units, optionally
managers only) sees a published event and may register."""

from __future__ import annotations

from django.db.models import Q, QuerySet

from plantskola.access.base import Action, UserLike, deny_unless, get_visible_or_404
from plantskola.access.principal import Principal, principal
from plantskola.core.models import Organisation, Person
from plantskola.events.models import Event, Registration


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


def events_for_user(user: UserLike) -> QuerySet[Event]:
    """Events this user may see: those they run, are invited to, or registered for."""
    p = principal(user)
    if not p.is_authenticated:
        return Event.objects.none()
    if p.is_superuser:
        return Event.objects.all()
    q = Q(organisation_id__in=p.managing_org_ids) | _event_invited_q(p)
    if p.person_id is not None:
        q |= Q(registrations__person_id=p.person_id)
    return Event.objects.filter(pk__in=Event.objects.filter(q).values("pk"))


def event_can_create(user: UserLike) -> bool:
    p = principal(user)
    return p.is_superuser or bool(p.managing_org_ids)


def event_organisations_for_user(user: UserLike) -> QuerySet[Organisation]:
    """The organisations whose events the user runs, i.e. may create an event for."""
    p = principal(user)
    if p.is_superuser:
        return Organisation.objects.all()
    return Organisation.objects.filter(pk__in=p.managing_org_ids)


def event_can_manage(user: UserLike, event: Event) -> bool:
    p = principal(user)
    return p.is_superuser or event.organisation_id in p.managing_org_ids


def event_is_invited(user: UserLike, event: Event) -> bool:
    """Whether the user's person is in the event's target group (the event is not a draft)."""
    p = principal(user)
    if p.person_id is None:
        return False
    return Event.objects.filter(_event_invited_q(p), pk=event.pk).exists()


def event_can_register(user: UserLike, event: Event) -> bool:
    """Whether the user may register (themselves) for the event; dates are checked on submit."""
    return event.status == "published" and event_is_invited(user, event)


def event_get_for_user(user: UserLike, pk: int, *, action: Action = Action.VIEW) -> Event:
    """Fetch-and-authorise an event: 404 if not visible, 403 if `action` is MANAGE and the
    user is not an organiser."""
    event = get_visible_or_404(events_for_user(user).select_related("organisation"), pk=pk)
    if action == Action.MANAGE:
        deny_unless(event_can_manage(user, event))
    return event


def registration_get_for_user(
    user: UserLike, pk: int, *, action: Action = Action.MANAGE
) -> Registration:
    """Fetch-and-authorise a registration: 404 unless its event is visible to the user; 403
    unless they run the event (MANAGE, e.g. cancel someone's registration) or, for VIEW, it
    is their own."""
    registration = get_visible_or_404(
        Registration.objects.filter(event__in=events_for_user(user)).select_related(
            "event", "person"
        ),
        pk=pk,
    )
    allowed = event_can_manage(user, registration.event)
    if action == Action.VIEW:
        allowed = allowed or registration.person_id == principal(user).person_id
    deny_unless(allowed)
    return registration


def event_registrants_for_user(user: UserLike, event: Event) -> QuerySet[Person]:
    """The people the user may register for `event` on their behalf: an organiser anyone
    active in the event's organisation; a closest manager the people of their own unit subtree
    and their direct reports (in the event's organisation, if the manager sees the event).
    Whether each is in the event's target group is the service's question."""
    p = principal(user)
    people = Person.objects.filter(organisation_id=event.organisation_id, is_active=True)
    if not p.is_authenticated or event.status != "published":
        return people.none()
    if event_can_manage(user, event):
        return people
    if p.person_id is None or not p.manager_unit_path or p.person_org_id != event.organisation_id:
        return people.none()
    q = Q(unit__path__startswith=p.manager_unit_path) | Q(manager_id=p.person_id)
    return people.filter(q).exclude(pk=p.person_id)


def event_can_register_others(user: UserLike, event: Event) -> bool:
    """Whether the user may register others for the event (organisers, closest managers)."""
    p = principal(user)
    if event.status != "published" or not p.is_authenticated:
        return False
    if event_can_manage(user, event):
        return True
    return p.is_manager and p.person_org_id == event.organisation_id


def event_registrant_get_for_user(user: UserLike, event: Event, pk: int) -> Person:
    """Fetch-and-authorise the person to register on their behalf: 404 for anyone outside the
    user's reach (`event_registrants_for_user`)."""
    return get_visible_or_404(event_registrants_for_user(user, event), pk=pk)
