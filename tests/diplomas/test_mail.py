"""The participant is told when a diploma is issued: a Swedish e-mail with a link to "Mina
diplom", queued once the diploma is committed, one task per diploma when a whole edition is
issued, and none for a diploma revoked before its task ran."""

from __future__ import annotations

from typing import Any

from django.core import mail as django_mail
from django.urls import reverse

from plantskola.core.models import OutgoingEmail, Person
from plantskola.diplomas import tasks
from plantskola.diplomas.models import Diploma
from plantskola.diplomas.services import (
    diploma_issue,
    diploma_reissue,
    diploma_revoke,
    diplomas_issue_for_edition,
)
from plantskola.programmes.models import Participant
from tests.conftest import World
from tests.diplomas.helpers import complete, host_settings
from tests.html import main_region

SITE = "https://plantskola.example/"


def _more_completed(w: World, count: int) -> list[Participant]:
    people = [
        Person.objects.create(
            organisation=w.host,
            employee_number=f"D{i:03d}",
            first_name=f"Diplom{i}",
            last_name="Tagare",
            email=f"diplom{i}@host.example",
        )
        for i in range(count)
    ]
    return [
        Participant.objects.create(edition=w.edition, person=p, status="completed") for p in people
    ]


def test_nothing_is_queued_before_the_diploma_is_committed(
    world: World, django_capture_on_commit_callbacks: Any
) -> None:
    host_settings(world)
    complete(world.participant)
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        diploma_issue(participant=world.participant, issued_by=None, site_url=SITE)
    assert not OutgoingEmail.objects.exists() and len(callbacks) == 1


def test_the_email_is_swedish_and_links_to_my_diplomas(
    world: World, django_capture_on_commit_callbacks: Any
) -> None:
    host_settings(world)
    complete(world.participant)
    with django_capture_on_commit_callbacks(execute=True):
        diploma, _created = diploma_issue(
            participant=world.participant, issued_by=None, site_url=SITE
        )
    email = OutgoingEmail.objects.get(template_key="diploma_issued")
    assert email.to == "pia.deltagare@host.example"
    assert email.subject == "Ditt diplom från Sveriges viktigaste chefsjobb"
    assert "Mina diplom" in email.body
    assert SITE.rstrip("/") + reverse("diplomas:my_diplomas") in email.body
    assert diploma.display_code in email.body
    assert [m.to for m in django_mail.outbox] == [["pia.deltagare@host.example"]]


def test_issuing_for_an_edition_queues_one_task_and_one_email_per_diploma(
    world: World, django_capture_on_commit_callbacks: Any
) -> None:
    host_settings(world)
    complete(world.participant)
    others = _more_completed(world, 3)
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        issued = diplomas_issue_for_edition(edition=world.edition, issued_by=None, site_url=SITE)
    assert len(issued) == 4 and len(callbacks) == 4
    assert not OutgoingEmail.objects.exists()  # nothing sent from inside the request
    for callback in callbacks:
        callback()
    emails = OutgoingEmail.objects.filter(template_key="diploma_issued")
    assert sorted(e.to for e in emails) == sorted(
        ["pia.deltagare@host.example", *(p.person.email for p in others)]
    )


def test_a_diploma_revoked_before_its_task_runs_is_not_announced(
    world: World, django_capture_on_commit_callbacks: Any
) -> None:
    host_settings(world)
    complete(world.participant)
    diploma, _created = diploma_issue(participant=world.participant, issued_by=None)
    diploma_revoke(diploma=diploma, reason="Fel omgång", revoked_by=None)
    tasks.diploma_issued_notify.call(diploma.pk, SITE)
    assert not OutgoingEmail.objects.exists()


def test_revoking_sends_nothing_and_reissuing_announces_the_new_diploma(
    world: World, django_capture_on_commit_callbacks: Any
) -> None:
    host_settings(world)
    complete(world.participant)
    diploma, _created = diploma_issue(participant=world.participant, issued_by=None)
    with django_capture_on_commit_callbacks(execute=True):
        diploma_revoke(diploma=diploma, reason="Namnet var felstavat", revoked_by=None)
    assert not OutgoingEmail.objects.exists()
    with django_capture_on_commit_callbacks(execute=True):
        new = diploma_reissue(diploma=diploma, issued_by=None, site_url=SITE)
    email = OutgoingEmail.objects.get()
    assert new.display_code in email.body and diploma.display_code not in email.body
    assert Diploma.objects.valid().get() == new


def test_the_diploma_list_names_who_revoked_not_their_username(world: World) -> None:
    host_settings(world)
    complete(world.participant)
    diploma, _created = diploma_issue(participant=world.participant, issued_by=None)
    coordinator = world.user("coordinator")
    diploma_revoke(diploma=diploma, reason="Fel omgång", revoked_by=coordinator)
    page = world.client_for("coordinator").get(
        reverse("diplomas:diploma_list", args=[world.edition.pk])
    )
    html = main_region(page.content.decode())  # the header names the logged-in user
    assert "Kim Koordinator" in html
    assert coordinator.get_username() not in html


def test_issuing_for_an_edition_is_confirmed_with_the_count_first(world: World) -> None:
    host_settings(world)
    complete(world.participant)
    others = _more_completed(world, 2)
    Person.objects.filter(pk=others[1].person_id).update(email="")
    client = world.client_for("coordinator")
    url = reverse("diplomas:diploma_issue_all", args=[world.edition.pk])
    listing = client.get(reverse("diplomas:diploma_list", args=[world.edition.pk]))
    assert f'href="{url}"' in listing.content.decode()
    page = client.get(url)
    html = main_region(page.content.decode())
    assert page.status_code == 200
    assert "Pia Deltagare" in html and others[0].person.full_name in html
    assert 'id="issue-count">3 ' in html
    assert not Diploma.objects.exists() and not OutgoingEmail.objects.exists()
    client.post(url)
    assert Diploma.objects.valid().count() == 3
    # Once everyone has one, there is nothing to confirm.
    assert client.get(url).status_code == 302
