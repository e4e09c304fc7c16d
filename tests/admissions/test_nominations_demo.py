"""The demo's nominations (issue 19): two in Kungsbacka (one accepted, by `chef-kungsbacka`,
with the application's reference given; one declined), people left for `chef-kungsbacka` to
nominate, and a nomination beside the applications of Uppsala's Ledarlabbet 2027."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from django.db import transaction
from django.test import Client
from django.urls import reverse
from pytest_django import DjangoDbBlocker

from plantskola.access.admissions import call_nominations_for_user, nomination_candidates_for_user
from plantskola.admissions.models import Call, Nomination, Reference
from plantskola.core.models import User
from plantskola.demo.loader import demo_load
from tests.conftest import mark_two_factor_verified

pytestmark = pytest.mark.django_db


@pytest.fixture(scope="module")
def demo(django_db_setup: None, django_db_blocker: DjangoDbBlocker) -> Iterator[None]:
    with django_db_blocker.unblock(), transaction.atomic():
        demo_load()
        yield
        transaction.set_rollback(True)


def test_kungsbacka_has_an_accepted_and_a_declined_nomination(demo: None) -> None:
    chef = User.objects.get(username="chef-kungsbacka")
    made = Nomination.objects.filter(call__edition__programme__organisation__slug="kungsbacka")
    assert sorted(made.values_list("status", flat=True)) == ["accepted", "declined"]
    accepted = made.get(status="accepted")
    assert accepted.nominated_by_user == chef
    assert accepted.application is not None
    reference = Reference.objects.get(application=accepted.application)
    assert reference.status == Reference.Status.GIVEN and reference.ratings.exists()
    # The coordinator sees only the accepted one.
    coordinator = User.objects.get(username="koordinator-kungsbacka")
    assert list(call_nominations_for_user(coordinator, accepted.call)) == [accepted]
    # chef-kungsbacka can nominate more of their people, from their start page.
    assert nomination_candidates_for_user(chef).exclude(nominations__call=accepted.call).exists()
    client = Client()
    client.force_login(chef)
    mark_two_factor_verified(client)
    home = client.get("/").content.decode()
    assert reverse("admissions:nomination_home") in home
    page = client.get(reverse("admissions:nomination_home"))
    assert accepted.call in page.context["calls"]


def test_uppsalas_ledarlabbet_shows_a_nomination_beside_the_applications(demo: None) -> None:
    call = Call.objects.get(edition__name="Ledarlabbet 2027")
    coordinator = User.objects.get(username="koordinator-uppsala")
    assert call_nominations_for_user(coordinator, call).count() == 1


def test_loading_again_adds_no_nomination(demo: None) -> None:
    before = Nomination.objects.count()
    demo_load()
    assert Nomination.objects.count() == before
