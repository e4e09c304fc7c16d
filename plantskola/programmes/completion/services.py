"""Marking completion: everyone who meets the edition's attendance requirement, once the
edition's last session is over (or after an exception, made with a reason and logged)."""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from plantskola.core.audit.services import audit_record
from plantskola.core.models import AuditEntry, User
from plantskola.programmes.completion.selectors import (
    completion_allowed,
    completion_rows,
    edition_last_session_end,
)
from plantskola.programmes.models import Edition, Participant


def completion_refusal(edition: Edition) -> str:
    end = edition_last_session_end(edition)
    if end is None:
        return _("The edition has no sessions yet, so nobody can complete it.")
    return _(
        "Completion can be marked once the edition's last session is over (%(end)s), or "
        "after an exception with a reason."
    ) % {"end": f"{timezone.localtime(end):%Y-%m-%d %H:%M}"}


@transaction.atomic
def completion_mark(
    *, edition: Edition, today: dt.date | None = None, now: dt.datetime | None = None
) -> list[Participant]:
    """Mark every participant who meets the attendance requirement as completed; returns those
    whose status changed. Nobody is un-marked: a completion stays until someone changes it."""
    edition = Edition.objects.select_for_update().get(pk=edition.pk)
    if now is None and today is not None:
        now = dt.datetime.combine(today, dt.time.max, tzinfo=timezone.get_current_timezone())
    if not completion_allowed(edition=edition, now=now):
        raise ValidationError(completion_refusal(edition))
    participants = Participant.objects.select_for_update(of=("self",)).filter(edition=edition)
    rows = completion_rows(edition=edition, participants=participants, today=today)
    newly = [r.participant for r in rows if r.meets and not r.completed]
    Participant.objects.filter(pk__in=[p.pk for p in newly]).update(
        status=Participant.Status.COMPLETED
    )
    for participant in newly:
        participant.status = Participant.Status.COMPLETED
    return newly


@transaction.atomic
def completion_exception_allow(*, edition: Edition, reason: str, user: User | None) -> Edition:
    """Allow completion before the last session, with a reason; the exception is kept on the
    edition (who, when, why) and written to the audit log."""
    reason = reason.strip()
    if not reason:
        raise ValidationError(_("Give a reason for the exception."))
    edition = Edition.objects.select_for_update().get(pk=edition.pk)
    edition.early_completion_reason = reason[:300]
    edition.early_completion_by = user
    edition.early_completion_at = timezone.now()
    edition.save(
        update_fields=["early_completion_reason", "early_completion_by", "early_completion_at"]
    )
    audit_record(
        AuditEntry.Action.UPDATE,
        object_type="programmes.edition",
        object_id=edition.pk,
        organisation_id=edition.programme.organisation_id,
        fields=["early_completion_reason"],
        actor_id=user.pk if user else None,
    )
    return edition
