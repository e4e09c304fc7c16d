"""Mass actions on an event: invitations to the target group and re-seating run as queued
jobs after a preview; a re-seating shows who moves from which table to which first."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.utils import translation
from pytest_django import DjangoCaptureOnCommitCallbacks

from plantskola.core.models import Organisation, Person, User
from plantskola.events import jobs, selectors, services
from plantskola.events.models import Event, EventJob, Registration
from plantskola.events.seating.selectors import seating_changes
from plantskola.events.seating.services import event_seat
from tests.events.conftest import build_managers, make_event

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _english() -> Iterator[None]:
    """The messages are matched in English (the msgids); the interface is Swedish."""
    with translation.override("en"):
        yield


@pytest.fixture
def org(db: None) -> Organisation:
    return Organisation.objects.create(name="Kungsbacka kommun", slug="kungsbacka")


@pytest.fixture
def organiser(db: None) -> User:
    return User.objects.create_user(username="arrangor", password="x")  # noqa: S106


@pytest.fixture
def managers(org: Organisation) -> list[Person]:
    return build_managers(org, administrations=3, per_administration=4)


def test_the_invitations_go_out_as_a_job_with_progress_for_the_confirmed_count(
    org: Organisation,
    managers: list[Person],
    organiser: User,
    django_capture_on_commit_callbacks: DjangoCaptureOnCommitCallbacks,
) -> None:
    event = make_event(org)
    preview = selectors.invitation_preview(event=event, link="http://testserver/e/")
    assert preview.recipients == len(managers) == 12
    assert preview.subject.startswith("Inbjudan: ")
    with pytest.raises(ValidationError, match="changed since the preview"):
        jobs.event_invitations_request(event=event, link="l", expected=356, user=organiser)
    assert not EventJob.objects.exists()
    with django_capture_on_commit_callbacks(execute=True):
        job = jobs.event_invitations_request(event=event, link="l", expected=12, user=organiser)
    job.refresh_from_db()
    assert job.status == EventJob.Status.DONE and job.done == job.total == 12
    assert len(mail.outbox) == 12
    assert sorted(m.to[0] for m in mail.outbox) == sorted(p.email for p in managers)


def test_reseating_is_a_proposal_showing_the_moves_until_confirmed(
    org: Organisation,
    managers: list[Person],
    organiser: User,
    django_capture_on_commit_callbacks: DjangoCaptureOnCommitCallbacks,
) -> None:
    event = make_event(org, kind=Event.Kind.LEADERSHIP_DAY, capacity=None)
    for person in managers:
        services.registration_create(event=event, person=person)
    event_seat(event=event, table_size=3, time_limit=1)
    before = dict(Registration.objects.filter(event=event).values_list("person_id", "table_number"))
    proposal = jobs.event_seating_propose(
        event=event, table_size=4, mix_gender=True, mix_age=False, user=organiser
    )
    assert proposal.status == EventJob.Status.PROPOSED
    # Nothing has moved yet.
    assert before == dict(
        Registration.objects.filter(event=event).values_list("person_id", "table_number")
    )
    tables = {int(k): v for k, v in proposal.params["tables"].items()}
    assert set(tables.values()) == {1, 2, 3}
    moves = seating_changes(event=event, tables=tables)
    assert moves  # four tables of three become three of four
    for move in moves:
        assert move.before == before[move.person.pk] and move.after == tables[move.person.pk]
        assert move.before != move.after
    unmoved = set(tables) - {m.person.pk for m in moves}
    assert all(before[pid] == tables[pid] for pid in unmoved)

    with django_capture_on_commit_callbacks(execute=True):
        job = jobs.event_seating_confirm(job=proposal)
    job.refresh_from_db()
    assert job.status == EventJob.Status.DONE
    after = dict(Registration.objects.filter(event=event).values_list("person_id", "table_number"))
    assert after == tables
    with pytest.raises(ValidationError, match="already been applied"):
        jobs.event_seating_confirm(job=job)


def test_a_proposal_is_refused_when_the_registrations_changed(
    org: Organisation, managers: list[Person], organiser: User
) -> None:
    event = make_event(org, kind=Event.Kind.LEADERSHIP_DAY, capacity=None)
    registrations = [services.registration_create(event=event, person=p) for p in managers]
    proposal = jobs.event_seating_propose(
        event=event, table_size=4, mix_gender=False, mix_age=False, user=organiser
    )
    services.registration_cancel(registration=registrations[0], link="l")
    with pytest.raises(ValidationError, match="changed since the tables were made"):
        jobs.event_seating_confirm(job=proposal)
    assert not Registration.objects.filter(event=event, table_number__isnull=False).exists()
