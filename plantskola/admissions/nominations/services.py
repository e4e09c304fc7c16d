"""Talent nominations and the talent pool: writes.

Rules (issue 19): a nomination is for a published call that is open for applications and
that the nominee may apply to; it rests on one or more competencies of the call's requirement
profile (each rated 1–5 with a sentence of evidence). The nominee is told by e-mail (a link,
never the motivation) and answers once. Accepting starts a draft application for them with the
nominator's reference already given (the motivation and the ratings); declining is seen by
the nominee only. Interest in a manager role is the person's own, withdrawn at any time.
"""

from __future__ import annotations

import secrets
from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from plantskola.access.core import closest_manager
from plantskola.admissions.models import (
    Application,
    Call,
    Nomination,
    NominationCompetency,
    Reference,
    ReferenceRating,
    TalentInterest,
)
from plantskola.admissions.nominations.selectors import (
    nomination_competencies,
    talent_pool_eligible,
)
from plantskola.admissions.selectors import call_eligibility, token_hash
from plantskola.competencies.models import Competency
from plantskola.core.mail.services import email_queue, register_template
from plantskola.core.models import Person, User

register_template(
    "nomination_received",
    description=gettext_lazy("To an employee: they have been nominated to a call"),
    subject="Du har blivit nominerad till {{ call }}",
    body=(
        "Hej {{ name }}!\n\n{{ nominator }} har nominerat dig till {{ call }}. Läs motiveringen "
        "och svara om du vill söka via länken nedan. Tackar du ja startas en ansökan åt dig, "
        "med din chefs referens redan lämnad. Tackar du nej får ingen annan veta det.\n\n"
        "{{ link }}\n\nSista dag att söka är {{ closes }}.\n\nMed vänliga hälsningar\n"
        "{{ organisation }}\n"
    ),
)


@dataclass(frozen=True)
class CompetencyEvidence:
    competency: Competency
    rating: int
    evidence: str


def _check_call_open(call: Call) -> None:
    if not call.is_open:
        raise ValidationError(_("The call is not open for applications."))


@transaction.atomic
def nomination_create(
    *,
    call: Call,
    nominee: Person,
    nominator: Person | None,
    user: User,
    motivation: str,
    evidence: list[CompetencyEvidence],
) -> Nomination:
    """Nominate `nominee` (whom the caller may nominate: checked in `access`) to the call."""
    _check_call_open(call)
    if nominator is not None and nominator.pk == nominee.pk:
        raise ValidationError(_("You cannot nominate yourself."))
    reason = call_eligibility(call=call, person=nominee)
    if reason:
        raise ValidationError(
            _("%(name)s cannot apply to this call: %(reason)s")
            % {"name": nominee.full_name, "reason": reason}
        )
    if Application.objects.filter(call=call, applicant=nominee).exists():
        raise ValidationError(
            _("%(name)s has already applied to this call.") % {"name": nominee.full_name}
        )
    existing = Nomination.objects.select_for_update().filter(call=call, nominee=nominee)
    if existing.filter(nominated_by_user=user).exists():
        raise ValidationError(
            _("You have already nominated %(name)s to this call.") % {"name": nominee.full_name}
        )
    # A declined nomination by someone else is not mentioned: nobody else learns of it.
    if existing.filter(status=Nomination.Status.PENDING).exists():
        raise ValidationError(
            _("%(name)s has already been nominated to this call and has not answered yet.")
            % {"name": nominee.full_name}
        )
    if not motivation.strip():
        raise ValidationError(_("Write a short motivation."))
    if not evidence:
        raise ValidationError(_("Choose at least one competency the nomination rests on."))
    allowed = {c.pk for c in nomination_competencies(call)}
    if any(e.competency.pk not in allowed for e in evidence):
        raise ValidationError(_("Choose competencies of the call's requirement profile."))
    if any(not 1 <= e.rating <= 5 for e in evidence):
        raise ValidationError(_("Ratings go from 1 to 5."))
    nomination = Nomination.objects.create(
        call=call,
        nominee=nominee,
        nominated_by=nominator,
        nominated_by_user=user,
        motivation=motivation.strip(),
    )
    NominationCompetency.objects.bulk_create(
        NominationCompetency(
            nomination=nomination,
            competency=e.competency,
            rating=e.rating,
            evidence=e.evidence.strip(),
        )
        for e in evidence
    )
    _notify_nominee(nomination)
    return nomination


