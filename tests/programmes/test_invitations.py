"""Invitations that go out: on enrolment (one `.ics` per session), for a new session, and a
CANCEL for a cancelled one; the mass send after a preview with the count, as a queued job."""

from __future__ import annotations

import datetime as dt
from typing import Any
from zoneinfo import ZoneInfo

import icalendar
import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.urls import reverse

from plantskola.core.models import OrgUnit, OutgoingEmail, Person
from plantskola.programmes.enrolment.selectors import EnrolmentRule, Who, enrolment_preview
from plantskola.programmes.invitations.services import participants_invite, session_cancel
from plantskola.programmes.models import Attendance, BulkJob, Participant, Session
from tests.conftest import World
from tests.programmes.test_calendar import session_post

pytestmark = pytest.mark.django_db
TZ = ZoneInfo("Europe/Stockholm")


def parsed(content: str | bytes, *, method: str, attendee: str) -> icalendar.Component:
    """Round-trip one `.ics` through icalendar and check what every invitation must carry."""
    cal = icalendar.Calendar.from_ical(content)
    assert icalendar.Calendar.from_ical(cal.to_ical()).to_ical() == cal.to_ical()
    assert str(cal["method"]) == method
    zones = cal.walk("VTIMEZONE")
    assert [str(z["tzid"]) for z in zones] == ["Europe/Stockholm"]
    [event] = cal.walk("VEVENT")
    assert str(event["organizer"]).startswith("mailto:")
    assert str(event["attendee"]) == f"mailto:{attendee}"
    assert "sequence" in event
    assert event["dtstart"].params["TZID"] == "Europe/Stockholm"
    return event


def uid(session: Session) -> str:
    return f"{session.uid}@plantskola"


def new_person(w: World, number: str, *, email: str = "", manager: bool = False) -> Person:
    return Person.objects.create(
        organisation=w.host,
        employee_number=number,
        first_name=f"Ny{number}",
        last_name="Testsson",
        email=email,
        is_manager=manager,
        title="Enhetschef" if manager else "",
        unit=OrgUnit.objects.get(pk=w.unit_id),
    )


def test_adding_one_participant_sends_the_invitation_with_one_ics_per_session(
    world: World, django_capture_on_commit_callbacks: Any
) -> None:
    person = new_person(world, "N1", email="ny.n1@host.example")
    client = world.client_for("coordinator")
    url = reverse("programmes:participant_add", args=[world.edition.pk])
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url, {"person": person.pk, "group": world.group.pk})
    assert response.status_code == 302

    [message] = mail.outbox
    assert message.to == ["ny.n1@host.example"]
    assert message.subject == "Inbjudan: Sveriges viktigaste chefsjobb – Omgång 2026"
    assert "Hej NyN1!" in message.body
    assert "2026-12-03 09:00–16:00: Del av en helhet, dag 1" in message.body
    assert "2027-06-10 14:00–16:00: Avslutning" in message.body
    assert len(message.attachments) == 2  # the group's session and the one for everyone
    uids = set()
    for filename, content, mimetype in message.attachments:
        assert filename.endswith(".ics")
        assert mimetype.startswith("text/calendar")
        event = parsed(content, method="REQUEST", attendee="ny.n1@host.example")
        assert int(str(event["sequence"])) == 0
        uids.add(str(event["uid"]))
    assert uids == {uid(world.session), uid(world.whole_session)}
    participant = Participant.objects.get(edition=world.edition, person=person)
    assert participant.invited_at is not None
    assert OutgoingEmail.objects.get(template_key="edition_invitation").status == "sent"


def test_a_participant_without_e_mail_is_added_but_stays_uninvited(
    world: World, django_capture_on_commit_callbacks: Any
) -> None:
    person = new_person(world, "N2")
    client = world.client_for("coordinator")
    url = reverse("programmes:participant_add", args=[world.edition.pk])
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url, {"person": person.pk}, follow=True)
    assert "ingen e-postadress" in response.content.decode()
    assert mail.outbox == []
    assert Participant.objects.get(person=person).invited_at is None


def test_send_invitations_shows_the_message_and_count_and_sends_nothing_before_confirming(
    world: World,
) -> None:
    client = world.client_for("coordinator")
    url = reverse("programmes:invitation_send", args=[world.edition.pk])
    response = client.get(url)
    assert response.status_code == 200
    page = response.content.decode()
    assert "2 deltagare får inbjudan." in page
    assert "Inbjudan: Sveriges viktigaste chefsjobb – Omgång 2026" in page
    assert "Del av en helhet, dag 1" in page
    assert mail.outbox == []
    assert not BulkJob.objects.exists()


