"""Joint programmes without leaks (issue 7): a crawler logged in as each role.

The world: the host (Värdkommun, as Upplands Väsby in Växthuset) runs a joint edition in which
partner A (the World's `partner`, as Sollentuna) and partner B (a welfare provider) take part;
a third organisation (`other`) runs a programme of its own. Every organisation has people with
distinctive names, e-mail addresses and employee numbers, and each of them has data in every
app: participations, applications with answers and references, interviews, action plans and
reflections, network profiles, shadowing matches, event registrations with dietary needs,
survey invitations, diplomas and career events.

For each role the test crawls breadth-first from `/`, following every link and GET form on
the site (bounded), and then requests every URL pattern of the project with every object id
of the models behind it (a superset of the other organisations' ids). No response – HTML,
PDF, Excel or calendar – may contain another organisation's people's data, except what the
rules allow (`allowed_kinds`, each allowance documented there). `REACH` proves per role that
the crawler gets to the pages that show people, so that a leak cannot hide behind a dead end.

Roles: partner staff and a participant of each partner, the host's HR administrator,
coordinator, course leader, steering-group member, participant and manager, the other
organisation's HR administrator, and the anonymous visitor. The superuser is left out: they
see every organisation by definition.
"""

from __future__ import annotations

import datetime as dt
import io
import re
import subprocess
import tempfile
import zipfile
from collections import deque
from collections.abc import Iterator
from dataclasses import dataclass, field
from html.parser import HTMLParser
from typing import Any
from urllib.parse import urlencode, urljoin, urlsplit

import pytest
from django.db.models import Model
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, resolve, reverse
from django.urls.exceptions import Resolver404
from django.utils import timezone

from plantskola.admissions.models import (
    Answer,
    Application,
    Call,
    Interview,
    InterviewSlot,
    Nomination,
    NominationCompetency,
    Reference,
    Scorecard,
    TalentInterest,
)
from plantskola.competencies.models import Competency, RequirementProfile, Value
from plantskola.core.models import (
    GeneratedDocument,
    Organisation,
    OrganisationRole,
    OrgUnit,
    OutgoingEmail,
    Person,
    RosterImport,
    User,
)
from plantskola.core.services import unit_create
from plantskola.development.models import (
    DevelopmentPlan,
    PlanAction,
    PlanGoal,
    Reflection,
    ShadowingHost,
    ShadowingMatch,
    ShadowingRound,
)
from plantskola.diplomas.models import Diploma, DiplomaSettings
from plantskola.diplomas.services import diploma_issue
from plantskola.evaluations.models import ResponseToken, Survey, SurveyTemplate
from plantskola.events.models import Event, Registration
from plantskola.insights.models import CareerEvent, ManagerPost, PostApplicant, RecruitmentImport
from plantskola.programmes.calendar.services import feed_regenerate
from plantskola.programmes.models import (
    Edition,
    Group,
    Module,
    NetworkProfile,
    Participant,
    Programme,
    Session,
)
from tests.conftest import World, build_world, mark_two_factor_verified
from tests.evaluations.helpers import session_survey
from tests.events.conftest import make_event
from tests.privacy.seed import MARKERS as PIA_MARKERS
from tests.privacy.seed import seed_everywhere

# Kinds of marker: a person's name; their contact and identity data (e-mail, employee
# number); the content of their records (application texts, references, dietary needs,
# career events, network presentation); and what is private to them (plans, reflections).
NAME, CONTACT, CONTENT, PRESENTATION, PRIVATE = (
    "name",
    "contact",
    "content",
    "presentation",
    "private",
)

REQUEST_BUDGET = 1500


@dataclass
class Marked:
    key: str
    org: str  # host, partner, partner_b, other
    person: Person
    group: str | None = None  # "1" or "2" in the joint edition; "other" in other's edition
    applicant: bool = False
    markers: dict[str, list[str]] = field(default_factory=dict)


@dataclass
class CrawlWorld:
    w: World
    partner_b: Organisation
    people: list[Marked]
    users: dict[str, User | None]
    org_of_role: dict[str, str | None]
    # Each role's own calendar-feed address: shown only once (when made), so the crawler is
    # given it rather than finding it on a page.
    feeds: dict[str, str] = field(default_factory=dict)

    def client_for(self, role: str) -> Client:
        client = Client()
        user = self.users[role]
        if user is not None:
            client.force_login(user)
            mark_two_factor_verified(client)
        return client


# --- the world ------------------------------------------------------------------------------