def _notify_nominee(nomination: Nomination) -> None:
    call = nomination.call
    organisation = call.edition.programme.organisation
    nominee = nomination.nominee
    site = str(settings.SITE_URL).rstrip("/")
    nominator = nomination.nominated_by
    email_queue(
        organisation=organisation,
        key="nomination_received",
        to=[nominee.email] if nominee.email else [],
        context={
            "name": nominee.first_name,
            "nominator": nominator.full_name if nominator else organisation.name,
            "call": call.title,
            "link": site + reverse("admissions:own_nomination", args=[nomination.pk]),
            "closes": timezone.localtime(call.closes_at).strftime("%Y-%m-%d %H:%M"),
            "organisation": organisation.name,
        },
    )


def _reference_text(nomination: Nomination) -> str:
    lines = [nomination.motivation]
    for item in nomination.competencies.select_related("competency"):
        if item.evidence:
            lines.append(f"{item.competency.name}: {item.evidence}")
    return "\n\n".join(lines)


def nomination_reference_give(
    *, nomination: Nomination, application: Application
) -> Reference | None:
    """The nominator's reference on the application, given from the nomination; None when the
    nominator is no manager in the nominee's organisation (HR: the closest manager is asked
    as usual when the application is submitted)."""
    nominator = nomination.nominated_by
    nominee = nomination.nominee
    if (
        nominator is None
        or not nominator.is_manager
        or not nominator.is_active
        or nominator.organisation_id != nominee.organisation_id
    ):
        return None
    Reference.objects.filter(application=application).exclude(
        status=Reference.Status.GIVEN
    ).delete()
    if Reference.objects.filter(application=application).exists():
        return None  # a reference was already given: it stays
    application.manager = nominator
    application.manager_corrected = nominator.pk != nominee.manager_id
    application.save(update_fields=["manager", "manager_corrected", "updated_at"])
    now = timezone.now()
    reference = Reference.objects.create(
        application=application,
        manager=nominator,
        # No link is ever sent for it: a random secret's hash fills the unique column.
        token_hash=token_hash(secrets.token_urlsafe(32)),
        expires_on=nomination.call.reference_deadline,
        status=Reference.Status.GIVEN,
        recommendation=Reference.Recommendation.STRONG,
        comment=_reference_text(nomination),
        answered_at=now,
    )
    profile = nomination.call.requirement_profile
    in_profile = set(profile.competencies.values_list("pk", flat=True)) if profile else None
    ReferenceRating.objects.bulk_create(
        ReferenceRating(reference=reference, competency_id=item.competency_id, rating=item.rating)
        for item in nomination.competencies.all()
        if in_profile is None or item.competency_id in in_profile
    )
    return reference


@transaction.atomic
def nomination_answer(*, nomination: Nomination, accept: bool) -> Nomination:
    """The nominee's answer, once. Accepting starts (or completes) their application with the
    nominator's reference given; declining changes nothing anyone else sees."""
    nomination = (
        # Lock the nomination's row only: PostgreSQL cannot lock the nullable side of the
        # outer join to the nominator.
        Nomination.objects.select_for_update(of=("self",))
        .select_related("call__edition__programme__organisation", "nominee", "nominated_by")
        .get(pk=nomination.pk)
    )
    if nomination.status != Nomination.Status.PENDING:
        raise ValidationError(_("You have already answered this nomination."))
    if accept:
        call = nomination.call
        _check_call_open(call)
        nominee = nomination.nominee
        reason = call_eligibility(call=call, person=nominee)
        if reason:
            raise ValidationError(reason)
        application = (
            Application.objects.select_for_update().filter(call=call, applicant=nominee).first()
        )
        if application is not None and application.status == Application.Status.WITHDRAWN:
            raise ValidationError(_("You have withdrawn your application to this call."))
        if application is None:
            application = Application.objects.create(
                call=call, applicant=nominee, manager=closest_manager(nominee)
            )
        nomination_reference_give(nomination=nomination, application=application)
        nomination.application = application
    nomination.status = Nomination.Status.ACCEPTED if accept else Nomination.Status.DECLINED
    nomination.answered_at = timezone.now()
    nomination.save(update_fields=["status", "answered_at", "application"])
    return nomination


# --- the talent pool ---------------------------------------------------------------------


@transaction.atomic
def talent_interest_set(*, person: Person, interested: bool) -> TalentInterest | None:
    """Say (or withdraw) one's interest in a manager role. Saying it needs an accepted
    nomination or a completed pre-manager programme; withdrawing deletes the statement."""
    if not interested:
        TalentInterest.objects.filter(person=person).delete()
        return None
    if not talent_pool_eligible(person):
        raise ValidationError(
            _(
                "The talent pool is for people with an accepted nomination or a completed "
                "programme for prospective managers."
            )
        )
    interest, _created = TalentInterest.objects.get_or_create(
        person=person, defaults={"organisation_id": person.organisation_id}
    )
    return interest
