"""Admissions: the call, applications and managers' references.

Rules (issue 4): one application per person and call; drafts can be saved and submitted
until the deadline, after which nothing can be submitted or changed; a reference link is
personal, single-purpose and expires; every write is all-or-nothing. Once the call's decision
is made, what it rests on is locked (`ensure_undecided`, used by every feature's writes).
"""

from __future__ import annotations

import datetime as dt
import secrets
from typing import TYPE_CHECKING

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from plantskola.admissions.models import (
    Answer,
    Application,
    Call,
    CallQuestion,
    Reference,
    ReferenceRating,
)
from plantskola.admissions.pool.selectors import applicant_ids, conflicting_roles
from plantskola.admissions.selectors import (
    call_coordinator_emails,
    call_eligibility,
    call_is_decided,
    token_hash,
)
from plantskola.competencies.models import RequirementProfile
from plantskola.core.mail.services import email_queue, register_template
from plantskola.core.models import Organisation, OrgUnit, Person
from plantskola.programmes.models import Edition

if TYPE_CHECKING:
    from plantskola.core.models import User

register_template(
    "application_receipt",
    description=gettext_lazy("Receipt for a submitted application"),
    subject="Vi har tagit emot din ansökan till {{ call }}",
    body=(
        "Hej {{ name }}!\n\nTack för din ansökan till {{ call }}. Vi har tagit emot den "
        "{{ submitted }}.\n\nDu kan ändra din ansökan fram till {{ closes }}. Din närmaste chef, "
        "{{ manager }}, får en förfrågan om att lämna en referens.\n\nMed vänliga hälsningar\n"
        "{{ organisation }}\n"
    ),
)
register_template(
    "reference_request",
    description=gettext_lazy("Request to a manager for a reference"),
    subject="Referens för {{ applicant }} – {{ call }}",
    body=(
        "Hej {{ name }}!\n\n{{ applicant }} har sökt till {{ call }} och angett dig som närmaste "
        "chef. Vi ber dig lämna en referens senast {{ deadline }} via din personliga länk:\n\n"
        "{{ link }}\n\nLänken fungerar utan lösenord, bara för den här referensen, och slutar "
        "gälla efter {{ deadline }}. Dela den inte med någon annan. Om du inte kan lämna en "
        "referens kan du avböja via samma länk.\n\nMed vänliga hälsningar\n{{ organisation }}\n"
    ),
)

register_template(
    "reference_reminder_link",
    description=gettext_lazy("Reminder to a manager about a reference, with a new link"),
    subject="Påminnelse: referens för {{ applicant }} senast {{ deadline }}",
    body=(
        "Hej {{ name }}!\n\nVi saknar fortfarande din referens för {{ applicant }}, som har sökt "
        "till {{ call }}. Lämna den senast {{ deadline }} via din nya personliga länk:\n\n"
        "{{ link }}\n\nLänken i vårt tidigare e-brev fungerar inte längre. Om du inte kan lämna "
        "en referens kan du avböja via samma länk.\n\nMed vänliga hälsningar\n{{ organisation }}\n"
    ),
)
register_template(
    "reference_declined_coordinator",
    description=gettext_lazy("To the coordinators: a manager declined a reference"),
    subject="{{ manager }} avböjde referensen för {{ applicant }}",
    body=(
        "Hej!\n\n{{ manager }} har avböjt att lämna referens för {{ applicant }}, som har sökt "
        "till {{ call }}. På ansökan kan du be en annan chef om en referens:\n\n{{ link }}\n\n"
        "Med vänliga hälsningar\n{{ organisation }}\n"
    ),
)
register_template(
    "reference_declined_applicant",
    description=gettext_lazy("To the applicant: their manager declined the reference"),
    subject="Din referens till {{ call }}",
    body=(
        "Hej {{ name }}!\n\n{{ manager }} har avböjt att lämna referens för din ansökan till "
        "{{ call }}. Samordnaren kan be en annan chef, till exempel en tidigare chef; hör gärna "
        "av dig till samordnaren med ett förslag. Din ansökan:\n\n{{ link }}\n\n"
        "Med vänliga hälsningar\n{{ organisation }}\n"
    ),
)


# --- the call ------------------------------------------------------------------------------


