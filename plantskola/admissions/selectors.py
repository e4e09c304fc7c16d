"""Reads of calls, applications and references: who may apply, the lists behind the pages,
the reference a personal link is for, and whether the call's decision has been made."""

from __future__ import annotations

import datetime as dt
import hashlib
from dataclasses import dataclass

from django.db.models import Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from plantskola.access.admissions import applications_for_user
from plantskola.access.base import UserLike
from plantskola.admissions.models import (
    OUTCOMES,
    Application,
    Call,
    Decision,
    Interview,
    Reference,
)
from plantskola.admissions.retention import weed_dates, weed_on
from plantskola.core.models import OrganisationRole, OrgUnit, Person, User
from plantskola.programmes.models import Edition, ProgrammeRole

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


def call_coordinator_emails(call: Call) -> list[str]:
    """Where news about the call's applications goes: the edition's coordinators (of the
    edition or its programme), else the organisation's, else whoever created the call; never
    someone who applied to it."""
    edition = call.edition
    programme_roles = ProgrammeRole.objects.filter(
        programme_id=edition.programme_id, role=ProgrammeRole.Role.COORDINATOR
    ).filter(Q(edition__isnull=True) | Q(edition_id=edition.pk))
    users = User.objects.filter(pk__in=programme_roles.values("user_id"))
    if not users.exists():
        users = User.objects.filter(
            organisation_roles__organisation_id=edition.programme.organisation_id,
            organisation_roles__role=OrganisationRole.Role.COORDINATOR,
        )
    if not users.exists() and call.created_by_id is not None:
        users = User.objects.filter(pk=call.created_by_id)
    applicants = Application.objects.filter(call=call, applicant__isnull=False)
    users = users.filter(is_active=True).exclude(person__in=applicants.values("applicant_id"))
    emails = set()
    for user in users.select_related("person"):
        person = getattr(user, "person", None)
        email = user.email or (person.email if person is not None else "")
        if email:
            emails.add(email)
    return sorted(emails)


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


# --- the application page's steps ----------------------------------------------------------


@dataclass(frozen=True)
class Step:
    """One step of an application's handling, for its page: done (with the date) or not."""

    label: str
    at: dt.datetime | None
    detail: str = ""


@dataclass(frozen=True)
class ApplicationProgress:
    steps: list[Step]
    next_action: str
    unit: OrgUnit | None
    administration: OrgUnit | None


def administration_of(unit: OrgUnit | None) -> OrgUnit | None:
    """The unit's administration (or company): the nearest such unit on its path, itself
    included."""
    if unit is None:
        return None
    ids = [int(i) for i in unit.path.strip("/").split("/") if i]
    kinds = (OrgUnit.Kind.ADMINISTRATION, OrgUnit.Kind.COMPANY)
    found = {u.pk: u for u in OrgUnit.objects.filter(pk__in=ids, kind__in=kinds)}
    return next((found[i] for i in reversed(ids) if i in found), None)


def application_progress(application: Application) -> ApplicationProgress:
    """Every step with its date, for the coordinator's application page, and what to do next."""
    applicant = application.applicant
    unit = applicant.unit if applicant is not None else None
    steps: list[Step] = []
    if application.status == Application.Status.DRAFT:
        steps.append(Step(_("Draft saved"), application.updated_at))
        return ApplicationProgress(
            steps, _("Wait for the applicant to submit."), unit, administration_of(unit)
        )
    steps.append(Step(_("Submitted"), application.submitted_at))
    if application.status == Application.Status.WITHDRAWN:
        steps.append(Step(_("Withdrawn"), application.updated_at))
        return ApplicationProgress(steps, _("Nothing: withdrawn."), unit, administration_of(unit))
    reference = Reference.objects.filter(application=application).first()
    # The name the page already shows as the closest manager (the one asked for the reference).
    manager = application.manager.full_name if application.manager else ""
    next_action = ""
    if reference is None:
        steps.append(Step(_("Reference requested"), None))
        next_action = _("Ask a manager for a reference.")
    else:
        steps.append(Step(_("Reference requested"), reference.requested_at, manager))
        if reference.reminders_sent:
            steps.append(
                Step(
                    _("Reminders sent"),
                    None,
                    ngettext("%(n)s reminder", "%(n)s reminders", reference.reminders_sent)
                    % {"n": reference.reminders_sent},
                )
            )
        if reference.status == Reference.Status.GIVEN:
            steps.append(Step(_("Reference given"), reference.answered_at, manager))
        elif reference.status == Reference.Status.DECLINED:
            steps.append(Step(_("Reference declined"), reference.answered_at, manager))
            next_action = _("Ask another manager for a reference.")
        else:
            steps.append(Step(_("Reference given"), None))
            next_action = (
                _("Wait for the reference, or remind %(name)s.") % {"name": manager}
                if manager
                else _("Wait for the reference, or remind the manager.")
            )
    interview = Interview.objects.filter(application=application).first()
    if interview is None:
        steps.append(Step(_("Interview booked"), None))
        next_action = next_action or _("Book an interview.")
    else:
        place = interview.place
        steps.append(Step(_("Interview"), interview.starts_at, place))
        if not interview.scorecards.exists():
            next_action = next_action or _("Wait for the interviewers' scorecards.")
    decision = Decision.objects.filter(call_id=application.call_id).first()
    if decision is None:
        steps.append(Step(_("Decision"), None))
        next_action = next_action or _("Run the selection and confirm the decision.")
    else:
        outcome = str(OUTCOMES.get(application.outcome, "")) if application.outcome else ""
        steps.append(Step(_("Decision"), decision.decided_at, outcome))
        next_action = _("Nothing: the decision has been made.")
    return ApplicationProgress(steps, next_action, unit, administration_of(unit))


def reference_actions(application: Application) -> dict[str, bool]:
    """Which reference actions the application page offers its coordinator: remind while the
    reference is awaited, ask another manager until one is given; none once decided."""
    if (
        application.status != Application.Status.SUBMITTED
        or application.is_weeded
        or call_is_decided(application.call)
    ):
        return {}
    reference = Reference.objects.filter(application=application).first()
    status = reference.status if reference else None
    actions = {
        "remind": status == Reference.Status.REQUESTED,
        "ask_another": status != Reference.Status.GIVEN,
    }
    return actions if any(actions.values()) else {}
