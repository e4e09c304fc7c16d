"""Demo job shadowing: Alingsås' "Framtidens ledare 2023/2024" shadowing round, matched by the
engine and confirmed in January 2024, with dates agreed for most pairs, two accepted pairs
that never agreed dates, and one request the host never answered: it expired in 2024 (its
link, DEMO_SHADOWING_TOKEN, shows that), and its host has the login `vard-alingsas`. Nothing
from 2024 is answerable today.
Idempotent; no e-mail is sent while loading."""

from __future__ import annotations

import datetime as dt
import random
import secrets

from django.db import transaction

from plantskola.core.models import Person
from plantskola.demo.loader import demo_login
from plantskola.development.models import ShadowingHost, ShadowingMatch, ShadowingRound
from plantskola.development.shadowing import selectors as shadowing_selectors
from plantskola.development.shadowing import services as shadowing
from plantskola.programmes.calendar.ics import TZ
from plantskola.programmes.models import Edition, Participant

DEMO_SHADOWING_TOKEN = "demo-skuggning-alingsas"  # noqa: S105 - published demo link
ROUND_NAME = "Gå bredvid en chef, februari 2024"
PERIOD = (dt.date(2024, 2, 5), dt.date(2024, 2, 23))
HOSTS_PER_ADMINISTRATION = 2
LOGINS = [
    (
        "vard-alingsas",
        "Chef i Alingsås kommun och värd i Framtidens ledare: en förfrågan om skuggning från 2024 "
        "som gick ut obesvarad, under Min skuggning",
    ),
]


def load() -> None:
    edition = Edition.objects.filter(
        programme__organisation__slug="alingsas",
        programme__name="Framtidens ledare",
        name="Framtidens ledare 2023/2024",
    ).first()
    if edition is None or ShadowingRound.objects.filter(edition=edition, name=ROUND_NAME).exists():
        return
    with transaction.atomic():
        _load(edition)


def _load(edition: Edition) -> None:
    rng = random.Random(2024)  # noqa: S311 - demo data, not security
    round = shadowing.round_create(
        edition=edition, name=ROUND_NAME, period_start=PERIOD[0], period_end=PERIOD[1]
    )
    participants = list(shadowing_selectors.round_participants(round))
    taken = {p.person_id for p in participants}
    managers = [
        m
        for m in shadowing_selectors.hosts_eligible(edition).order_by("employee_number")
        if m.pk not in taken and m.user_id is None
    ]
    admins = shadowing_selectors.administration_of(managers)
    per_admin: dict[int, list[Person]] = {}
    for m in managers:
        unit = admins[m.pk]
        if unit is not None:
            per_admin.setdefault(unit.pk, []).append(m)
    for i, people in enumerate(per_admin.values()):
        for person in people[:HOSTS_PER_ADMINISTRATION]:
            ShadowingHost.objects.create(round=round, person=person, capacity=1 + (i % 2))
    for participant in participants:
        allowed = shadowing_selectors.allowed_hosts(round, participant)
        wishes = rng.sample(allowed, k=min(3, len(allowed)))
        shadowing.preferences_set(round=round, participant=participant, hosts=wishes)
    shadowing.round_match(round=round)
    round.refresh_from_db()
    pairs = shadowing_selectors.proposal_pairs(round)
    by_pk = {p.pk: p for p in participants}
    day = PERIOD[0]
    # The round was confirmed three weeks before its period; the hosts answered within days.
    requested_at = dt.datetime.combine(PERIOD[0] - dt.timedelta(days=21), dt.time(9), tzinfo=TZ)
    answered_at = requested_at + dt.timedelta(days=3)
    for i, pair in enumerate(pairs):
        member: Participant = by_pk[pair.participant.pk]
        token = DEMO_SHADOWING_TOKEN if i == 0 else secrets.token_urlsafe(32)
        match = ShadowingMatch(
            round=round,
            participant=member,
            host=pair.host,
            token_hash=shadowing_selectors.hash_token(token),
            expires_on=requested_at.date() + dt.timedelta(days=shadowing.REQUEST_DAYS),
        )
        if i == 0:
            match.status = ShadowingMatch.Status.REQUESTED
        elif i <= 2:
            match.status = ShadowingMatch.Status.ACCEPTED
            match.answered_at = answered_at
        else:
            while day.weekday() >= 5:
                day += dt.timedelta(days=1)
            match.status = ShadowingMatch.Status.SCHEDULED
            match.answered_at = answered_at
            match.starts_at = dt.datetime.combine(day, dt.time(8, 0), tzinfo=TZ)
            match.ends_at = dt.datetime.combine(day, dt.time(16, 30), tzinfo=TZ)
            unit = pair.host.person.unit
            match.place = f"{unit.name if unit else 'Stadshuset'}, Alingsås"
            day += dt.timedelta(days=1)
            if day > PERIOD[1]:
                day = PERIOD[0]
        match.save()
        if i == 0:
            _host_login(pair.host.person)
    ShadowingMatch.objects.filter(round=round).update(requested_at=requested_at)  # auto_now_add
    round.status = ShadowingRound.Status.CONFIRMED
    round.confirmed_at = requested_at
    round.save(update_fields=["status", "confirmed_at"])


def _host_login(person: Person) -> None:
    """`vard-alingsas`: the host with the pending request (shares the demo password)."""
    demo_login("vard-alingsas", person)