@transaction.atomic
def call_save(
    *,
    call: Call | None,
    edition: Edition,
    title: str,
    description: str,
    opens_at: dt.datetime,
    closes_at: dt.datetime,
    reference_deadline: dt.date,
    organisations: list[Organisation],
    units: list[OrgUnit],
    non_managers_only: bool,
    requirement_profile: RequirementProfile | None,
    questions: list[str],
    user: User,
) -> Call:
    """Create or change the edition's call. A new call is a draft until published. Questions
    are fixed once someone has applied. Errors name their field (a dict ValidationError)."""
    allowed = {edition.programme.organisation_id, *edition.partners.values_list("pk", flat=True)}
    if any(o.pk not in allowed for o in organisations):
        raise ValidationError(
            {"organisations": _("Only the host and partner organisations can be invited.")}
        )
    if any(u.organisation_id not in {o.pk for o in organisations} for u in units):
        raise ValidationError(
            {"units": _("Every unit must belong to one of the chosen organisations.")}
        )
    if requirement_profile and requirement_profile.organisation_id not in allowed:
        raise ValidationError(
            {"requirement_profile": _("The requirement profile belongs to another organisation.")}
        )
    if call is None:
        call = Call(edition=edition, created_by=user)
    elif call.applications.exists() and [q.text for q in call.questions.all()] != questions:
        raise ValidationError(
            {"questions": _("The questions cannot be changed once someone has applied.")}
        )
    call.title, call.description = title, description
    call.opens_at, call.closes_at = opens_at, closes_at
    call.reference_deadline = reference_deadline
    call.non_managers_only = non_managers_only
    call.requirement_profile = requirement_profile
    # Only the fields the form edits are validated: a field the coordinator cannot see (the
    # creator of a call loaded without one, say) never stops a save.
    call.full_clean(exclude=[f.name for f in Call._meta.fields if f.name not in CALL_FORM_FIELDS])
    call.save()
    call.organisations.set(organisations)
    call.units.set(units)
    if not call.applications.exists():
        call.questions.all().delete()
        CallQuestion.objects.bulk_create(
            CallQuestion(call=call, order=i, text=text) for i, text in enumerate(questions, 1)
        )
    call_sync_edition_status(call=call)
    return call


CALL_FORM_FIELDS = {
    "title",
    "description",
    "opens_at",
    "closes_at",
    "reference_deadline",
    "non_managers_only",
    "requirement_profile",
}


def _edition_status_for(call: Call) -> str | None:
    """The edition's status as the call's state implies it (None: leave it as it is)."""
    edition = call.edition
    state = call.state
    if state == Call.State.DRAFT:
        return Edition.Status.PLANNED if edition.status == Edition.Status.OPEN else None
    if state == Call.State.OPEN:
        return Edition.Status.OPEN
    if state == Call.State.PUBLISHED:
        return Edition.Status.PLANNED
    today = timezone.localdate()
    if today > edition.end_date:
        return Edition.Status.COMPLETED
    if today >= edition.start_date:
        return Edition.Status.RUNNING
    return Edition.Status.PLANNED


def call_sync_edition_status(*, call: Call) -> bool:
    """Let the edition's status follow the call: open while the call is, planned (or running,
    or completed, by its dates) before and after. Returns whether it changed."""
    status = _edition_status_for(call)
    edition = call.edition
    if status is None or status == edition.status:
        return False
    edition.status = status
    edition.save(update_fields=["status"])
    return True


def calls_sync_edition_status() -> int:
    """Every call's edition (`plantskola close_calls`, daily and at each opening and closing
    time): a call opens and closes by its times on its own, its edition follows here."""
    changed = 0
    for call in Call.objects.select_related("edition"):
        with transaction.atomic():
            changed += call_sync_edition_status(call=call)
    return changed


@transaction.atomic
def call_publish(*, call: Call) -> Call:
    """Publish a draft: employees see it from now on, and can apply from its opening time."""
    call = Call.objects.select_for_update().select_related("edition").get(pk=call.pk)
    if call.published_at is not None:
        raise ValidationError(_("The call is already published."))
    if call.closes_at <= timezone.now():
        raise ValidationError(
            _("The call's last day to apply has passed; change the dates before publishing.")
        )
    if not call.questions.exists():
        raise ValidationError(_("Write at least one question before publishing."))
    call.published_at = timezone.now()
    call.save(update_fields=["published_at"])
    call_sync_edition_status(call=call)
    return call


