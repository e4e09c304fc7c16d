"""Reads of calls, applications and references: who may apply, the lists behind the pages,
the reference a personal link is for, and whether the call's decision has been made."""

from __future__ import annotations

import hashlib

from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from plantskola.access.admissions import applications_for_user
from plantskola.access.base import UserLike
from plantskola.admissions.models import Application, Call, Decision, Reference
from plantskola.admissions.retention import weed_dates, weed_on
from plantskola.core.models import Person
from plantskola.programmes.models import Edition

# --- the call ------------------------------------------------------------------------------


def call_eligibility(*, call: Call, person: Person) -> str | None:
    """None if the person may apply, else the reason why not (shown to them)."""
    if not person.is_active:
        return _("Only current employees can apply.")
    if not call.organisations.filter(pk=person.organisation_id).exists():
        return _("This call is not open to employees of your organisation.")
    units = list(call.units.all())
    if units:
        path = person.unit.path if person.unit else ""
        if not any(path.startswith(u.path) for u in units):
            return _("This call is open to some units only, and yours is not one of them.")
    if call.non_managers_only and person.is_manager:
        return _("This call is for employees who are not managers.")
    return None


def open_calls_for(person: Person | None) -> QuerySet[Call]:
    now = timezone.now()
    calls = Call.objects.filter(opens_at__lte=now, closes_at__gt=now, published_at__isnull=False)
    if person is None:
        return calls.none()
    return calls.filter(organisations=person.organisation_id).select_related("edition")


def edition_call(edition: Edition) -> Call | None:
    return Call.objects.filter(edition=edition).first()


def call_decision(call: Call) -> Decision | None:
    return Decision.objects.filter(call=call).select_related("decided_by").first()


def call_is_decided(call: Call) -> bool:
    return Decision.objects.filter(call=call).exists()


# --- applications --------------------------------------------------------------------------


def managers_for(person: Person) -> QuerySet[Person]:
    """The managers an applicant can name as their closest manager."""
    return (
        Person.objects.filter(
            organisation_id=person.organisation_id, is_manager=True, is_active=True
        )
        .exclude(pk=person.pk)
        .order_by("last_name", "first_name")
    )


def own_application(*, call: Call, person: Person | None) -> Application | None:
    """The person's application to the call (a draft included), if any."""
    if person is None:
        return None
    return Application.objects.filter(call=call, applicant=person).first()


def own_applications(person: Person | None) -> QuerySet[Application]:
    if person is None:
        return Application.objects.none()
    return Application.objects.filter(applicant=person).select_related("call")


def handled_applications(*, user: UserLike, call: Call) -> list[Application]:
    """The call's applications as the user may list them, each with its weeding date
    (`weed_on`, read by the page)."""
    applications = list(
        applications_for_user(user, call).select_related(
            "applicant__unit", "applicant__organisation", "manager", "reference"
        )
    )
    dates = weed_dates(call)
    for application in applications:
        application.weed_on = weed_on(application, dates)  # type: ignore[attr-defined]  # for the page only
    return applications


def reference_missing(application: Application) -> bool:
    """Submitted with a manager named, and the manager has not answered yet."""
    if application.status != Application.Status.SUBMITTED or application.manager_id is None:
        return False
    reference = getattr(application, "reference", None)
    return reference is None or reference.status == Reference.Status.REQUESTED


# --- references ----------------------------------------------------------------------------


def token_hash(token: str) -> str:
    """What is stored of a reference link's secret: its hash only."""
    return hashlib.sha256(token.encode()).hexdigest()


def reference_for_token(token: str) -> Reference | None:
    """The reference a link is for, if the link is valid: known, not expired, not answered."""
    reference = (
        Reference.objects.select_related(
            "application__applicant", "application__call__requirement_profile", "manager"
        )
        .filter(token_hash=token_hash(token))
        .first()
    )
    if reference is None or reference.expires_on < timezone.localdate():
        return None
    if reference.status != Reference.Status.REQUESTED:
        return None
    return reference
