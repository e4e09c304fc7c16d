"""Organisations, units and people: what of the roster a user may see and change; and the
core app's own records: the outbox and background documents.

HR administrators and coordinators see their organisation's units and people; a manager sees
their own unit subtree and direct reports; everyone sees themselves. Only HR administrators
change people and import the roster. The outbox is for HR administrators and coordinators; a
background document only for the user who asked for it.
"""

from __future__ import annotations

from collections.abc import Callable
from uuid import UUID

from django.db.models import Q, QuerySet
from django.http import Http404
from django.utils.module_loading import import_string

from plantskola.access.base import Action, UserLike, deny_unless, get_visible_or_404
from plantskola.access.principal import principal
from plantskola.core.models import GeneratedDocument, Organisation, OrgUnit, OutgoingEmail, Person

#: A background document kind's rule: may this user (still) have a document with these
#: parameters? The same rule as the page the document belongs to.
DocumentRule = Callable[[UserLike, dict[str, object]], bool]


def organisations_for_user(user: UserLike) -> QuerySet[Organisation]:
    p = principal(user)
    if p.is_superuser:
        return Organisation.objects.all()
    return Organisation.objects.filter(pk__in=p.staff_org_ids)


def organisation_can_view(user: UserLike, organisation: Organisation) -> bool:
    p = principal(user)
    return p.is_authenticated and (p.is_superuser or organisation.pk in p.staff_org_ids)


def organisation_can_change(user: UserLike, organisation: Organisation) -> bool:
    p = principal(user)
    return p.is_authenticated and (p.is_superuser or organisation.pk in p.hr_org_ids)


def organisation_get_for_user(
    user: UserLike, *, slug: str, action: Action = Action.VIEW
) -> Organisation:
    """An organisation the user works in (HR or coordinator): 404 otherwise; 403 if `action`
    is CHANGE and they are not its HR administrator."""
    organisation = get_visible_or_404(organisations_for_user(user), slug=slug)
    if action == Action.CHANGE:
        deny_unless(organisation_can_change(user, organisation))
    return organisation


def organisations_to_change_for_user(user: UserLike) -> QuerySet[Organisation]:
    """The organisations whose settings the user may change: HR administrators' own; every
    organisation for a superuser."""
    p = principal(user)
    if p.is_superuser:
        return Organisation.objects.all()
    return Organisation.objects.filter(pk__in=p.hr_org_ids)


def roster_can_import(user: UserLike, organisation: Organisation | None = None) -> bool:
    """Import the staff roster: HR administrators (of `organisation`, or of any if None)."""
    p = principal(user)
    if not p.is_authenticated:
        return False
    if organisation is None:
        return p.is_superuser or bool(p.hr_org_ids)
    return p.is_superuser or organisation.pk in p.hr_org_ids


def people_can_view(user: UserLike, organisation: Organisation | None = None) -> bool:
    """Browse people: staff of `organisation`; with None, anyone who can browse anywhere (staff
    and managers)."""
    p = principal(user)
    if not p.is_authenticated:
        return False
    if organisation is None:
        return p.is_superuser or bool(p.staff_org_ids) or p.is_manager
    return p.is_superuser or organisation.pk in p.staff_org_ids


def units_for_user(user: UserLike) -> QuerySet[OrgUnit]:
    p = principal(user)
    if not p.is_authenticated:
        return OrgUnit.objects.none()
    if p.is_superuser:
        return OrgUnit.objects.all()
    q = Q(organisation_id__in=p.staff_org_ids)
    if p.manager_unit_path:
        q |= Q(path__startswith=p.manager_unit_path)
    return OrgUnit.objects.filter(q)


def unit_can_view(user: UserLike, unit: OrgUnit) -> bool:
    return units_for_user(user).filter(pk=unit.pk).exists()


def unit_get_for_user(user: UserLike, pk: int) -> OrgUnit:
    return get_visible_or_404(units_for_user(user).select_related("organisation", "parent"), pk=pk)


def people_for_user(user: UserLike) -> QuerySet[Person]:
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


def manager_candidates_for_user(user: UserLike) -> QuerySet[Person]:
    """The managers a user may name as their own closest manager (an applicant does): the
    active managers of the user's own organisation, not the user themself."""
    p = principal(user)
    if not p.is_authenticated or p.person_id is None or p.person_org_id is None:
        return Person.objects.none()
    return Person.objects.filter(
        organisation_id=p.person_org_id, is_manager=True, is_active=True
    ).exclude(pk=p.person_id)


def person_can_view(user: UserLike, person: Person) -> bool:
    return people_for_user(user).filter(pk=person.pk).exists()


def person_can_change(user: UserLike, person: Person) -> bool:
    """Correct a person's details: HR administrators of the person's organisation."""
    p = principal(user)
    return p.is_authenticated and (p.is_superuser or person.organisation_id in p.hr_org_ids)


def person_get_for_user(user: UserLike, pk: int, *, action: Action = Action.VIEW) -> Person:
    person = get_visible_or_404(
        people_for_user(user).select_related("unit", "organisation", "manager"), pk=pk
    )
    if action == Action.CHANGE:
        deny_unless(person_can_change(user, person))
    return person


def own_person(user: UserLike) -> Person | None:
    """The user's own active person in the roster, if any."""
    person_id = principal(user).person_id
    if person_id is None:
        return None
    return Person.objects.filter(pk=person_id).first()


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


def outbox_can_view(user: UserLike) -> bool:
    """The outbox page: HR administrators and coordinators (their organisations' e-mails)."""
    p = principal(user)
    return p.is_authenticated and (p.is_superuser or bool(p.staff_org_ids))


def outbox_for_user(user: UserLike) -> QuerySet[OutgoingEmail]:
    p = principal(user)
    emails = OutgoingEmail.objects.select_related("organisation")
    return emails if p.is_superuser else emails.filter(organisation_id__in=p.staff_org_ids)


def email_get_for_user(user: UserLike, pk: int) -> OutgoingEmail:
    """One e-mail of the outbox; whoever sees it may also send it again."""
    return get_visible_or_404(outbox_for_user(user), pk=pk)


# Kind → dotted path of its `DocumentRule`, registered with the kind (core/documents/services).
_DOCUMENT_RULES: dict[str, str] = {}


def document_rule_register(kind: str, *, allowed: str) -> None:
    _DOCUMENT_RULES[kind] = allowed


def documents_for_user(user: UserLike) -> QuerySet[GeneratedDocument]:
    """The documents the user asked for; nobody else's, not even a superuser's."""
    p = principal(user)
    if not p.is_authenticated:
        return GeneratedDocument.objects.none()
    return GeneratedDocument.objects.filter(requested_by_id=p.user_id)


def document_can_view(user: UserLike, document: GeneratedDocument) -> bool:
    """Only the user who asked, and only while the rule of the document's kind still holds."""
    if document.requested_by_id != user.pk or document.kind not in _DOCUMENT_RULES:
        return False
    allowed: DocumentRule = import_string(_DOCUMENT_RULES[document.kind])
    return bool(allowed(user, document.params))


def document_get_for_user(user: UserLike, pk: UUID) -> GeneratedDocument:
    """A document without its content (fetched only for a download): 404 when missing, someone
    else's, or no longer allowed by its kind's rule, since a lost right means a lost document."""
    document = get_visible_or_404(documents_for_user(user).defer("content"), pk=pk)
    if not document_can_view(user, document):
        raise Http404
    return document
