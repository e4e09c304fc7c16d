"""The demo keeps the rules it demonstrates: nobody completes below the edition's attendance
requirement, past shadowing requests are answered or expired, and the demo manager `chef` is
the closest manager of `deltagare` (so the manager's view of a roadmap can be tried)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

import pytest
from django.db import transaction
from django.utils import timezone
from pytest_django import DjangoDbBlocker

from plantskola.access.core import closest_manager
from plantskola.core.models import User
from plantskola.demo.loader import demo_load
from plantskola.development.shadowing.models import ShadowingMatch
from plantskola.development.shadowing.services import REQUEST_DAYS
from plantskola.programmes.completion.selectors import completion_rows
from plantskola.programmes.models import Edition, Participant

pytestmark = pytest.mark.django_db


@pytest.fixture(scope="module")
def demo(django_db_setup: None, django_db_blocker: DjangoDbBlocker) -> Iterator[None]:
    """Load the demo once for the module and roll it back afterwards."""
    with django_db_blocker.unblock(), transaction.atomic():
        demo_load()
        yield
        transaction.set_rollback(True)


def test_nobody_completed_below_the_attendance_requirement(demo: None) -> None:
    below = []
    editions = Edition.objects.filter(
        participants__status=Participant.Status.COMPLETED, min_attendance_percent__gt=0
    ).distinct()
    for edition in editions:
        completed = edition.participants.filter(status=Participant.Status.COMPLETED)
        for row in completion_rows(edition=edition, participants=completed):
            if row.expected and row.attended * 100 < row.required_percent * row.expected:
                below.append((edition.name, row.participant.person.full_name, row.attended))
    assert below == []


def test_past_shadowing_requests_are_answered_or_expired(demo: None) -> None:
    today = timezone.localdate()
    open_requests = list(
        ShadowingMatch.objects.filter(status=ShadowingMatch.Status.REQUESTED).select_related(
            "round__edition"
        )
    )
    assert open_requests  # the demo shows an unanswered request
    # A request of a round whose period is over cannot still be answered.
    answerable_late = [
        (m.round.edition.name, str(m.expires_on))
        for m in open_requests
        if m.round.period_end < today and m.expires_on >= today
    ]
    assert answerable_late == []
    # Every request's answer time is the service's, counted from when it was asked.
    for m in open_requests:
        assert m.expires_on - m.requested_at.date() <= dt.timedelta(days=REQUEST_DAYS)
    # And nobody answered before being asked.
    answered = ShadowingMatch.objects.exclude(answered_at=None)
    assert all(m.answered_at is not None and m.answered_at >= m.requested_at for m in answered)


def test_chef_is_the_closest_manager_of_deltagare(demo: None) -> None:
    deltagare = User.objects.get(username="deltagare").person
    chef = User.objects.get(username="chef").person
    assert deltagare is not None and chef is not None
    assert closest_manager(deltagare) == chef
