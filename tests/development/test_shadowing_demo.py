"""The demo's Alingsås shadowing round: loads on top of the demo, twice without duplicates."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

from plantskola.core.models import User
from plantskola.demo import shadowing as demo_shadowing
from plantskola.demo.loader import demo_load
from plantskola.development.shadowing.models import ShadowingMatch, ShadowingRound
from plantskola.development.shadowing.selectors import administration_of, match_for_token
from tests.conftest import mark_two_factor_verified

pytestmark = pytest.mark.django_db


def test_the_alingsas_round_has_matched_accepted_and_pending_pairs() -> None:
    demo_load()
    demo_shadowing.load()
    demo_shadowing.load()
    round = ShadowingRound.objects.get(name=demo_shadowing.ROUND_NAME)
    assert round.edition.programme.name == "Framtidens ledare"
    assert round.status == ShadowingRound.Status.CONFIRMED
    matches = list(ShadowingMatch.objects.filter(round=round).select_related("host__person"))
    assert len(matches) == round.edition.participants.count() == 15
    statuses = [m.status for m in matches]
    assert statuses.count("requested") == 1
    assert statuses.count("accepted") == 2
    assert statuses.count("scheduled") == 12
    # The engine's proof: the stored proposal is optimal, and nobody is with their own
    # administration.
    assert round.proposal["objective"] == round.proposal["bound"]
    people = [m.participant.person for m in matches] + [m.host.person for m in matches]
    admins = administration_of(people)
    for m in matches:
        assert admins[m.participant.person_id] != admins[m.host.person_id]
    # The 2024 request the host never answered has expired: its link answers nothing now.
    assert match_for_token(demo_shadowing.DEMO_SHADOWING_TOKEN) is None
    pending = next(m for m in matches if m.status == "requested")
    host_user = pending.host.person.user
    assert host_user is not None and host_user.username == "vard-alingsas"
    # The demo logins: the coordinator runs the round, the host sees the request to answer.
    coordinator = Client()
    coordinator.force_login(User.objects.get(username="koordinator-alingsas"))
    mark_two_factor_verified(coordinator)
    page = coordinator.get(reverse("development:shadowing_round_detail", args=[round.pk]))
    assert page.status_code == 200
    assert pending.participant.person.full_name in page.content.decode()
    host = Client()
    host.force_login(User.objects.get(username="vard-alingsas"))
    mine = host.get(reverse("development:my_shadowing")).content.decode()
    assert pending.participant.person.full_name in mine
    assert reverse("development:shadowing_respond", args=[pending.pk]) not in mine
