"""Authorization-matrix rows for job shadowing, and the factories its tests share.

The World's manager (Maria Chef, Socialförvaltningen) is a host manager in the round, with
two more hosts from other administrations; the World's participant (Pia, Socialförvaltningen)
and the partner's participant (Per, the partner organisation) take part.
"""

from __future__ import annotations

import datetime as dt

from plantskola.core.models import Person
from plantskola.core.services import unit_create
from plantskola.development.shadowing.models import ShadowingHost, ShadowingMatch, ShadowingRound
from tests.authz import CHANGE_EDITION, VIEW_EDITION, Row, no_args, roles
from tests.conftest import World

PERIOD = (dt.date(2027, 2, 1), dt.date(2027, 2, 28))


def make_manager(w: World, code: str, admin_name: str, first: str, last: str) -> Person:
    """A manager heading an administration of the host organisation (created once)."""
    found = Person.objects.filter(organisation=w.host, employee_number=f"M-{code}").first()
    if found is not None:
        return found
    unit = unit_create(organisation=w.host, code=code, name=admin_name, kind="administration")
    return Person.objects.create(
        organisation=w.host,
        employee_number=f"M-{code}",
        first_name=first,
        last_name=last,
        email=f"{first.lower()}.{last.lower()}@host.example",
        unit=unit,
        is_manager=True,
        title="Enhetschef",
    )


def make_round(w: World) -> ShadowingRound:
    """An open round with three hosts of capacity 1: Maria (SOC), Tor (TEK), Ulla (UTB)."""
    found = ShadowingRound.objects.filter(edition=w.edition, name="Skuggning 2027").first()
    if found is not None:
        return found
    round = ShadowingRound.objects.create(
        edition=w.edition, name="Skuggning 2027", period_start=PERIOD[0], period_end=PERIOD[1]
    )
    tor = make_manager(w, "TEK", "Tekniska förvaltningen", "Tor", "Teknik")
    ulla = make_manager(w, "UTB", "Utbildningsförvaltningen", "Ulla", "Utbildning")
    for person in (w.manager_person, tor, ulla):
        ShadowingHost.objects.create(round=round, person=person, capacity=1)
    return round


def host(w: World, person: Person | None = None) -> ShadowingHost:
    return ShadowingHost.objects.get(round=make_round(w), person=person or w.manager_person)


def make_match(w: World) -> ShadowingMatch:
    """Maria hosts the partner's participant Per; accepted, dates to agree."""
    round = make_round(w)
    found = ShadowingMatch.objects.filter(round=round, participant=w.partner_participant).first()
    if found is not None:
        return found
    return ShadowingMatch.objects.create(
        round=round,
        participant=w.partner_participant,
        host=host(w),
        status=ShadowingMatch.Status.ACCEPTED,
        token_hash="authz-" + "0" * 58,
        expires_on=dt.date(2030, 1, 1),
    )


# Whoever runs the edition; a participant, a host and partner staff see the round but may not
# run it; the course leader and steering group see nothing of it.
RUN = roles(404, admin=200, hr=200, coordinator=200, participant=403, manager=403, partner=403)
RUN_POST = {**RUN, "admin": 302, "hr": 302, "coordinator": 302}

ROWS: list[Row] = [
    Row("development:shadowing_round_list", lambda w: [w.edition.pk], VIEW_EDITION),
    Row("development:shadowing_round_create", lambda w: [w.edition.pk], CHANGE_EDITION),
    Row(
        "development:shadowing_round_detail",
        lambda w: [make_round(w).pk],
        roles(200, leader=404, steering=404, outsider=404),
    ),
    Row("development:shadowing_round_update", lambda w: [make_round(w).pk], RUN),
    Row("development:shadowing_host_add", lambda w: [make_round(w).pk], RUN),
    Row("development:shadowing_host_update", lambda w: [host(w).pk], RUN),
    # Own preferences, or the coordinator's entry; partner staff see their own people only.
    Row(
        "development:shadowing_preferences",
        lambda w: [make_round(w).pk, w.participant.pk],
        roles(404, admin=200, hr=200, coordinator=200, participant=200),
    ),
    Row(
        "development:shadowing_preferences",
        lambda w: [make_round(w).pk, w.partner_participant.pk],
        roles(404, admin=200, hr=200, coordinator=200, partner=403),
    ),
    Row("development:shadowing_match_run", lambda w: [make_round(w).pk], RUN_POST, method="post"),
    Row("development:shadowing_confirm", lambda w: [make_round(w).pk], RUN_POST, method="post"),
    Row(
        "development:shadowing_rematch",
        lambda w: [make_round(w).pk, w.participant.pk],
        RUN_POST,
        method="post",
    ),
    # An unknown, expired or used link is a 404 page for everyone, logged in or not.
    Row("development:shadowing_answer", lambda w: ["not-a-valid-token"], roles(404, anonymous=404)),
    # Only the host answers; those running the edition and the partner see the match.
    Row(
        "development:shadowing_respond",
        lambda w: [make_match(w).pk],
        roles(404, admin=403, hr=403, coordinator=403, manager=302, partner=403),
        method="post",
        data={"accept": "1"},
    ),
    Row(
        "development:shadowing_schedule",
        lambda w: [make_match(w).pk],
        roles(404, admin=200, hr=200, coordinator=200, manager=200, partner=403),
    ),
    Row("development:my_shadowing", no_args, roles(200)),
]
