"""Writes of the introduction for new managers: the rule, and proposing new managers for the
next edition (enrolled, invited, and their own manager told)."""

from __future__ import annotations

from collections.abc import Callable, Sequence

from django.core.exceptions import ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from plantskola.core.mail.services import email_queue, register_template
from plantskola.core.models import ManagerAppointment, Organisation, Person
from plantskola.programmes.invitations.services import participant_invite
from plantskola.programmes.models import Edition, IntroductionRule, Participant, Programme
from plantskola.programmes.services import participant_add, participants_enrol

MANAGER_NOTICE_KEY = "introduction_manager_notice"

register_template(
    MANAGER_NOTICE_KEY,
    description=gettext_lazy("A new manager was proposed for the introduction: to their manager"),
    subject="{{ new_manager }} är anmäld till {{ programme }}",
    body=(
        "Hej {{ name }}!\n\n"
        "{{ new_manager }} blev chef för {{ unit }} den {{ started }} och är nu anmäld till "
        "introduktionen för nya chefer, {{ programme }} ({{ edition }}, med start "
        "{{ start }}). {{ new_manager }} har fått en inbjudan med tillfällena.\n\n"
        "Som närmaste chef är du ett viktigt stöd under introduktionen: prata gärna igenom "
        "programmet tillsammans och se till att det finns tid för tillfällena.\n\n"
        "Plantskola: {{ url }}\n"
    ),
)


@transaction.atomic
def introduction_rule_set(
    *, organisation: Organisation, programme: Programme, within_days: int
) -> IntroductionRule:
    """Mark `programme` as the organisation's introduction for new managers."""
    if programme.organisation_id != organisation.pk:
        raise ValidationError(_("The programme belongs to another organisation."))
    if within_days < 1:
        raise ValidationError(_("The number of days must be at least 1."))
    rule, _created = IntroductionRule.objects.update_or_create(
        organisation=organisation,
        defaults={"programme": programme, "within_days": within_days},
    )
    return rule


def _check_edition(edition: Edition, organisation: Organisation) -> None:
    rule = IntroductionRule.objects.filter(organisation=organisation).first()
    if rule is None or edition.programme_id != rule.programme_id:
        raise ValidationError(_("The edition is not an edition of the introduction programme."))


def _notify_manager(*, participant: Participant, base_url: str) -> bool:
    """Tell the new manager's own manager (if they have an e-mail address)."""
    person = participant.person
    manager = person.manager
    if manager is None or not manager.email:
        return False
    appointment = ManagerAppointment.objects.filter(person=person).select_related("unit").first()
    edition = participant.edition
    email_queue(
        organisation=edition.programme.organisation,
        key=MANAGER_NOTICE_KEY,
        to=[manager.email],
        context={
            "name": manager.first_name,
            "new_manager": person.full_name,
            "unit": appointment.unit.name if appointment and appointment.unit else "–",
            "started": f"{appointment.started_on:%Y-%m-%d}" if appointment else "–",
            "programme": edition.programme.name,
            "edition": edition.name,
            "start": f"{edition.start_date:%Y-%m-%d}",
            "url": base_url.rstrip("/") + reverse("core:home"),
        },
    )
    return True


@transaction.atomic
def new_manager_propose(
    *, organisation: Organisation, edition: Edition, person: Person, base_url: str
) -> Participant:
    """One new manager: enrolled in the edition, invited, and their manager told."""
    _check_edition(edition, organisation)
    if person.organisation_id != organisation.pk:
        raise ValidationError(_("The person belongs to another organisation."))
    participant = participant_add(edition=edition, person=person)
    participant_invite(participant=participant, base_url=base_url)
    _notify_manager(participant=participant, base_url=base_url)
    return participant


def new_managers_propose(
    *,
    organisation: Organisation,
    edition: Edition,
    person_ids: Sequence[int],
    base_url: str,
    progress: Callable[[int], None] | None = None,
) -> int:
    """Many (the queued job): all enrolled in one transaction, then each invited (and their
    manager told) in a transaction of its own, so the job's page shows the progress and a
    run again sends nobody a second message. Returns how many were enrolled."""
    _check_edition(edition, organisation)
    ids = list(
        Person.objects.filter(organisation=organisation, pk__in=list(person_ids)).values_list(
            "pk", flat=True
        )
    )
    if len(ids) != len(set(person_ids)):
        raise ValidationError(_("Someone on the list is no longer in the roster."))
    added = participants_enrol(edition=edition, person_ids=ids)
    participants = (
        Participant.objects.filter(edition=edition, person_id__in=ids)
        .select_related("person__manager", "edition__programme__organisation")
        .order_by("pk")
    )
    for done, participant in enumerate(participants, start=1):
        if participant.invited_at is None:
            with transaction.atomic():
                participant_invite(participant=participant, base_url=base_url)
                _notify_manager(participant=participant, base_url=base_url)
        if progress is not None:
            progress(done)
    return added
