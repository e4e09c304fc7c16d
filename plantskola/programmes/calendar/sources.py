"""Extra sources of a person's calendar feed.

Apps above programmes (events: the leadership days and cafés a person is registered for) add
their calendar events to the personal feed by registering a source from their
`AppConfig.ready`, since programmes may not import them."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Iterator

import icalendar

from plantskola.core.models import Person

# A source gives the feed's events of one person: (person, base_url, stamp) → VEVENTs.
FeedSource = Callable[[Person, str, dt.datetime], Iterable[icalendar.Event]]

_SOURCES: list[FeedSource] = []


def register_feed_source(source: FeedSource) -> None:
    """Add `source` to every personal feed (once, however often `ready()` runs)."""
    if source not in _SOURCES:
        _SOURCES.append(source)


def extra_feed_events(
    *, person: Person, base_url: str, stamp: dt.datetime
) -> Iterator[icalendar.Event]:
    for source in _SOURCES:
        yield from source(person, base_url, stamp)