def _marked(
    org: Organisation, org_key: str, key: str, first: str, last: str, **extra: Any
) -> Marked:
    group = extra.pop("group", None)
    applicant = extra.pop("applicant", False)
    person = Person.objects.create(
        organisation=org,
        employee_number=f"NR-{key}-4711",
        first_name=first,
        last_name=last,
        email=f"{first}.{last}@{org.slug}.example".lower(),
        **extra,
    )
    return Marked(
        key=key,
        org=org_key,
        person=person,
        group=group,
        applicant=applicant,
        markers={NAME: [last], CONTACT: [person.email, person.employee_number]},
    )


def _mark(m: Marked, kind: str, text: str) -> str:
    m.markers.setdefault(kind, []).append(text)
    return text


def build_crawl_world() -> CrawlWorld:
    w = build_world()
    seed_everywhere(w)  # Pia (host, group 1) in every app
    host, partner, other = w.host, w.partner, w.other
    partner_b = Organisation.objects.create(
        name="Omsorgsbolaget", slug="partner-b", kind=Organisation.Kind.NEIGHBOURING_MUNICIPALITY
    )
    w.edition.partners.add(partner_b)
    b_unit = unit_create(organisation=partner_b, code="B1", name="Omsorgsenheten B")
    group2 = Group.objects.create(edition=w.edition, name="Grupp 2")
    Session.objects.create(
        edition=w.edition,
        module=w.module,
        group=group2,
        title="Del av en helhet, dag 1 (grupp 2)",
        date=dt.date(2026, 12, 4),
        start_time=dt.time(9),
        end_time=dt.time(16),
    )

    # The other organisation's own programme.
    o_programme = Programme.objects.create(organisation=other, name="Annans chefsprogram")
    o_edition = Edition.objects.create(
        programme=o_programme,
        name="Annans omgång",
        start_date=dt.date(2026, 9, 1),
        end_date=dt.date(2027, 6, 30),
        capacity=20,
    )
    o_module = Module.objects.create(edition=o_edition, order=1, name="Annans modul")
    o_group = Group.objects.create(edition=o_edition, name="Annans grupp")
    o_session = Session.objects.create(
        edition=o_edition,
        module=o_module,
        group=o_group,
        title="Annans dag",
        date=dt.date(2026, 12, 5),
        start_time=dt.time(9),
        end_time=dt.time(16),
    )

    pia = Marked(
        key="PIA",
        org="host",
        person=w.participant.person,
        group="1",
        applicant=True,
        markers={
            NAME: ["Pia Deltagare"],
            CONTACT: [w.participant.person.email],
            CONTENT: [
                PIA_MARKERS[k]
                for k in ("motivation", "answer", "reference_comment", "evidence", "dietary")
            ],
            PRESENTATION: [PIA_MARKERS["presentation"]],
        },
    )
    per = Marked(
        key="PER",
        org="partner",
        person=w.partner_participant.person,
        group="1",
        markers={NAME: ["Per Partner"], CONTACT: [w.partner_participant.person.email]},
    )
    bodil = _marked(partner_b, "partner_b", "BST", "Bodil", "Bstabsson", unit=b_unit)
    people = [
        pia,
        per,
        _marked(host, "host", "HG1", "Hjalmar", "Vardettsson", group="1", unit_id=w.unit_id),
        _marked(host, "host", "HG2", "Hedvig", "Vardtvasson", group="2", unit_id=w.unit_id),
        _marked(host, "host", "HBY", "Holger", "Vardsidsson", applicant=True, unit_id=w.unit_id),
        _marked(partner, "partner", "AG1", "Alva", "Partettsson", group="1"),
        _marked(partner, "partner", "ABY", "Arvid", "Partsidsson", applicant=True),
        _marked(partner, "partner", "ARO", "Asta", "Partrostsson"),
        _marked(partner_b, "partner_b", "BG1", "Britt", "Bettsson", group="1", unit=b_unit),
        _marked(partner_b, "partner_b", "BG2", "Bengt", "Btvasson", group="2", unit=b_unit),
        _marked(partner_b, "partner_b", "BBY", "Berit", "Bsidsson", applicant=True, unit=b_unit),
        bodil,
        _marked(other, "other", "OG", "Oskar", "Oettsson", group="other"),
        _marked(other, "other", "OBY", "Olga", "Osidsson", applicant=True),
    ]

    # Users: the World's, a partner participant (Per), partner B's HR administrator.
    users: dict[str, User | None] = {
        role: w.users[role]
        for role in (
            "anonymous",
            "hr",
            "coordinator",
            "leader",
            "steering",
            "participant",
            "manager",
            "partner",
            "outsider",
        )
    }
    per_user = User.objects.create_user(username="per", password="x")
    per.person.user = per_user
    per.person.save(update_fields=["user"])
    users["partner_participant"] = per_user
    b_user = User.objects.create_user(username="bodil", password="x", is_staff=True)
    bodil.person.user = b_user
    bodil.person.save(update_fields=["user"])
    OrganisationRole.objects.create(user=b_user, organisation=partner_b, role="hr_admin")
    users["partner_b"] = b_user
    bengt = next(m for m in people if m.key == "BG2")
    b_participant = User.objects.create_user(username="bengt", password="x")
    bengt.person.user = b_participant
    bengt.person.save(update_fields=["user"])
    users["partner_b_participant"] = b_participant
    org_of_role = {
        "anonymous": None,
        "hr": "host",
        "coordinator": "host",
        "leader": "host",
        "steering": "host",
        "participant": "host",
        "manager": "host",
        "partner": "partner",
        "partner_participant": "partner",
        "partner_b": "partner_b",
        "partner_b_participant": "partner_b",
        "outsider": "other",
    }

    # Records in every app for each marked person.
    host_call = Call.objects.get(edition=w.edition)
    host_call.organisations.add(partner_b)
    now = timezone.now()
    o_call = Call.objects.create(
        edition=o_edition,
        title="Annans utlysning",
        description="Sök",
        opens_at=now - dt.timedelta(days=5),
        closes_at=now + dt.timedelta(days=15),
        reference_deadline=(now + dt.timedelta(days=25)).date(),
    )
    o_call.organisations.add(other)
    groups = {"1": w.group, "2": group2, "other": o_group}
    events = {
        "host": Event.objects.filter(organisation=host).first(),
        "partner": make_event(partner, title="Partnerns café"),
        "partner_b": make_event(partner_b, title="B:s café"),
        "other": make_event(other, title="Annans café"),
    }
    survey = session_survey(w)
    referees = {  # each applicant's manager is of their own organisation
        "host": w.manager_person,
        "partner": Person.objects.get(employee_number="P101"),
        "partner_b": bodil.person,
        "other": Person.objects.get(employee_number="O100"),
    }
    for m in people[2:]:
        person = m.person
        NetworkProfile.objects.update_or_create(
            person=person,
            defaults={"presentation": _mark(m, PRESENTATION, f"Presentation av {m.key}-PROFIL")},
        )
        CareerEvent.objects.create(
            person=person,
            kind=CareerEvent.Kind.CHANGED_ROLE,
            date=dt.date(2026, 1, 1),
            note=_mark(m, CONTENT, f"Karriär {m.key}-KARRIAR"),
        )
        post_unit = person.unit or OrgUnit.objects.filter(organisation=person.organisation).first()
        assert post_unit is not None
        post = ManagerPost.objects.create(
            organisation=person.organisation,
            unit=post_unit,
            title=f"Chefstjänst {m.key}",
            opened_on=dt.date(2026, 1, 1),
        )
        PostApplicant.objects.create(
            post=post, person=person, internal=True, applied_on=dt.date(2026, 1, 5)
        )
        event = events[m.org]
        assert event is not None
        Registration.objects.create(
            event=event,
            person=person,
            dietary_needs=_mark(m, CONTENT, f"Kost {m.key}-KOST"),
            registered_at=now,
        )
        OutgoingEmail.objects.create(
            organisation=person.organisation,
            template_key="application_receipt",
            to=person.email,
            subject="Hej",
            body=_mark(m, CONTENT, f"Brev till {m.key}-BREV"),
            status="failed",
        )
        if m.group is not None:
            edition = o_edition if m.group == "other" else w.edition
            participant = Participant.objects.create(
                edition=edition, person=person, group=groups[m.group], status="active"
            )
            plan = DevelopmentPlan.objects.create(participant=participant, kind="development")
            goal = PlanGoal.objects.create(plan=plan, title=_mark(m, PRIVATE, f"Mål {m.key}-MAL"))
            PlanAction.objects.create(goal=goal, text=_mark(m, PRIVATE, f"Gör {m.key}-GORA"))
            Reflection.objects.create(
                participant=participant,
                session=o_session if m.group == "other" else w.session,
                text=_mark(m, PRIVATE, f"Reflektion {m.key}-REFLEKTION"),
            )
            if m.group != "other":
                ResponseToken.objects.create(survey=survey, person=person)
        if m.applicant:
            call = o_call if m.org == "other" else host_call
            application = Application.objects.create(
                call=call,
                applicant=person,
                status=Application.Status.SUBMITTED,
                motivation=_mark(m, CONTENT, f"Motivering {m.key}-MOTIV"),
                submitted_at=now,
            )
            question = call.questions.first()
            if question is not None:
                Answer.objects.create(
                    application=application,
                    question=question,
                    text=_mark(m, CONTENT, f"Svar {m.key}-SVAR"),
                )
            Reference.objects.create(
                application=application,
                manager=referees[m.org],
                token_hash=f"crawler-{m.key}".ljust(64, "x"),
                expires_on=dt.date(2027, 1, 1),
                status=Reference.Status.GIVEN,
                comment=_mark(m, CONTENT, f"Referens om {m.key}-REFERENS"),
            )
            interview = Interview.objects.create(
                application=application,
                starts_at=now + dt.timedelta(days=3),
                ends_at=now + dt.timedelta(days=3, hours=1),
                place="Stadshuset",
                uid=f"crawler-{m.key}@plantskola",
            )
            Scorecard.objects.create(interview=interview, interviewer=referees[m.org])
            # Talent nominations (issue 19): the applicant was nominated by the referee and
            # accepted, and is in their organisation's talent pool.
            nomination = Nomination.objects.create(
                call=call,
                nominee=person,
                nominated_by=referees[m.org],
                motivation=_mark(m, CONTENT, f"Nominering {m.key}-NOMINERING"),
                status=Nomination.Status.ACCEPTED,
                answered_at=now,
                application=application,
            )
            competency = (
                call.requirement_profile.competencies.first() if call.requirement_profile else None
            )
            if competency is not None:
                NominationCompetency.objects.create(
                    nomination=nomination,
                    competency=competency,
                    rating=4,
                    evidence=_mark(m, CONTENT, f"Belägg {m.key}-BELAGG"),
                )
            TalentInterest.objects.create(organisation=m.person.organisation, person=person)

    # Shadowing in the joint edition: a partner B participant matched with a host manager.
    shadowing_round = ShadowingRound.objects.create(
        edition=w.edition,
        name="Skuggning våren",
        period_start=dt.date(2027, 2, 1),
        period_end=dt.date(2027, 3, 31),
    )
    host_slot = ShadowingHost.objects.create(
        round=shadowing_round, person=w.manager_person, capacity=3
    )
    for key in ("BG2", "HG2"):
        m = next(x for x in people if x.key == key)
        ShadowingMatch.objects.create(
            round=shadowing_round,
            participant=Participant.objects.get(person=m.person),
            host=host_slot,
            token_hash=f"crawler-shadow-{key}".ljust(64, "x"),
            expires_on=dt.date(2027, 1, 31),
        )

    # Diplomas: a completed participant of partner B and of the other organisation.
    DiplomaSettings.objects.get_or_create(
        organisation=other,
        defaults={"signatory1_name": "Anna Annan", "signatory1_title": "Kommundirektör"},
    )
    for key in ("BG2", "OG"):
        m = next(x for x in people if x.key == key)
        participant = Participant.objects.get(person=m.person)
        participant.status = Participant.Status.COMPLETED
        participant.save(update_fields=["status"])
        diploma_issue(participant=participant, issued_by=None)

    feeds = {
        role: reverse("programmes:calendar_feed", args=[feed_regenerate(person=user.person)])
        for role, user in users.items()
        if user is not None and getattr(user, "person", None) is not None
    }
    return CrawlWorld(
        w=w,
        partner_b=partner_b,
        people=people,
        users=users,
        org_of_role=org_of_role,
        feeds=feeds,
    )


