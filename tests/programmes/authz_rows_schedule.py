"""Authorization rows for schedules, calendar feeds and completion (programmes/schedule,
calendar, completion)."""

from __future__ import annotations

from plantskola.programmes.calendar.services import feed_regenerate
from tests.authz import CHANGE_EDITION, Row, no_args, roles
from tests.conftest import World


def feed_token(w: World) -> list[str]:
    """A valid token: the feed answers everyone who has it, anonymous calendar clients too."""
    return [feed_regenerate(person=w.participant.person)]


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
    # Making the address shows it at once (it is shown only then); without a person in the
    # roster (the admin, the outsider) there is none, and the page says why.
    Row(
        "programmes:my_calendar_reset",
        no_args,
        roles(200, admin=302, outsider=302),
        method="post",
    ),
    Row("programmes:calendar_feed", feed_token, roles(200, anonymous=200)),
]

# The exception that allows completion before the last session (no reason: refused, 302 back).
ROWS.append(
    Row(
        "programmes:edition_completion_exception",
        lambda w: [w.edition.pk],
        {**CHANGE_EDITION, "admin": 302, "hr": 302, "coordinator": 302},
        method="post",
    )
)
