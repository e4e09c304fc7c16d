"""E-mail goes through templates HR can edit, the outbox and the task queue, with retries."""

from __future__ import annotations

from typing import Any
from unittest import mock

import pytest
from django.core import mail

from plantskola.core.mail.sending import email_send
from plantskola.core.mail.services import email_queue
from plantskola.core.models import EmailTemplate, OutgoingEmail
from tests.conftest import World

pytestmark = pytest.mark.django_db


def test_queued_email_is_sent_after_commit_with_its_attachment(
    world: World, django_capture_on_commit_callbacks: Any
) -> None:
    with django_capture_on_commit_callbacks(execute=True):
        email = email_queue(
            organisation=world.host,
            key="test",
            to=["erik@host.example"],
            context={"sender": "Hanna"},
            attachments=[("inbjudan.ics", "BEGIN:VCALENDAR\r\nEND:VCALENDAR\r\n", "text/calendar")],
        )
    email.refresh_from_db()
    assert email.status == OutgoingEmail.Status.SENT and email.attempts == 1
    assert len(mail.outbox) == 1
    sent = mail.outbox[0]
    assert sent.to == ["erik@host.example"]
    assert "Hanna" in sent.body
    assert sent.attachments[0][0] == "inbjudan.ics"


def test_nothing_is_sent_when_the_transaction_rolls_back(world: World) -> None:
    email_queue(organisation=world.host, key="test", to=["a@host.example"], context={})
    assert mail.outbox == []


def test_the_organisations_own_wording_is_used(
    world: World, django_capture_on_commit_callbacks: Any
) -> None:
    EmailTemplate.objects.create(
        organisation=world.host, key="test", subject="Eget ämne", body="Egen text av {{ sender }}"
    )
    with django_capture_on_commit_callbacks(execute=True):
        email_queue(
            organisation=world.host, key="test", to=["a@x.example"], context={"sender": "K"}
        )
    assert mail.outbox[0].subject == "Eget ämne"
    assert mail.outbox[0].body == "Egen text av K"


def test_a_failed_send_is_recorded_and_retried_until_it_succeeds(world: World) -> None:
    email = OutgoingEmail.objects.create(
        organisation=world.host, template_key="test", to="a@x.example", subject="S", body="B"
    )
    with mock.patch(
        "django.core.mail.EmailMessage.send", side_effect=ConnectionRefusedError("no server")
    ):
        email_send(email_id=email.pk)
    email.refresh_from_db()
    assert email.status == OutgoingEmail.Status.FAILED
    assert "no server" in email.last_error
    email_send(email_id=email.pk)
    email.refresh_from_db()
    assert email.status == OutgoingEmail.Status.SENT and email.attempts == 2
    assert email.last_error == ""


def test_hr_edits_a_template_and_a_broken_placeholder_is_refused(world: World) -> None:
    client = world.client_for("hr")
    url = f"/organisationer/{world.host.slug}/epostmallar/test/"
    bad = client.post(url, {"subject": "Hej", "body": "Trasig {% if %}"})
    assert bad.status_code == 400
    assert not EmailTemplate.objects.exists()
    good = client.post(url, {"subject": "Hej {{ sender }}", "body": "Text"})
    assert good.status_code == 302
    assert (
        EmailTemplate.objects.get(organisation=world.host, key="test").subject == "Hej {{ sender }}"
    )
    client.post(url, {"reset": "1", "subject": "x", "body": "y"})
    assert not EmailTemplate.objects.exists()


def test_outbox_lists_only_the_users_organisations_emails(world: World) -> None:
    OutgoingEmail.objects.create(
        organisation=world.host, template_key="test", to="a@host.example", subject="Värd", body="B"
    )
    OutgoingEmail.objects.create(
        organisation=world.other, template_key="test", to="a@o.example", subject="Annan", body="B"
    )
    page = world.client_for("coordinator").get("/utkorg/").content.decode()
    assert "Värd" in page and "Annan" not in page


def test_retry_button_requeues_a_failed_email(
    world: World, django_capture_on_commit_callbacks: Any
) -> None:
    email = OutgoingEmail.objects.create(
        organisation=world.host,
        template_key="test",
        to="a@host.example",
        subject="S",
        body="B",
        status="failed",
        attempts=1,
    )
    with django_capture_on_commit_callbacks(execute=True):
        response = world.client_for("hr").post(f"/utkorg/{email.pk}/skicka-igen/")
    assert response.status_code == 302
    email.refresh_from_db()
    assert email.status == OutgoingEmail.Status.SENT


def test_the_template_form_speaks_the_users_language(world: World) -> None:
    client = world.client_for("hr")
    url = f"/organisationer/{world.host.slug}/epostmallar/test/"
    client.cookies["django_language"] = "en"
    english = client.get(url).content.decode()
    assert ">Subject" in english and "Ämne" not in english
    client.cookies["django_language"] = "sv"
    assert ">Ämne" in client.get(url).content.decode()