def test_confirmed_send_runs_as_a_job_and_invites_each_participant_once(
    world: World, django_capture_on_commit_callbacks: Any
) -> None:
    client = world.client_for("coordinator")
    url = reverse("programmes:invitation_send", args=[world.edition.pk])
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url, {"expected": "2"})
    job = BulkJob.objects.get(kind=BulkJob.Kind.INVITE)
    assert response.status_code == 302
    assert response["Location"] == reverse("programmes:bulk_job_detail", args=[job.pk])
    # The queued e-mails are sent after the job's own commits (one per participant).
    with django_capture_on_commit_callbacks(execute=True):
        pass
    job.refresh_from_db()
    assert (job.status, job.done, job.total) == (BulkJob.Status.DONE, 2, 2)
    assert sorted(m.to[0] for m in mail.outbox) == [
        "per.partner@partner.example",
        "pia.deltagare@host.example",
    ]
    for message in mail.outbox:
        assert len(message.attachments) == 2
        for _name, content, _mime in message.attachments:
            parsed(content, method="REQUEST", attendee=message.to[0])
    assert not Participant.objects.filter(edition=world.edition, invited_at__isnull=True).exists()
    # Nobody is left to invite: the page says so and offers no button.
    page = client.get(url).content.decode()
    assert "Alla som kan delta har fått inbjudan" in page
    assert 'name="expected"' not in page


def test_a_stale_count_sends_nothing(world: World, django_capture_on_commit_callbacks: Any) -> None:
    client = world.client_for("coordinator")
    url = reverse("programmes:invitation_send", args=[world.edition.pk])
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url, {"expected": "3"}, follow=True)
    assert "2 skulle få inbjudan nu" in response.content.decode()
    assert not BulkJob.objects.exists()
    assert mail.outbox == []


def test_withdrawn_participants_get_no_invitation(world: World) -> None:
    world.partner_participant.status = Participant.Status.WITHDRAWN
    world.partner_participant.save(update_fields=["status"])
    page = (
        world.client_for("coordinator")
        .get(reverse("programmes:invitation_send", args=[world.edition.pk]))
        .content.decode()
    )
    assert "1 deltagare får inbjudan." in page


def test_enrolment_by_rule_invites_those_added_when_asked(
    world: World, django_capture_on_commit_callbacks: Any
) -> None:
    new_person(world, "M1", email="m1@host.example", manager=True)
    new_person(world, "M2", email="m2@host.example", manager=True)
    rule = EnrolmentRule(who=Who.PERMANENT_MANAGERS)
    expected = enrolment_preview(edition=world.edition, rule=rule).count
    client = world.client_for("coordinator")
    rule_page = client.get(
        reverse("programmes:enrolment_rule", args=[world.edition.pk]),
        {"who": Who.PERMANENT_MANAGERS, "include_subunits": "on"},
    ).content.decode()
    assert "Inbjudan: Sveriges viktigaste chefsjobb" in rule_page  # the message, before sending
    assert mail.outbox == []
    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            reverse("programmes:enrolment_confirm", args=[world.edition.pk]),
            {
                "who": Who.PERMANENT_MANAGERS,
                "include_subunits": "on",
                "expected": expected,
                "invite": "on",
            },
        )
    with django_capture_on_commit_callbacks(execute=True):
        pass
    job = BulkJob.objects.get(kind=BulkJob.Kind.ENROL)
    assert job.status == BulkJob.Status.DONE, job.message
    invited = {m.to[0] for m in mail.outbox}
    assert {"m1@host.example", "m2@host.example"} <= invited
    # The participants who were there before are not invited by this enrolment.
    assert "pia.deltagare@host.example" not in invited
    assert len(invited) == len(mail.outbox)
    for message in mail.outbox:
        # Not in a group: only the session for the whole edition.
        [(_name, content, _mime)] = message.attachments
        event = parsed(content, method="REQUEST", attendee=message.to[0])
        assert str(event["uid"]) == uid(world.whole_session)


def test_enrolment_by_rule_without_invite_sends_nothing(
    world: World, django_capture_on_commit_callbacks: Any
) -> None:
    new_person(world, "M3", email="m3@host.example", manager=True)
    rule = EnrolmentRule(who=Who.PERMANENT_MANAGERS)
    expected = enrolment_preview(edition=world.edition, rule=rule).count
    with django_capture_on_commit_callbacks(execute=True):
        world.client_for("coordinator").post(
            reverse("programmes:enrolment_confirm", args=[world.edition.pk]),
            {"who": Who.PERMANENT_MANAGERS, "include_subunits": "on", "expected": expected},
        )
    assert BulkJob.objects.get(kind=BulkJob.Kind.ENROL).status == BulkJob.Status.DONE
    assert mail.outbox == []
    assert Participant.objects.get(person__employee_number="M3").invited_at is None


