"""The applicant's interview as a plain calendar event (METHOD:PUBLISH: a file to add to one's
own calendar, not an invitation to answer; the invitations are the interviews' own)."""

from __future__ import annotations

from django.utils import timezone
from icalendar import Calendar, Event

from plantskola.admissions.models import Interview


def interview_ics(interview: Interview) -> str:
    call = interview.application.call
    calendar = Calendar()
    calendar.add("prodid", "-//Plantskola//ansokan//SV")
    calendar.add("version", "2.0")
    calendar.add("method", "PUBLISH")
    event = Event()
    event.add("uid", interview.uid)
    event.add("sequence", interview.sequence)
    event.add("dtstamp", timezone.now())
    event.add("dtstart", interview.starts_at)
    event.add("dtend", interview.ends_at)
    event.add("summary", f"Intervju – {call.title}")
    event.add("location", interview.place)
    calendar.add_component(event)
    ics: bytes = calendar.to_ical()
    return ics.decode()
