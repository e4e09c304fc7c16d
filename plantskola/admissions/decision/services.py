"""The decision: the coordinator confirms a selection run after the call has closed. The
chosen become participants, everyone gets a decision e-mail, and from then on references,
scorecards and selections of the call can no longer change."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from plantskola.admissions.decision.selectors import RESERVES_MAX, decision_plan
from plantskola.admissions.models import (
    OUTCOMES,
    Application,
    Call,
    Decision,
    DecisionAmendment,
    SelectionRun,
)
from plantskola.admissions.selection.selectors import run_is_outdated
from plantskola.admissions.services import call_sync_edition_status, ensure_undecided
from plantskola.core.mail.services import email_queue, register_template
from plantskola.programmes.models import Participant

if TYPE_CHECKING:
    from plantskola.core.models import User

_SIGNATURE = "\n\nMed vänliga hälsningar\n{{ organisation }}\n"
register_template(
    "decision_admitted",
    description=gettext_lazy("Decision: admitted"),
    subject="Du är antagen till {{ call }}",
    body="Hej {{ name }}!\n\nGrattis – du är antagen till {{ call }}, som startar {{ start }}. "
    "Mer information kommer från programmets koordinator." + _SIGNATURE,
)
register_template(
    "decision_reserve",
    description=gettext_lazy("Decision: reserve"),
    subject="Du är reserv till {{ call }}",
    body="Hej {{ name }}!\n\nTack för din ansökan till {{ call }}. Du står som reserv nummer "
    "{{ position }}. Om en plats blir ledig hör vi av oss." + _SIGNATURE,
)
register_template(
    "decision_not_admitted",
    description=gettext_lazy("Decision: not admitted"),
    subject="Besked om din ansökan till {{ call }}",
    body="Hej {{ name }}!\n\nTack för din ansökan till {{ call }}. Tyvärr fick du inte en plats "
    "den här gången. Du är välkommen att höra av dig om du vill veta mer om urvalet." + _SIGNATURE,
)


@transaction.atomic
def decision_confirm(
    *, call: Call, run: SelectionRun, user: User, reserves: int | None = None
) -> Decision:
    """Confirm the run: the chosen are admitted (and become participants), the first
    `reserves` others by score (the call's reserve-list size unless given, which is then
    saved on the call) get their reserve numbers, everyone gets an e-mail."""
    if run.call_id != call.pk:
        raise ValidationError(_("The selection belongs to another call."))
    if not call.has_closed:
        raise ValidationError(_("The decision can be made only after the call has closed."))
    Call.objects.select_for_update().filter(pk=call.pk).get()
    ensure_undecided(call)
    if run_is_outdated(call=call, run=run):
        raise ValidationError(
            _(
                "The scores have changed since this selection run; run the selection again "
                "before deciding."
            )
        )
    if reserves is None:
        reserves = call.reserve_list_size
    elif not 0 <= reserves <= RESERVES_MAX:
        raise ValidationError(
            _("The reserve list holds from 0 to %(max)s applicants.") % {"max": RESERVES_MAX}
        )
    elif reserves != call.reserve_list_size:
        call.reserve_list_size = reserves
        call.save(update_fields=["reserve_list_size"])
    plan = decision_plan(call=call, run=run, reserves=reserves)
    applications = {a.pk: a for a in plan.applications}
    chosen = {a.pk for a in plan.admitted}
    reserve_ids = [a.pk for a in plan.reserves]
    decision = Decision.objects.create(call=call, run=run, decided_by=user)
    call_sync_edition_status(call=call)
    organisation = call.edition.programme.organisation
    for pk, application in applications.items():
        if pk in chosen:
            outcome, key, extra = "admitted", "decision_admitted", {}
            if application.applicant is None:  # weeded: no one to admit or tell
                raise ValidationError(
                    _("%(name)s has been weeded and cannot be admitted.")
                    % {"name": application.applicant_name}
                )
            Participant.objects.get_or_create(
                edition=call.edition,
                person=application.applicant,
                defaults={"status": Participant.Status.INVITED},
            )
        elif pk in reserve_ids:
            position = reserve_ids.index(pk) + 1
            outcome, key, extra = "reserve", "decision_reserve", {"position": position}
        else:
            outcome, key, extra = "not_admitted", "decision_not_admitted", {}
        application.outcome = outcome
        application.reserve_position = reserve_ids.index(pk) + 1 if pk in reserve_ids else None
        application.save(update_fields=["outcome", "reserve_position", "updated_at"])
        if application.applicant is not None and application.applicant.email:
            email_queue(
                organisation=organisation,
                key=key,
                to=[application.applicant.email],
                context={
                    "name": application.applicant.first_name,
                    "call": call.title,
                    "start": call.edition.start_date.isoformat(),
                    "organisation": organisation.name,
                    **extra,
                },
            )
    return decision


register_template(
    "decision_amended",
    description=gettext_lazy("Decision changed after it was made"),
    subject="Nytt besked om din ansökan till {{ call }}",
    body="Hej {{ name }}!\n\nBeskedet om din ansökan till {{ call }} har ändrats. "
    "{% if admitted %}Grattis – du är nu antagen till programmet, som startar {{ start }}. "
    "Mer information kommer från programmets koordinator."
    "{% else %}Ditt nya besked är: {{ outcome }}.{% endif %}" + _SIGNATURE,
)


@transaction.atomic
def decision_amend(
    *, call: Call, application: Application, to_outcome: str, reason: str, user: User
) -> DecisionAmendment:
    """Change one applicant's outcome after the decision, with a reason that is recorded
    (who, when, from → to). The edition's participants follow in the same transaction and the
    applicant is told by e-mail. Scores and scorecards stay as they were."""
    decision = Decision.objects.filter(call=call).first()
    if decision is None:
        raise ValidationError(_("There is no decision to amend yet."))
    locked = (
        # Lock only the application: PostgreSQL cannot lock the outer-joined (nullable) person.
        Application.objects.select_for_update(of=("self",))
        .select_related("applicant")
        .filter(pk=application.pk, call=call)
        .first()
    )
    if locked is None or locked.status != Application.Status.SUBMITTED:
        raise ValidationError(_("Only submitted applications to this call can be amended."))
    application = locked
    if application.is_weeded or application.applicant is None:
        raise ValidationError(_("The application has been weeded and can no longer be amended."))
    if to_outcome not in OUTCOMES:
        raise ValidationError(_("Choose a new outcome."))
    if to_outcome == application.outcome:
        raise ValidationError(
            _("%(name)s already has this outcome.") % {"name": application.applicant_name}
        )
    if not reason.strip():
        raise ValidationError(_("Give the reason for the change; it is recorded."))
    person = application.applicant
    participant = (
        Participant.objects.select_for_update().filter(edition=call.edition, person=person).first()
    )
    if to_outcome == "admitted":
        if participant is None:
            Participant.objects.create(
                edition=call.edition, person=person, status=Participant.Status.INVITED
            )
        elif participant.status == Participant.Status.WITHDRAWN:
            participant.status = Participant.Status.INVITED
            participant.save(update_fields=["status"])
    elif application.outcome == "admitted" and participant is not None:
        participant.status = Participant.Status.WITHDRAWN
        participant.save(update_fields=["status"])
    amendment = DecisionAmendment.objects.create(
        decision=decision,
        application=application,
        from_outcome=application.outcome,
        to_outcome=to_outcome,
        reason=reason.strip(),
        amended_by=user,
    )
    application.outcome = to_outcome
    if to_outcome != "reserve":
        application.reserve_position = None
    application.save(update_fields=["outcome", "reserve_position", "updated_at"])
    organisation = call.edition.programme.organisation
    if person.email:
        with translation.override("sv"):
            outcome_text = str(OUTCOMES[to_outcome]).lower()
        email_queue(
            organisation=organisation,
            key="decision_amended",
            to=[person.email],
            context={
                "name": person.first_name,
                "call": call.title,
                "start": call.edition.start_date.isoformat(),
                "admitted": to_outcome == "admitted",
                "outcome": outcome_text,
                "organisation": organisation.name,
            },
        )
    return amendment


def first_reserve(call: Call) -> Application | None:
    """The reserve next in line: the lowest reserve number still a reserve."""
    return (
        Application.objects.filter(
            call=call, outcome="reserve", weeded_at__isnull=True, reserve_position__isnull=False
        )
        .select_related("applicant")
        .order_by("reserve_position")
        .first()
    )


@transaction.atomic
def place_offer_to_reserve(*, call: Call, declined: Application, user: User) -> Application:
    """The coordinator's confirmation after an admitted applicant declined the place: the
    decliner is no longer admitted and the first reserve is admitted, both recorded as
    amendments with their reason (the participants follow, both get an e-mail)."""
    declined = Application.objects.select_for_update(of=("self",)).get(pk=declined.pk)
    if declined.call_id != call.pk:
        raise ValidationError(_("The application belongs to another call."))
    if declined.place_answer != Application.PlaceAnswer.DECLINED or declined.outcome != "admitted":
        raise ValidationError(_("Only a place that was declined can be offered to a reserve."))
    reserve = first_reserve(call)
    if reserve is None:
        raise ValidationError(_("There is no reserve left to offer the place to."))
    decision_amend(
        call=call,
        application=declined,
        to_outcome="not_admitted",
        reason=_("Declined the offered place."),
        user=user,
    )
    decision_amend(
        call=call,
        application=reserve,
        to_outcome="admitted",
        reason=_("Offered the place %(name)s declined, as reserve number %(n)s.")
        % {"name": declined.applicant_name, "n": reserve.reserve_position},
        user=user,
    )
    reserve.refresh_from_db()
    return reserve
