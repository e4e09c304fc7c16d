"""Marking completion: everyone who meets the edition's attendance requirement."""

from __future__ import annotations

import datetime as dt

from django.db import transaction

from plantskola.programmes.completion.selectors import completion_rows
from plantskola.programmes.models import Edition, Participant


@transaction.atomic
def completion_mark(*, edition: Edition, today: dt.date | None = None) -> list[Participant]:
    """Mark every participant who meets the attendance requirement as completed; returns those
    whose status changed. Nobody is un-marked: a completion stays until someone changes it."""
    participants = Participant.objects.select_for_update(of=("self",)).filter(edition=edition)
    rows = completion_rows(edition=edition, participants=participants, today=today)
    newly = [r.participant for r in rows if r.meets and not r.completed]
    Participant.objects.filter(pk__in=[p.pk for p in newly]).update(
        status=Participant.Status.COMPLETED
    )
    for participant in newly:
        participant.status = Participant.Status.COMPLETED
    return newly