@transaction.atomic
def call_close_now(*, call: Call) -> Call:
    """Close an open call at once: drafts can no longer be submitted, and submitted
    applications no longer changed."""
    call = Call.objects.select_for_update().select_related("edition").get(pk=call.pk)
    if call.state != Call.State.OPEN:
        raise ValidationError(_("Only an open call can be closed."))
    call.closes_at = timezone.now()
    if call.reference_deadline < timezone.localdate(call.closes_at):
        call.reference_deadline = timezone.localdate(call.closes_at)
    call.save(update_fields=["closes_at", "reference_deadline"])
    call_sync_edition_status(call=call)
    return call


def ensure_undecided(call: Call) -> None:
    """Refuse a change to what the decision rests on once it has been made."""
    if call_is_decided(call):
        raise ValidationError(_("The decision has been made; this can no longer be changed."))


# --- applications --------------------------------------------------------------------------


def _check_open(call: Call) -> None:
    if call.published_at is None:
        raise ValidationError(_("The call has not been published yet."))
    if timezone.now() < call.opens_at:
        raise ValidationError(_("The call has not opened yet."))
    if call.has_closed:
        raise ValidationError(
            _("The call closed on %(date)s; applications can no longer be submitted or changed.")
            % {"date": timezone.localtime(call.closes_at).strftime("%Y-%m-%d %H:%M")}
        )


def _manager_applied(call: Call, manager: Person) -> bool:
    return applicant_ids(call).filter(applicant_id=manager.pk).exists()


def _manager_applied_message(manager: Person) -> str:
    return _(
        "%(name)s has applied to this call too and cannot give references for other applicants "
        "in it; ask the coordinator who gives your reference instead."
    ) % {"name": manager.full_name}


def _check_manager(call: Call, applicant: Person, manager: Person | None) -> None:
    if manager is None:
        return
    if manager.pk == applicant.pk:
        raise ValidationError(_("You cannot be your own closest manager."))
    if _manager_applied(call, manager):
        raise ValidationError(_manager_applied_message(manager))
    if manager.organisation_id != applicant.organisation_id or not manager.is_active:
        raise ValidationError(_("Choose a manager in your own organisation."))
    if not manager.is_manager:
        raise ValidationError(_("%(name)s is not a manager.") % {"name": manager.full_name})


@transaction.atomic
def application_save(
    *,
    call: Call,
    applicant: Person,
    motivation: str,
    answers: dict[int, str],
    manager: Person | None,
    submit: bool,
) -> Application:
    """Save a draft, or submit. Submitting sends a receipt and asks the manager for a reference."""
    _check_open(call)
    reason = call_eligibility(call=call, person=applicant)
    if reason:
        raise ValidationError(reason)
    conflicts = conflicting_roles(call=call, person=applicant)
    if conflicts:
        raise ValidationError(conflicts)
    _check_manager(call, applicant, manager)
    questions = list(call.questions.all())
    if set(answers) - {q.pk for q in questions}:
        raise ValidationError(_("The form does not match this call; reload the page."))
    application = (
        Application.objects.select_for_update().filter(call=call, applicant=applicant).first()
    )
    if application is None:
        application = Application(call=call, applicant=applicant)
    if application.status == Application.Status.WITHDRAWN:
        raise ValidationError(_("You have withdrawn this application."))
    if submit:
        missing = [q.text for q in questions if not answers.get(q.pk, "").strip()]
        if not motivation.strip():
            missing.insert(0, _("Why do you apply?"))
        if missing:
            raise ValidationError(
                [_("Answer this before you submit: %(q)s") % {"q": q} for q in missing]
            )
        if manager is None:
            raise ValidationError(_("Choose your closest manager before you submit."))
    first_submission = submit and application.status != Application.Status.SUBMITTED
    manager_changed = application.pk is not None and application.manager_id != (
        manager.pk if manager else None
    )
    application.motivation = motivation
    application.manager = manager
    application.manager_corrected = manager is not None and manager.pk != applicant.manager_id
    if submit:
        application.status = Application.Status.SUBMITTED
        application.submitted_at = application.submitted_at or timezone.now()
    application.save()
    for question in questions:
        Answer.objects.update_or_create(
            application=application,
            question=question,
            defaults={"text": answers.get(question.pk, "")},
        )
    if application.status == Application.Status.SUBMITTED and manager is not None:
        existing = Reference.objects.filter(application=application).first()
        if existing is not None and manager_changed and existing.status != Reference.Status.GIVEN:
            existing.delete()
            existing = None
        if existing is None:
            reference_request(application=application)
    if first_submission:
        _send_receipt(application)
    return application


