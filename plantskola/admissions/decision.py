"""The decision: the coordinator confirms a selection run after the call has closed. The
chosen become participants, everyone gets a decision e-mail, and from then on references,
scorecards and selections of the call can no longer change."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from plantskola.admissions.models import Application, Call, Decision, SelectionRun
from plantskola.core.mail import email_queue, register_template
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


def call_is_decided(call: Call) -> bool:
    return Decision.objects.filter(call=call).exists()


def ensure_undecided(call: Call) -> None:
    if call_is_decided(call):
        raise ValidationError(_("The decision has been made; this can no longer be changed."))


@transaction.atomic
def decision_confirm(*, call: Call, run: SelectionRun, user: User, reserves: int = 5) -> Decision:
    if run.call_id != call.pk:
        raise ValidationError(_("The selection belongs to another call."))
    if not call.has_closed:
        raise ValidationError(_("The decision can be made only after the call has closed."))
    Call.objects.select_for_update().filter(pk=call.pk).get()
    ensure_undecided(call)
    chosen = {int(pk) for pk in run.result.get("chosen", [])}
    excluded = {int(pk) for pk in run.settings.get("exclude", [])}
    applications = {
        a.pk: a
        for a in Application.objects.filter(
            call=call, status=Application.Status.SUBMITTED
        ).select_related("applicant")
    }
    order = sorted(
        applications,
        key=lambda pk: -(run.scores.get(str(pk), {}).get("score") or 0),
    )
    reserve_ids = [pk for pk in order if pk not in chosen and pk not in excluded][:reserves]
    decision = Decision.objects.create(call=call, run=run, decided_by=user)
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
        application.save(update_fields=["outcome", "updated_at"])
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
