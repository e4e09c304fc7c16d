"""Authorization rows for talent nominations and the talent pool (admissions/nominations)."""

from __future__ import annotations

from typing import Any

from plantskola.admissions.models import Nomination
from tests.admissions.factories import make_call, person_of
from tests.authz import Row, no_args, roles
from tests.conftest import World


def nomination_of_participant(w: World) -> list[Any]:
    """A nomination of the participant (Pia, of the manager's unit) by the manager."""
    made, _ = Nomination.objects.get_or_create(
        call=make_call(w),
        nominee=person_of(w, "participant"),
        defaults={"nominated_by": w.manager_person, "motivation": "Ser helheten."},
    )
    return [made.pk]


ROWS: list[Row] = [
    # Managers and HR administrators nominate (the outsider and the partner are HR of theirs).
    Row(
        "admissions:nomination_home",
        no_args,
        roles(404, admin=200, hr=200, manager=200, partner=200, outsider=200),
    ),
    # A call open to the host and the partner: their nominators list their people for it.
    Row(
        "admissions:nomination_candidates",
        lambda w: [make_call(w).pk],
        roles(404, admin=200, hr=200, manager=200, partner=200),
    ),
    # The employee of the manager's unit: the manager and the host's HR; anyone else 404.
    Row(
        "admissions:nomination_create",
        lambda w: [make_call(w).pk, w.employee.pk],
        roles(404, admin=200, hr=200, manager=200),
    ),
    Row("admissions:own_nominations", no_args, roles(200)),
    # Only the nominee reads and answers their nomination (not the nominator, not HR).
    Row("admissions:own_nomination", nomination_of_participant, roles(404, participant=200)),
    # The call's coordinators; partner staff list applications only (403).
    Row(
        "admissions:call_nominations",
        lambda w: [make_call(w).pk],
        roles(404, admin=200, hr=200, coordinator=200, partner=403),
    ),
    Row("admissions:talent_pool", lambda w: [w.host.slug], roles(404, admin=200, hr=200)),
    # Everyone with a person in the roster has their own page (the superuser and the outsider
    # in this world have none).
    Row("admissions:my_talent", no_args, roles(200, admin=404, outsider=404)),
]