def test_a_new_session_invites_its_group_and_leaders(
    world: World, django_capture_on_commit_callbacks: Any
) -> None:
    client = world.client_for("coordinator")
    data = session_post(world.session, title="Del av en helhet, dag 2", date="2027-01-14")
    url = reverse("programmes:session_create", args=[world.edition.pk])
    preview = client.post(url, data)
    assert preview.status_code == 200
    text = preview.content.decode()
    assert "2 deltagare får en inbjudan." in text
    assert "Och 1 kursledare." in text
    assert not Session.objects.filter(title="Del av en helhet, dag 2").exists()
    # A count that is not the one shown (the participants changed) shows the step again.
    assert client.post(url, {**data, "invite_count": "7"}).status_code == 200
    assert not Session.objects.filter(title="Del av en helhet, dag 2").exists()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url, {**data, "invite_count": "3"})
    assert response.status_code == 302
    job = BulkJob.objects.get(kind=BulkJob.Kind.INVITE)
    assert response["Location"] == reverse("programmes:bulk_job_detail", args=[job.pk])
    job.refresh_from_db()
    assert (job.status, job.done, job.total) == (BulkJob.Status.DONE, 3, 3)
    new = Session.objects.get(title="Del av en helhet, dag 2")
    assert sorted(m.to[0] for m in mail.outbox) == [
        "lea.kursledare@host.example",
        "per.partner@partner.example",
        "pia.deltagare@host.example",
    ]
    for message in mail.outbox:
        assert message.subject == "Nytt tillfälle: Del av en helhet, dag 2 2027-01-14"
        [(_name, content, _mime)] = message.attachments
        event = parsed(content, method="REQUEST", attendee=message.to[0])
        assert str(event["uid"]) == uid(new)
        assert int(str(event["sequence"])) == 0
        assert event.decoded("dtstart") == dt.datetime(2027, 1, 14, 9, tzinfo=TZ)


def test_cancelling_a_session_sends_cancel_with_a_higher_sequence_and_removes_it(
    world: World, django_capture_on_commit_callbacks: Any
) -> None:
    session = world.session
    client = world.client_for("coordinator")
    url = reverse("programmes:session_cancel", args=[session.pk])
    confirm = client.get(url).content.decode()
    assert "3 personer får en avbokning" in confirm
    assert mail.outbox == []
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url)
    assert response.status_code == 302
    assert not Session.objects.filter(pk=session.pk).exists()
    assert len(mail.outbox) == 3
    for message in mail.outbox:
        assert message.subject.startswith("Inställt: Del av en helhet, dag 1")
        [(_name, content, mimetype)] = message.attachments
        assert mimetype == "text/calendar; method=CANCEL"
        event = parsed(content, method="CANCEL", attendee=message.to[0])
        assert str(event["uid"]) == uid(session)
        assert int(str(event["sequence"])) == session.sequence + 1
        assert str(event["status"]) == "CANCELLED"


def test_a_session_that_took_place_cannot_be_cancelled(world: World) -> None:
    Attendance.objects.create(
        session=world.session, participant=world.participant, status=Attendance.Status.PRESENT
    )
    with pytest.raises(ValidationError):
        session_cancel(session=world.session, base_url="http://testserver/")
    response = world.client_for("coordinator").post(
        reverse("programmes:session_cancel", args=[world.session.pk])
    )
    assert response.status_code == 400
    assert "närvaro" in response.content.decode().lower()
    world.session.refresh_from_db()
    assert world.session.sequence == 0
    assert mail.outbox == []


def test_inviting_again_sends_nobody_a_second_invitation(
    world: World, django_capture_on_commit_callbacks: Any
) -> None:
    ids = [world.participant.pk, world.partner_participant.pk]
    seen: list[int] = []
    with django_capture_on_commit_callbacks(execute=True):
        first = participants_invite(
            edition=world.edition, participant_ids=ids, base_url="http://t/", progress=seen.append
        )
        again = participants_invite(
            edition=world.edition, participant_ids=ids, base_url="http://t/"
        )
    assert (first, again) == (2, 0)
    assert seen == [1, 2]
    assert len(mail.outbox) == 2
