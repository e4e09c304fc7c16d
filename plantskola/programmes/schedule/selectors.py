"""Scheduling's reads: the warnings shown before sessions are saved.

Warnings never block: the coordinator sees them and may save anyway. Two kinds:
- a day of the session is a Swedish public holiday, or one of the de facto holidays most
  municipal staff have off (midsummer eve, Christmas eve, New Year's eve); plain Sundays are not
  reported (the `holidays` package can list every Sunday as a holiday, which says nothing);
- a participant or course leader of the session is already booked in another session, of any
  edition, that overlaps it in time.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from django.utils.translation import get_language
from django.utils.translation import gettext as _
from holidays.countries.sweden import Sweden

from plantskola.access.base import UserLike
from plantskola.access.programmes import sessions_for_user
from plantskola.core.models import Person
from plantskola.programmes.calendar.ics import session_end, session_start
from plantskola.programmes.models import Participant, Session

#: Longest stretch of days checked for holidays (a study trip is a week or two).
MAX_DAYS_CHECKED = 62


@dataclass
class Planned:
    """A session about to be saved (perhaps not yet in the database) and its course leaders."""

    session: Session
    leader_ids: set[int] = field(default_factory=set)


# --- warnings --------------------------------------------------------------------------------


def _days(first: dt.date, last: dt.date | None) -> list[dt.date]:
    last = max(last or first, first)
    count = min((last - first).days + 1, MAX_DAYS_CHECKED)
    return [first + dt.timedelta(days=i) for i in range(count)]


def swedish_holidays(years: Iterable[int]) -> dict[dt.date, str]:
    language = "sv" if (get_language() or "sv").startswith("sv") else "en_US"
    found: dict[dt.date, str] = {}
    wanted = sorted(set(years))
    for category in ("public", "de_facto"):
        days = Sweden(
            years=wanted,
            include_sundays=False,
            language=language,
            categories=(category,),
        )
        for day, name in days.items():
            found.setdefault(day, name)
    return found


def holiday_warnings(*, first: dt.date, last: dt.date | None = None) -> list[str]:
    days = _days(first, last)
    known = swedish_holidays(d.year for d in days)
    return [
        _("%(date)s is a public holiday in Sweden (%(name)s).")
        % {"date": f"{day:%Y-%m-%d}", "name": known[day]}
        for day in days
        if day in known
    ]


def _interval(session: Session) -> tuple[dt.datetime, dt.datetime]:
    return session_start(session), session_end(session)


def _when(session: Session) -> str:
    return f"{session.date:%Y-%m-%d} {session.start_time:%H:%M}–{session.end_time:%H:%M}"


def double_booking_warnings(
    *, planned: Sequence[Planned], user: UserLike | None = None
) -> list[str]:
    """People of each planned session already booked in an overlapping session; the planned
    sessions are also checked against each other. A fixed number of queries.

    With `user`, a clashing session the user may not see (another organisation's) is named
    only as such: the warning tells that the person is busy, not what they are doing."""
    if not planned:
        return []
    first = min(p.session.date for p in planned)
    last = max(p.session.date for p in planned)
    own_ids = [p.session.pk for p in planned if p.session.pk]
    others = list(
        Session.objects.filter(date__gte=first, date__lte=last)
        .exclude(pk__in=own_ids)
        .select_related("edition")
    )
    editions = {s.edition_id for s in others} | {p.session.edition_id for p in planned}
    by_group: dict[int, set[int]] = defaultdict(set)
    by_edition: dict[int, set[int]] = defaultdict(set)
    rows = (
        Participant.objects.filter(edition_id__in=editions)
        .exclude(status=Participant.Status.WITHDRAWN)
        .values_list("edition_id", "group_id", "person_id")
    )
    for edition_id, group_id, person_id in rows:
        by_edition[edition_id].add(person_id)
        if group_id:
            by_group[group_id].add(person_id)
    leaders: dict[int, set[int]] = defaultdict(set)
    through = Session.leaders.through.objects.filter(session_id__in=[s.pk for s in others])
    for session_id, person_id in through.values_list("session_id", "person_id"):
        leaders[session_id].add(person_id)

    def people(session: Session, leader_ids: set[int]) -> set[int]:
        group = by_group[session.group_id] if session.group_id else by_edition[session.edition_id]
        return group | leader_ids

    booked: list[tuple[Planned, Session, set[int]]] = []
    for i, plan in enumerate(planned):
        start, end = _interval(plan.session)
        mine = people(plan.session, plan.leader_ids)
        candidates = [(s, people(s, leaders[s.pk])) for s in others]
        candidates += [(q.session, people(q.session, q.leader_ids)) for q in planned[i + 1 :]]
        for other, theirs in candidates:
            other_start, other_end = _interval(other)
            if other_start < end and start < other_end and mine & theirs:
                booked.append((plan, other, mine & theirs))
    if not booked:
        return []
    names = {
        p.pk: p.full_name
        for p in Person.objects.filter(pk__in=set().union(*(ids for _p, _o, ids in booked)))
    }
    visible: set[int | None] = {None}  # planned sessions, not yet saved
    if user is None:
        visible |= {other.pk for _p, other, _i in booked}
    else:
        clashing = [other.pk for _p, other, _i in booked if other.pk]
        visible |= set(sessions_for_user(user).filter(pk__in=clashing).values_list("pk", flat=True))
    warnings = []
    for plan, other, ids in booked:
        listed = ", ".join(sorted(names[i] for i in ids if i in names))
        if other.pk not in visible:
            warnings.append(
                _("%(names)s already booked in another organisation's session at that time.")
                % {"names": f"{plan.session.title}: {listed}" if len(planned) > 1 else listed}
            )
            continue
        values = {
            "names": listed,
            "session": other.title,
            "edition": other.edition.name if other.edition_id else "",
            "when": _when(other),
        }
        if len(planned) > 1:
            values["names"] = f"{plan.session.title}: {listed}"
        warnings.append(
            _("%(names)s already booked in “%(session)s” (%(edition)s, %(when)s).") % values
        )
    return warnings


def session_warnings(*, planned: Sequence[Planned], user: UserLike | None = None) -> list[str]:
    warnings: list[str] = []
    for plan in planned:
        found = holiday_warnings(first=plan.session.date)
        if len(planned) > 1:
            found = [f"{plan.session.title}: {w}" for w in found]
        warnings += found
    return warnings + double_booking_warnings(planned=planned, user=user)


def warnings_token(warnings: Sequence[str]) -> str:
    """A fingerprint of the warnings the coordinator saw: "save anyway" only applies to these,
    so a changed form that raises other warnings shows them before saving."""
    return hashlib.sha256("\n".join(warnings).encode()).hexdigest()[:20]


# --- who is invited to new sessions -----------------------------------------------------


@dataclass(frozen=True)
class InvitationCount:
    participants: int  # participants (with an e-mail address) who get the invitation
    leaders: int  # course leaders (not also participants) who get it

    @property
    def total(self) -> int:
        return self.participants + self.leaders


def planned_invitation_count(planned: Sequence[Planned]) -> InvitationCount:
    """How many people will get the invitation to sessions about to be saved: each person once,
    however many days they have. Two queries."""
    editions = {p.session.edition_id for p in planned}
    rows = (
        Participant.objects.filter(edition_id__in=editions)
        .exclude(status=Participant.Status.WITHDRAWN)
        .exclude(person__email="")
        .values_list("edition_id", "group_id", "person_id")
    )
    participants: set[int] = set()
    for edition_id, group_id, person_id in rows:
        for plan in planned:
            session = plan.session
            if session.edition_id == edition_id and session.group_id in (None, group_id):
                participants.add(person_id)
                break
    leader_ids = set().union(*(p.leader_ids for p in planned)) - participants
    leaders = Person.objects.filter(pk__in=leader_ids).exclude(email="").count()
    return InvitationCount(participants=len(participants), leaders=leaders)
