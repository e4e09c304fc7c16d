"""Wording and display defects found walking the app (issue 14): each stays fixed."""

from __future__ import annotations

import re
from typing import Any

from django.core import mail
from django.utils import translation

from plantskola.admissions.forms import CallForm
from plantskola.admissions.models import Call
from plantskola.core import charts
from plantskola.core.models import Person
from plantskola.development.shadowing import services as shadowing
from plantskola.development.shadowing.models import ShadowingMatch, ShadowingPreference
from plantskola.evaluations.models import Survey
from plantskola.events.forms import EventForm
from plantskola.events.models import Event
from plantskola.programmes.forms import SessionForm
from plantskola.programmes.models import Session
from tests.conftest import World
from tests.development.test_shadowing import confirmed, prepared


def test_session_event_and_call_titles_are_headings_not_job_titles(world: World) -> None:
    with translation.override("sv"):
        session = SessionForm(edition=world.edition)
        event = EventForm(user=world.user("coordinator"))
        call = CallForm(edition=world.edition, call=None)
        assert str(session.fields["title"].label) == "Rubrik"
        assert str(event.fields["title"].label) == "Rubrik"
        assert str(call.fields["title"].label) == "Rubrik"
        # The models say so too (the admin, the audit log): a heading; a person's title is
        # still their job title.
        for model in (Session, Event, Call, Survey):
            assert str(model._meta.get_field("title").verbose_name) == "rubrik", model
        assert str(Person._meta.get_field("title").verbose_name) == "befattning"


def _tick_labels(svg: str) -> list[str]:
    return re.findall(r">([\-−]?\d+(?:[.,]\d+)?)<", svg)


def test_an_empty_chart_has_its_axis_from_zero_with_swedish_decimals() -> None:
    svg = charts.bar_chart(
        ["Fråga 1", "Fråga 2"], [None, None], title="Tom", description="Tom", chart_id="empty"
    )
    ticks = _tick_labels(svg)
    assert ticks and ticks[0] == "0"
    assert not any(t.startswith(("-", "−")) for t in ticks)
    assert not any("." in t for t in ticks)
    assert ticks[-1] == "1"  # 0 to 1, not Matplotlib's ±0,05 around nothing


def test_chart_ticks_use_the_decimal_comma() -> None:
    svg = charts.line_chart(
        ["2025", "2026"],
        {"Andel": [0.25, 0.5]},
        title="Snitt",
        description="Snitt",
        chart_id="line",
    )
    ticks = _tick_labels(svg)
    assert any("," in t for t in ticks)
    assert not any("." in t for t in ticks)


def test_one_person_is_one_person_in_the_roster_confirmation() -> None:
    with translation.override("sv"):
        one = translation.ngettext(
            "Yes, %(left)s person has left", "Yes, %(left)s people have left", 1
        )
        many = translation.ngettext(
            "Yes, %(left)s person has left", "Yes, %(left)s people have left", 3
        )
    assert one % {"left": 1} == "Ja, 1 person har slutat"
    assert many % {"left": 3} == "Ja, 3 personer har slutat"


def test_gender_other_is_annat_as_in_the_roster() -> None:
    with translation.override("sv"):
        assert str(Person.Gender.OTHER.label) == "Annat"


def test_a_host_matched_without_being_wished_is_told_the_coordinator_matched_them(
    world: World, django_capture_on_commit_callbacks: Any
) -> None:
    round, *_hosts = prepared(world)
    # Nobody wishes for anyone: the engine's proposal is the coordinator's choice.
    ShadowingPreference.objects.filter(round=round).delete()
    shadowing.round_match(round=round)
    with django_capture_on_commit_callbacks(execute=True):
        shadowing.round_confirm(round=round)
    assert ShadowingMatch.objects.filter(round=round).exists()
    bodies = [m.body for m in mail.outbox]
    assert bodies and all("Koordinatorn har matchat" in b for b in bodies)
    assert not any("har önskat" in b for b in bodies)


def test_a_host_the_participant_wished_for_is_told_so(
    world: World, django_capture_on_commit_callbacks: Any
) -> None:
    confirmed(world, django_capture_on_commit_callbacks)  # Pia wished for Tor, Per for Ulla
    to_tor = next(m for m in mail.outbox if m.to == ["tor.teknik@host.example"])
    assert "Pia Deltagare har önskat att få gå bredvid dig" in to_tor.body
