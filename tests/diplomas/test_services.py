"""Issuing, revoking, reissuing and verifying diplomas."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.core import mail as django_mail
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import translation

from plantskola.core.models import OutgoingEmail
from plantskola.diplomas.models import CODE_ALPHABET, Diploma, DiplomaSettings, normalise_code
from plantskola.diplomas.services import (
    diploma_issue,
    diploma_reissue,
    diploma_revoke,
    diploma_settings_save,
    diplomas_issue_for_edition,
)
from plantskola.diplomas.verification.selectors import diploma_verify
from plantskola.programmes.models import Session
from tests.conftest import World
from tests.diplomas.helpers import complete, host_settings, issued_diploma


@pytest.fixture(autouse=True)
def _english() -> Any:
    """The messages are matched in English (the catalogue translates them to Swedish)."""
    with translation.override("en"):
        yield


def test_issuing_for_an_edition_gives_completed_participants_a_diploma_each(world: World) -> None:
    host_settings(world)
    complete(world.participant)  # the partner's participant is still active

    issued = diplomas_issue_for_edition(edition=world.edition, issued_by=world.users["hr"])

    assert [d.participant for d in issued] == [world.participant]
    diploma = issued[0]
    assert diploma.recipient_name == "Pia Deltagare"
    assert diploma.programme_name == "Sveriges viktigaste chefsjobb"
    assert diploma.edition_name == "Omgång 2026"
    assert diploma.organisation_name == "Värdkommun"
    assert diploma.modules == [{"name": "Del av en helhet", "days": "1"}]
    assert diploma.signatories == [
        {"name": "Karin Ek", "title": "Kommundirektör"},
        {"name": "Jonas Holm", "title": "HR-direktör"},
    ]
    assert diploma.issued_by == world.users["hr"]
    assert len(diploma.code) == 12 and set(diploma.code) <= set(CODE_ALPHABET)


def test_issuing_again_does_nothing(world: World) -> None:
    first = issued_diploma(world)

    again = diplomas_issue_for_edition(edition=world.edition, issued_by=None)
    single, created = diploma_issue(participant=world.participant, issued_by=None)

    assert again == []
    assert (single, created) == (first, False)
    assert Diploma.objects.count() == 1


def test_codes_are_unique_and_random(world: World) -> None:
    host_settings(world)
    complete(world.participant, world.partner_participant)
    a, b = diplomas_issue_for_edition(edition=world.edition, issued_by=None)
    assert a.code != b.code


def test_a_participant_who_has_not_completed_gets_no_diploma(world: World) -> None:
    host_settings(world)
    with pytest.raises(ValidationError, match="has not completed"):
        diploma_issue(participant=world.participant, issued_by=None)
    assert not Diploma.objects.exists()


def test_issuing_without_signatories_is_refused_and_writes_nothing(world: World) -> None:
    complete(world.participant, world.partner_participant)
    with pytest.raises(ValidationError, match="no signatories"):
        diplomas_issue_for_edition(edition=world.edition, issued_by=None)
    assert not Diploma.objects.exists()


def test_revoking_needs_a_reason_and_records_who_and_when(world: World) -> None:
    diploma = issued_diploma(world)
    with pytest.raises(ValidationError):
        diploma_revoke(diploma=diploma, reason="  ", revoked_by=world.users["coordinator"])
    diploma.refresh_from_db()
    assert diploma.is_valid

    diploma_revoke(
        diploma=diploma, reason="Fel namn på diplomet", revoked_by=world.users["coordinator"]
    )

    diploma.refresh_from_db()
    assert not diploma.is_valid
    assert diploma.revoke_reason == "Fel namn på diplomet"
    assert diploma.revoked_by == world.users["coordinator"]
    assert diploma.revoked_at is not None
    with pytest.raises(ValidationError, match="already been revoked"):
        diploma_revoke(diploma=diploma, reason="igen", revoked_by=None)


def test_reissuing_gives_a_new_code_and_the_old_diploma_stays_revoked(world: World) -> None:
    old = issued_diploma(world)
    with pytest.raises(ValidationError, match="Revoke the diploma before"):
        diploma_reissue(diploma=old, issued_by=None)
    world.participant.person.last_name = "Deltagare-Berg"
    world.participant.person.save()
    diploma_revoke(diploma=old, reason="Namnbyte", revoked_by=None)

    new = diploma_reissue(diploma=old, issued_by=world.users["coordinator"])

    old.refresh_from_db()
    assert new.code != old.code
    assert new.replaces == old and new.is_valid and not old.is_valid
    assert new.recipient_name == "Pia Deltagare-Berg"
    assert old.recipient_name == "Pia Deltagare"
    with pytest.raises(ValidationError, match="already been reissued"):
        diploma_reissue(diploma=old, issued_by=None)
    # Issuing for everyone now leaves the reissued diploma alone.
    assert diplomas_issue_for_edition(edition=world.edition, issued_by=None) == []


def test_the_database_allows_one_valid_diploma_per_participant(world: World) -> None:
    diploma = issued_diploma(world)
    with pytest.raises(IntegrityError), transaction.atomic():
        Diploma.objects.create(
            participant=world.participant,
            code="ABCDEFGHJKMN",
            recipient_name="x",
            organisation_name="x",
            programme_name="x",
            edition_name="x",
            start_date=diploma.start_date,
            end_date=diploma.end_date,
            issued_at=diploma.issued_at,
        )


def test_verify_shows_name_programme_and_date_for_a_valid_code(world: World) -> None:
    diploma = issued_diploma(world)
    result = diploma_verify(code=diploma.display_code.lower())
    assert result.status == "valid"
    assert result.recipient_name == "Pia Deltagare"
    assert result.programme_name == "Sveriges viktigaste chefsjobb"
    assert result.issued_on is not None


def test_verify_of_a_revoked_or_unknown_code_shows_nothing_else(world: World) -> None:
    diploma = issued_diploma(world)
    diploma_revoke(diploma=diploma, reason="Felaktigt utfärdat", revoked_by=None)
    revoked = diploma_verify(code=diploma.code)
    unknown = diploma_verify(code="0000-0000-0000")
    garbage = diploma_verify(code="<script>")
    assert revoked.status == "revoked"
    assert unknown.status == "unknown" and garbage.status == "unknown"
    for result in (revoked, unknown, garbage):
        assert result.recipient_name == result.programme_name == result.edition_name == ""
        assert result.issued_on is None


def test_typed_codes_are_forgiving_about_case_dashes_and_look_alikes() -> None:
    assert normalise_code(" 7k2m-9qxb 4tno ") == "7K2M9QXB4TN0"
    assert normalise_code("IL") == "11"


def test_an_edition_without_modules_lists_its_sessions_on_the_diploma(world: World) -> None:
    world.module.delete()
    for day in (1, 2, 3):  # a session is one day: a three-day trip is three sessions
        Session.objects.create(
            edition=world.edition,
            title="Studieresa",
            kind=Session.Kind.STUDY_TRIP,
            date=dt.date(2027, 3, day),
            start_time=dt.time(8),
            end_time=dt.time(17),
        )
    diploma = issued_diploma(world)
    # The group's session, the study trip; the ceremony is not content.
    assert diploma.modules == [
        {"name": "Del av en helhet, dag 1", "days": "1"},
        {"name": "Studieresa", "days": "3"},
    ]


def test_issuing_with_a_site_address_emails_the_participant_in_swedish(
    world: World, django_capture_on_commit_callbacks: Any
) -> None:
    host_settings(world)
    complete(world.participant)
    with django_capture_on_commit_callbacks(execute=True):
        [diploma] = diplomas_issue_for_edition(
            edition=world.edition, issued_by=None, site_url="https://plantskola.example/"
        )
    email = OutgoingEmail.objects.get(template_key="diploma_issued")
    assert email.to == "pia.deltagare@host.example"
    assert "https://plantskola.example/diplom/verifiera/" in email.body
    assert diploma.display_code in email.body
    assert "Grattis" in email.body
    assert len(django_mail.outbox) == 1


def test_settings_keep_one_to_three_signatories_and_the_logo(world: World) -> None:
    saved = diploma_settings_save(
        organisation=world.host,
        signatories=[("Karin Ek", "Kommundirektör")],
        extra_text=" Grattis! ",
        logo=(b"\x89PNG...", "image/png"),
        remove_logo=False,
        updated_by=world.users["hr"],
    )
    assert saved.signatories == [("Karin Ek", "Kommundirektör")]
    assert saved.extra_text == "Grattis!"
    saved = diploma_settings_save(
        organisation=world.host,
        signatories=[("Karin Ek", "Kommundirektör"), ("Jonas Holm", "HR-direktör")],
        extra_text="",
        logo=None,
        remove_logo=False,
        updated_by=None,
    )
    assert bytes(saved.logo or b"") == b"\x89PNG..."
    with pytest.raises(ValidationError):
        diploma_settings_save(
            organisation=world.host,
            signatories=[],
            extra_text="",
            logo=None,
            remove_logo=True,
            updated_by=None,
        )
    assert DiplomaSettings.objects.get().signatories[1] == ("Jonas Holm", "HR-direktör")