# --- the rules ------------------------------------------------------------------------------

HOST_RUNNERS = {"hr", "coordinator"}
HOST_OVERSEERS = {"leader", "steering"}
PARTICIPANTS = {"participant", "partner_participant", "partner_b_participant"}
PARTNER_STAFF = {"partner", "partner_b"}


def allowed_kinds(cw: CrawlWorld, role: str, m: Marked) -> set[str]:
    """Which of another organisation's person's markers `role` may see. Every allowance:"""
    org = cw.org_of_role[role]
    in_joint = m.group in {"1", "2"}
    if org == m.org:
        return {NAME, CONTACT, CONTENT, PRESENTATION, PRIVATE}  # not another organisation
    if org == "host" and role in HOST_RUNNERS and (in_joint or (m.applicant and m.org != "other")):
        # The host's HR and coordinators run the joint edition and its call: they see its
        # partner participants and applicants in full (participant lists, applications,
        # references, the network of their programme), but never their plans or reflections.
        return {NAME, CONTACT, CONTENT, PRESENTATION}
    if org == "host" and role in HOST_OVERSEERS and in_joint:
        # Course leaders and the steering group see the edition's participant list.
        return {NAME, CONTACT}
    if role in PARTICIPANTS and in_joint:
        # The network directory (issue 5): a participant finds everyone who takes part in the
        # same programme, across partner organisations – name and presentation, no e-mail
        # unless the person chose to share it (nobody in this world does).
        return {NAME, PRESENTATION}
    user = cw.users[role]
    if (
        user is not None
        and ShadowingMatch.objects.filter(
            host__person__user=user, participant__person=m.person
        ).exists()
    ):
        # A shadowing host (here the host's manager) is asked by name to take the participant
        # who would shadow them, and schedules the days with them.
        return {NAME}
    if role in PARTNER_STAFF and in_joint:
        # Partner staff see the names of the people in the groups their organisation shares.
        shared = {x.group for x in cw.people if x.org == org and x.group in {"1", "2"}}
        if m.group in shared:
            return {NAME}
    return set()