def _send_receipt(application: Application) -> None:
    call = application.call
    if application.applicant is None:  # weeded
        return
    email_queue(
        organisation=call.edition.programme.organisation,
        key="application_receipt",
        to=[application.applicant.email] if application.applicant.email else [],
        context={
            "name": application.applicant.first_name,
            "call": call.title,
            "submitted": timezone.localtime(application.submitted_at).strftime("%Y-%m-%d %H:%M"),
            "closes": timezone.localtime(call.closes_at).strftime("%Y-%m-%d %H:%M"),
            "manager": application.manager.full_name if application.manager else "",
            "organisation": call.edition.programme.organisation.name,
        },
    )


@transaction.atomic
def application_withdraw(*, application: Application) -> None:
    _check_open(application.call)
    application.status = Application.Status.WITHDRAWN
    application.save(update_fields=["status", "updated_at"])


# --- references ----------------------------------------------------------------------------


def _reference_link(token: str) -> str:
    site = str(settings.SITE_URL).rstrip("/")
    return site + reverse("admissions:reference_form", args=[token])


def reference_request(*, application: Application) -> tuple[Reference, str]:
    """Create the manager's reference request and e-mail the personal link; returns the link's
    secret (shown nowhere else: only its hash is stored)."""
    if application.manager is None:
        raise ValidationError(_("The application has no closest manager to ask."))
    if application.is_weeded:
        raise ValidationError(_("The application has been weeded."))
    if _manager_applied(application.call, application.manager):
        raise ValidationError(_manager_applied_message(application.manager))
    token = secrets.token_urlsafe(32)
    reference = Reference.objects.create(
        application=application,
        manager=application.manager,
        token_hash=token_hash(token),
        expires_on=application.call.reference_deadline,
    )
    call = application.call
    email_queue(
        organisation=call.edition.programme.organisation,
        key="reference_request",
        to=[application.manager.email] if application.manager.email else [],
        context={
            "name": application.manager.first_name,
            "applicant": application.applicant_name,
            "call": call.title,
            "deadline": reference.expires_on.isoformat(),
            "link": _reference_link(token),
            "organisation": call.edition.programme.organisation.name,
        },
    )
    return reference, token


@transaction.atomic
def reference_give(
    *, reference: Reference, ratings: dict[int, int], recommendation: str, comment: str
) -> Reference:
    reference = Reference.objects.select_for_update().get(pk=reference.pk)
    if reference.status != Reference.Status.REQUESTED:
        raise ValidationError(_("This reference has already been answered."))
    if hasattr(reference.application.call, "decision"):
        raise ValidationError(_("The decision has been made; references can no longer be given."))
    if reference.expires_on < timezone.localdate():
        raise ValidationError(_("The link has expired."))
    if reference.manager is not None and _manager_applied(
        reference.application.call, reference.manager
    ):
        raise ValidationError(
            _(
                "You have applied to this call yourself and cannot give references for other "
                "applicants in it; decline the request instead."
            )
        )
    profile = reference.application.call.requirement_profile
    expected = set(profile.competencies.values_list("pk", flat=True)) if profile else set()
    if set(ratings) != expected:
        raise ValidationError(_("Rate every competency of the requirement profile."))
    if any(not 1 <= r <= 5 for r in ratings.values()):
        raise ValidationError(_("Ratings go from 1 to 5."))
    if recommendation not in Reference.Recommendation.values:
        raise ValidationError(_("Choose a recommendation."))
    ReferenceRating.objects.bulk_create(
        ReferenceRating(reference=reference, competency_id=c, rating=r) for c, r in ratings.items()
    )
    reference.status = Reference.Status.GIVEN
    reference.recommendation = recommendation
    reference.comment = comment
    reference.answered_at = timezone.now()
    reference.save()
    return reference


@transaction.atomic
def reference_decline(*, reference: Reference, reason: str) -> Reference:
    """Decline (after the manager confirmed it on the form): the call's coordinators and the
    applicant are told by e-mail, with a link and without the reason."""
    reference = Reference.objects.select_for_update().get(pk=reference.pk)
    if reference.status != Reference.Status.REQUESTED:
        raise ValidationError(_("This reference has already been answered."))
    if not reason.strip():
        raise ValidationError(_("Say briefly why you decline."))
    reference.status = Reference.Status.DECLINED
    reference.decline_reason = reason
    reference.answered_at = timezone.now()
    reference.save()
    _send_decline_notices(reference)
    return reference


