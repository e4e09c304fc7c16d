"""Authorization rows for schedules, calendar feeds and completion (programmes/schedule,
calendar, completion)."""

from __future__ import annotations

from plantskola.programmes.calendar.services import feed_get_or_create
from tests.authz import CHANGE_EDITION, Row, no_args, roles
from tests.conftest import World


def feed_token(w: World) -> list[str]:
    """A valid token: the feed answers everyone who has it, anonymous calendar clients too."""
    return [feed_get_or_create(person=w.participant.person).token]


ROWS: list[Row] = [
    Row("programmes:module_schedule", lambda w: [w.edition.pk], CHANGE_EDITION),
    # Coordinators act; course leaders and the steering group read; partner staff read their
    # own people's rows (as on the participant list); a participant may not.
    Row(
        "programmes:edition_completion",
        lambda w: [w.edition.pk],
        roles(200, participant=403, manager=404, outsider=404),
    ),
    Row(
        "programmes:edition_completion_mark",
        lambda w: [w.edition.pk],
        {**CHANGE_EDITION, "admin": 302, "hr": 302, "coordinator": 302},
        method="post",
    ),
    Row("programmes:my_calendar", no_args, roles(200)),
    Row("programmes:my_calendar_reset", no_args, roles(302), method="post"),
    Row("programmes:calendar_feed", feed_token, roles(200, anonymous=200)),
]