def forbidden_markers(cw: CrawlWorld, role: str) -> list[tuple[str, str, str]]:
    """(marker, person key, kind) that must not appear in any response to `role`."""
    result: list[tuple[str, str, str]] = []
    for m in cw.people:
        allowed = allowed_kinds(cw, role, m)
        for kind, texts in m.markers.items():
            if kind not in allowed:
                result.extend((text, m.key, kind) for text in texts)
    return result


# --- reading responses ----------------------------------------------------------------------


# Every text field of a GET form (searches) is submitted with this: it is part of every
# e-mail address in the world, so a search that is not limited to what the user may see
# would list other organisations' people.
PROBE = "example"


class _Links(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.urls: list[str] = []
        self._form: tuple[str, list[str]] | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = dict(attrs)
        if tag == "a" and a.get("href"):
            self.urls.append(a["href"] or "")
        elif tag == "form" and (a.get("method") or "get").lower() == "get":
            self._form = (a.get("action") or "", [])
            self.urls.append(self._form[0])
        elif tag == "input" and self._form is not None and a.get("name"):
            if (a.get("type") or "text").lower() in {"text", "search", "email"}:
                self._form[1].append(a["name"] or "")
        elif tag in {"link", "iframe"} and a.get("href"):
            self.urls.append(a["href"] or "")
        if a.get("hx-get"):
            self.urls.append(a["hx-get"] or "")

    def handle_endtag(self, tag: str) -> None:
        if tag == "form" and self._form is not None:
            action, fields = self._form
            if fields:
                self.urls.append(f"{action}?{urlencode({name: PROBE for name in fields})}")
            self._form = None


def _body(response: Any) -> bytes:
    if getattr(response, "streaming", False):
        return b"".join(response.streaming_content)
    return bytes(response.content)


def response_text(response: Any) -> str:
    """The text a person would read in the response: HTML and text as is, PDFs through
    pdftotext, Excel and other zip files through their XML."""
    body = _body(response)
    kind = response.get("Content-Type", "")
    if body.startswith(b"%PDF"):
        with tempfile.NamedTemporaryFile(suffix=".pdf") as source:
            source.write(body)
            source.flush()
            text = subprocess.run(
                ["/usr/bin/pdftotext", source.name, "-"], check=True, capture_output=True
            ).stdout.decode("utf-8", "replace")
        return text + body.decode("latin-1")
    if body.startswith(b"PK"):
        with zipfile.ZipFile(io.BytesIO(body)) as archive:
            return "".join(
                archive.read(name).decode("utf-8", "replace") for name in archive.namelist()
            )
    del kind
    return body.decode("utf-8", "replace")


SKIP = re.compile(r"^/(static|media)/|/logga-ut/|/i18n/|^/admin/logout/")


def _same_site(base: str, href: str) -> str | None:
    href = href.strip()
    if not href or href.startswith(("#", "mailto:", "tel:", "javascript:", "data:")):
        return None
    url = urljoin(base, href)
    parts = urlsplit(url)
    if parts.netloc not in {"", "testserver"}:
        return None
    path = parts.path + (f"?{parts.query}" if parts.query else "")
    if SKIP.search(parts.path):
        return None
    return path


def _dedupe_key(path: str) -> tuple[Any, ...] | None:
    parts = urlsplit(path)
    try:
        match = resolve(parts.path)
    except Resolver404:
        return None
    query_names = tuple(sorted({q.split("=")[0] for q in parts.query.split("&") if q}))
    if match.namespace == "admin":
        # The admin's sort orders and filters show the same rows again; its search does not.
        query_names = tuple(name for name in query_names if name == "q")
    return (match.view_name, match.args, tuple(sorted(match.kwargs.items())), query_names)


@dataclass
class Leak:
    role: str
    url: str
    status: int
    marker: str
    person: str
    kind: str


def check(
    role: str,
    url: str,
    response: Any,
    forbidden: list[tuple[str, str, str]],
    seen: set[tuple[str, str]] | None = None,
    watched: list[tuple[str, str, str]] = [],  # noqa: B006 – read only
) -> list[Leak]:
    """The leaks in one response; `seen` collects the (person, kind) of the watched markers
    that the response shows (to prove the crawler reaches the pages with people on them)."""
    text = response_text(response)
    if seen is not None:
        seen.update((person, kind) for marker, person, kind in watched if marker in text)
    return [
        Leak(role, url, response.status_code, marker, person, kind)
        for marker, person, kind in forbidden
        if marker in text
    ]


def crawl(
    client: Client,
    role: str,
    forbidden: list[tuple[str, str, str]],
    seen: set[tuple[str, str]],
    watched: list[tuple[str, str, str]],
    start: list[str] | None = None,
) -> tuple[int, list[Leak]]:
    """Breadth-first from `/` (and `start`): every link and GET form on the site, at most
    REQUEST_BUDGET."""
    queue: deque[str] = deque(["/", *(start or [])])
    visited: set[Any] = set()
    leaks: list[Leak] = []
    requests = 0
    while queue and requests < REQUEST_BUDGET:
        url = queue.popleft()
        key = _dedupe_key(url)
        if key is None or key in visited:
            continue
        visited.add(key)
        response = client.get(url)
        requests += 1
        leaks += check(role, url, response, forbidden, seen, watched)
        if response.status_code in (301, 302) and response.get("Location"):
            target = _same_site(url, response["Location"])
            if target:
                queue.append(target)
            continue
        if "html" not in response.get("Content-Type", ""):
            continue
        parser = _Links()
        parser.feed(_body(response).decode("utf-8", "replace"))
        for href in parser.urls:
            target = _same_site(url, href)
            if target:
                queue.append(target)
    return requests, leaks


# --- every URL pattern with every object id --------------------------------------------------

# The model behind each integer argument of each URL pattern; a new pattern with an integer
# argument must be added here (the test fails otherwise), so that its ids are requested.
ARG_MODELS: dict[tuple[str, str], type[Model]] = {}


def _arg_model(name: str, route: str, kwarg: str) -> type[Model] | None:
    """The model whose ids fill `kwarg` of the pattern `route` (segments as in urls.py)."""
    if kwarg == "participant_pk":
        return Participant
    if kwarg == "session_pk":
        return Session
    if kwarg == "edition_pk":
        return Edition
    if kwarg == "programme_pk":
        return Programme
    if kwarg == "call_pk":
        return Call
    if kwarg == "org_pk":
        return Organisation
    if kwarg == "import_pk":
        return RecruitmentImport
    if kwarg == "person_pk":
        return Person
    if kwarg == "post_pk":
        return ManagerPost
    if kwarg == "applicant_pk":
        return PostApplicant
    platform = "organisationer/<slug:slug>/ledarplattform/"
    for segment, platform_model in [
        ("kompetenser/", Competency),
        ("kravprofiler/", RequirementProfile),
        ("varden/", Value),
        ("<str:kind>/", Competency),
    ]:
        if route.startswith(platform + segment):
            return platform_model
    prefixes: list[tuple[str, type[Model]]] = [
        ("ansokningar/", Application),
        ("deltagare/", Participant),
        ("mina-nomineringar/", Nomination),
        ("diplom/", Diploma),
        ("enheter/", OrgUnit),
        ("evenemang/anmalningar/", Registration),
        ("evenemang/", Event),
        ("grupper/", Group),
        ("insikter/karriarhandelser/", CareerEvent),
        ("insikter/", Organisation),
        ("intervjuer/", Interview),
        ("intervjutider/", InterviewSlot),
        ("moduler/", Module),
        ("omgangar/", Edition),
        ("personal/import/", RosterImport),
        ("personer/", Person),
        ("planer/aktiviteter/", PlanAction),
        ("planer/mal/", PlanGoal),
        ("planer/", DevelopmentPlan),
        ("program/", Programme),
        ("skuggning/forfragningar/", ShadowingMatch),
        ("skuggning/vardar/", ShadowingHost),
        ("skuggning/", ShadowingRound),
        ("tillfallen/", Session),
        ("utkorg/", OutgoingEmail),
        ("utlysningar/", Call),
        ("utvarderingsmallar/", SurveyTemplate),
        ("utvarderingar/", Survey),
    ]
    for prefix, model in prefixes:
        if route.startswith(prefix):
            return model
    return None


@dataclass
class Pattern:
    name: str
    route: str
    converters: dict[str, str]


def _patterns(
    resolver: URLResolver | None = None, prefix: str = "", ns: str = ""
) -> Iterator[Pattern]:
    for entry in (resolver or get_resolver()).url_patterns:
        if isinstance(entry, URLResolver):
            if entry.namespace == "admin":
                continue  # the admin's own lists are crawled from its index
            yield from _patterns(
                entry,
                prefix + str(entry.pattern),
                ns + (f"{entry.namespace}:" if entry.namespace else ""),
            )
        elif isinstance(entry, URLPattern) and entry.name:
            route = prefix + str(entry.pattern)
            converters = {name: conv for conv, name in re.findall(r"<(\w+):(\w+)>", route)}
            yield Pattern(ns + entry.name, route, converters)


def _fill(route: str, values: dict[str, Any]) -> str:
    def value(match: re.Match[str]) -> str:
        return str(values[match.group(1)])

    return "/" + re.sub(r"<\w+:(\w+)>", value, route)


# The lookup from each swept model to the organisation it belongs to: its person's, for
# personal records; the programme's, for a programme's parts (the joint edition is the host's).
OWNER: dict[type[Model], str] = {
    Organisation: "pk",
    Person: "organisation",
    OrgUnit: "organisation",
    RosterImport: "organisation",
    RecruitmentImport: "organisation",
    OutgoingEmail: "organisation",
    Event: "organisation",
    Survey: "organisation",
    SurveyTemplate: "organisation",
    Competency: "organisation",
    RequirementProfile: "organisation",
    Value: "organisation",
    Programme: "organisation",
    Edition: "programme__organisation",
    Module: "edition__programme__organisation",
    Group: "edition__programme__organisation",
    Session: "edition__programme__organisation",
    Call: "edition__programme__organisation",
    InterviewSlot: "call__edition__programme__organisation",
    ShadowingRound: "edition__programme__organisation",
    Participant: "person__organisation",
    Application: "applicant__organisation",
    Nomination: "nominee__organisation",
    Interview: "application__applicant__organisation",
    Registration: "person__organisation",
    CareerEvent: "person__organisation",
    ManagerPost: "organisation",
    PostApplicant: "post__organisation",
    DevelopmentPlan: "participant__person__organisation",
    PlanGoal: "plan__participant__person__organisation",
    PlanAction: "goal__plan__participant__person__organisation",
    ShadowingHost: "person__organisation",
    ShadowingMatch: "participant__person__organisation",
    Diploma: "participant__person__organisation",
}


def foreign_ids(model: type[Model], own: Organisation | None) -> list[Any]:
    """The ids of `model`'s objects that belong to organisations other than `own`."""
    objects = model._default_manager.all()
    if own is not None:
        objects = objects.exclude(**{OWNER[model]: own.pk})
    return list(objects.values_list("pk", flat=True))


def sweep_urls(cw: CrawlWorld, role: str) -> list[str]:
    """Every pattern × every id of its models that belongs to another organisation than the
    role's (everything, for the anonymous visitor). String tokens (references, calendar
    feeds, shadowing answers, diploma codes) are secrets or codes: a wrong one is a 404 like
    any unknown token, and the crawler follows the ones a page gives the role."""
    urls: list[str] = []
    own = {
        "host": cw.w.host,
        "partner": cw.w.partner,
        "partner_b": cw.partner_b,
        "other": cw.w.other,
        None: None,
    }[cw.org_of_role[role]]
    slugs = list(Organisation.objects.values_list("slug", flat=True))
    for pattern in _patterns():
        choices: dict[str, list[Any]] = {}
        skip = False
        for kwarg, converter in pattern.converters.items():
            if converter == "int":
                model = _arg_model(pattern.name, pattern.route, kwarg)
                assert model is not None, f"{pattern.name}: which model is <{kwarg}>?"
                choices[kwarg] = foreign_ids(model, own)
            elif converter == "slug" and kwarg == "slug":
                choices[kwarg] = [slug for slug in slugs if own is None or slug != own.slug]
            elif converter == "uuid":
                choices[kwarg] = list(GeneratedDocument.objects.values_list("pk", flat=True))
            elif kwarg == "kind" and pattern.name == "platform_item_delete":
                choices[kwarg] = ["kompetens"]
            elif kwarg == "phase" and pattern.name == "development:self_assessment":
                choices[kwarg] = ["start", "slut"]
            else:
                skip = True
        if skip:
            continue
        combos: list[dict[str, Any]] = [{}]
        for kwarg, values in choices.items():
            combos = [{**c, kwarg: v} for c in combos for v in values]
        urls += [_fill(pattern.route, c) for c in combos]
    return urls


# --- the tests ------------------------------------------------------------------------------

ROLES = [
    "partner",
    "partner_participant",
    "partner_b",
    "partner_b_participant",
    "hr",
    "coordinator",
    "leader",
    "steering",
    "participant",
    "manager",
    "outsider",
    "anonymous",
]


# What each role is shown at least (of its own organisation's people, or allowed): proof that
# the crawler reaches the pages with people on them, so that no leak hides behind a dead end.
REACH: dict[str, set[tuple[str, str]]] = {
    "partner": {("AG1", NAME), ("ABY", NAME), ("ARO", CONTACT)},
    "partner_participant": {("HG1", NAME), ("BG1", PRESENTATION)},
    "partner_b": {("BG1", NAME), ("BG2", NAME), ("BBY", NAME)},
    "partner_b_participant": {("HG2", NAME), ("AG1", PRESENTATION), ("BG2", PRIVATE)},
    "hr": {("AG1", NAME), ("BG2", NAME), ("ABY", CONTENT), ("BBY", CONTENT), ("HG1", CONTACT)},
    "coordinator": {("AG1", NAME), ("BG2", NAME), ("ABY", CONTENT), ("BBY", CONTENT)},
    "leader": {("AG1", NAME), ("BG2", NAME)},
    "steering": {("AG1", NAME), ("BG2", NAME)},
    "participant": {("AG1", NAME), ("BG2", PRESENTATION)},
    "manager": {("HG1", NAME), ("BG2", NAME)},
    "outsider": {("OG", NAME), ("OBY", CONTACT)},
    "anonymous": set(),
}


@pytest.fixture
def crawl_world(db: None) -> CrawlWorld:
    return build_crawl_world()


def test_the_rules_forbid_something_to_everyone(crawl_world: CrawlWorld) -> None:
    """The allowances are not so wide that the crawler checks nothing."""
    for role in ROLES:
        forbidden = {(person, kind) for _, person, kind in forbidden_markers(crawl_world, role)}
        assert forbidden, role
    partner = {p for _, p, k in forbidden_markers(crawl_world, "partner") if k == NAME}
    assert {"HG2", "BG2", "OG", "OBY", "HBY", "BBY"} <= partner
    assert "HG1" not in partner  # shares group 1 with partner A


@pytest.mark.parametrize("role", ROLES)
def test_no_role_sees_other_organisations_people(crawl_world: CrawlWorld, role: str) -> None:
    client = crawl_world.client_for(role)
    forbidden = forbidden_markers(crawl_world, role)
    watched = [
        (text, m.key, kind)
        for m in crawl_world.people
        for kind, texts in m.markers.items()
        for text in texts
    ]
    seen: set[tuple[str, str]] = set()
    feed = crawl_world.feeds.get(role)
    requests, leaks = crawl(client, role, forbidden, seen, watched, [feed] if feed else [])
    assert requests > 1
    if feed:  # the role's own calendar feed is real, and was checked like any page
        assert Client().get(feed).content.startswith(b"BEGIN:VCALENDAR"), feed
    crawled = requests
    for url in sweep_urls(crawl_world, role):
        response = client.get(url)
        requests += 1
        leaks += check(role, url, response, forbidden, seen, watched)
    print(f"{role}: {crawled} pages crawled, {requests - crawled} object URLs requested")
    assert REACH[role] <= seen, f"the crawler did not reach {REACH[role] - seen}"
    assert not leaks, "\n".join(
        f"{x.role} {x.status} {x.url}: {x.kind} of {x.person} ({x.marker!r})" for x in leaks[:40]
    )