def _send_decline_notices(reference: Reference) -> None:
    application = reference.application
    call = application.call
    organisation = call.edition.programme.organisation
    manager = reference.manager.full_name if reference.manager else ""
    coordinators = call_coordinator_emails(call)
    site = settings.SITE_URL.rstrip("/")
    if coordinators:
        email_queue(
            organisation=organisation,
            key="reference_declined_coordinator",
            to=coordinators,
            context={
                "applicant": application.applicant_name,
                "manager": manager,
                "call": call.title,
                "link": site + reverse("admissions:application_detail", args=[application.pk]),
                "organisation": organisation.name,
            },
        )
    applicant = application.applicant
    if applicant is not None and applicant.email:
        email_queue(
            organisation=organisation,
            key="reference_declined_applicant",
            to=[applicant.email],
            context={
                "name": applicant.first_name,
                "manager": manager,
                "call": call.title,
                "link": site + reverse("admissions:my_applications"),
                "organisation": organisation.name,
            },
        )


def _check_reference_open(application: Application) -> None:
    if application.is_weeded:
        raise ValidationError(_("The application has been weeded."))
    if application.status != Application.Status.SUBMITTED:
        raise ValidationError(_("Only a submitted application has a reference."))
    ensure_undecided(application.call)


@transaction.atomic
def reference_remind(*, application: Application) -> Reference:
    """Remind the manager now (the coordinator, from the application page). Only the link's
    hash is stored, so the reminder carries a new link and the old one stops working; the
    deadline is the call's (a later one if it was moved)."""
    _check_reference_open(application)
    reference = Reference.objects.select_for_update().filter(application=application).first()
    if reference is None or reference.status != Reference.Status.REQUESTED:
        raise ValidationError(_("Only a reference that is still awaited can be reminded about."))
    if reference.manager is None or not reference.manager.email:
        raise ValidationError(_("The manager has no e-mail address; contact them another way."))
    if application.call.reference_deadline < timezone.localdate():
        raise ValidationError(
            _("The last day for references has passed; move it in the call before reminding.")
        )
    token = secrets.token_urlsafe(32)
    reference.token_hash = token_hash(token)
    reference.expires_on = application.call.reference_deadline
    reference.reminders_sent += 1
    reference.save(update_fields=["token_hash", "expires_on", "reminders_sent"])
    call = application.call
    organisation = call.edition.programme.organisation
    email_queue(
        organisation=organisation,
        key="reference_reminder_link",
        to=[reference.manager.email],
        context={
            "name": reference.manager.first_name,
            "applicant": application.applicant_name,
            "call": call.title,
            "deadline": reference.expires_on.isoformat(),
            "link": _reference_link(token),
            "organisation": organisation.name,
        },
    )
    return reference


@transaction.atomic
def reference_ask_another(*, application: Application, manager: Person) -> Reference:
    """Ask another manager (after a decline, say "ask my previous manager", or when the one
    asked cannot answer): the unanswered or declined request is replaced by a new one to
    `manager`, who becomes the application's closest manager. A given reference stays."""
    _check_reference_open(application)
    application = Application.objects.select_for_update().get(pk=application.pk)
    applicant = application.applicant
    if applicant is None:
        raise ValidationError(_("The application has been weeded."))
    current = Reference.objects.filter(application=application).first()
    if current is not None and current.status == Reference.Status.GIVEN:
        raise ValidationError(_("The reference has been given; it cannot be replaced."))
    if manager.pk == application.manager_id and (
        current is None or current.status == Reference.Status.REQUESTED
    ):
        raise ValidationError(
            {
                "manager": _("%(name)s is already asked; remind them instead.")
                % {"name": manager.full_name}
            }
        )
    if manager.pk == applicant.pk:
        raise ValidationError({"manager": _("The applicant cannot give their own reference.")})
    if _manager_applied(application.call, manager):
        raise ValidationError({"manager": _manager_applied_message(manager)})
    if manager.organisation_id != applicant.organisation_id or not manager.is_active:
        raise ValidationError({"manager": _("Choose a manager in the applicant's organisation.")})
    if not manager.is_manager:
        raise ValidationError(
            {"manager": _("%(name)s is not a manager.") % {"name": manager.full_name}}
        )
    if application.call.reference_deadline < timezone.localdate():
        raise ValidationError(
            _("The last day for references has passed; move it in the call before asking.")
        )
    if current is not None:
        current.delete()
    application.manager = manager
    application.manager_corrected = manager.pk != applicant.manager_id
    application.save(update_fields=["manager", "manager_corrected", "updated_at"])
    reference, _token = reference_request(application=application)
    return reference
