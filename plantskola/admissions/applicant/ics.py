"""The applicant's interview as a plain calendar event (METHOD:PUBLISH: a file to add to one's
own calendar, not an invitation to answer; the invitations are the interviews' own)."""

from __future__ import annotations

import datetime as dt

from django.utils import timezone
from icalendar import Event

from plantskola.admissions.models import Interview
from plantskola.programmes.calendar.ics import TZ, calendar_bytes, new_calendar


def interview_ics(interview: Interview) -> str:
    call = interview.application.call
    calendar = new_calendar(method="PUBLISH")
    event = Event()
    event.add("uid", interview.uid)
    event.add("sequence", interview.sequence)
    event.add("dtstamp", timezone.now().astimezone(dt.UTC))
    event.add("dtstart", timezone.localtime(interview.starts_at, TZ))
    event.add("dtend", timezone.localtime(interview.ends_at, TZ))
    event.add("summary", f"Intervju – {call.title}")
    event.add("location", interview.place)
    calendar.add_component(event)
    return calendar_bytes(calendar).decode()
