"""Load the demo: ten organisations, about 2,300 fictional people and the five reference programmes.

`demo_load()` is idempotent: every row is upserted on its natural key (organisation slug, unit
code, employee number, programme name, edition name, module order, group name, session
(edition, title, date, group), participant (edition, person), role rows, usernames), so a second
run changes nothing and duplicates nothing.
"""

from __future__ import annotations

import importlib
import importlib.util
import random
import time as clock
from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from django.apps import apps as django_apps
from django.db import transaction

from plantskola.core.models import (
    Organisation,
    OrganisationRole,
    OrgUnit,
    Person,
    PersonChange,
    User,
)
from plantskola.core.services import unit_create, units_rebuild_paths
from plantskola.demo import nominations as nominations_demo
from plantskola.demo import posts as demo_posts
from plantskola.demo.plan import (
    RECORDED_UNTIL,
    DemoPlan,
    EditionKey,
    LoginPlan,
    build_plan,
)
from plantskola.demo.roster import SEED, OrgRec, PersonRec, build_roster
from plantskola.demo.sync import index, sync_pairs, sync_rows
from plantskola.privacy.audit_changes import audit_suspended
from plantskola.programmes.models import (
    Attendance,
    Edition,
    Group,
    Module,
    Participant,
    Programme,
    ProgrammeRole,
    Session,
)

DEMO_PASSWORD = "plantskola-demo"  # noqa: S105 - the published password of the demo logins


def demo_login(username: str, person: Person) -> User:
    """A demo login for `person` with the published demo password, linked to that person
    only. Hashing the password takes most of a second, so the hash of `chef` is reused."""
    user = User.objects.filter(username=username).first() or User(username=username)
    user.first_name, user.last_name, user.email = person.first_name, person.last_name, person.email
    user.is_active = True
    shared = User.objects.filter(username="chef").values_list("password", flat=True).first()
    if shared:
        user.password = shared
    else:
        user.set_password(DEMO_PASSWORD)
    user.save()
    if person.user_id != user.pk:
        Person.objects.filter(user=user).exclude(pk=person.pk).update(user=None)
        person.user = user
        person.save(update_fields=["user"])
    return user


# One login per role, all with DEMO_PASSWORD, and what each of them sees.
DEMO_LOGINS: list[tuple[str, str]] = [
    ("admin", "Superanvändare: ser och ändrar allt, även administrationssidorna"),
    (
        "hr",
        "HR-administratör i Örebro kommun: alla enheter och personer, personalimport och "
        "alla Örebros program; administrationssidorna för Örebro",
    ),
    (
        "koordinator",
        "Programkoordinator i Örebro kommun: driver Sveriges viktigaste chefsjobb – moduler, "
        "grupper, tillfällen, deltagare, närvaro",
    ),
    (
        "kursledare",
        "Kursledare från Norrsken Ledarskap AB (konsult): tillfällena i Sveriges viktigaste "
        "chefsjobb och i Kungsbackaledaren 2026/2027, med kommande tillfällen att ta närvaro på",
    ),
    (
        "styrgrupp",
        "Styrgruppsledamot (förvaltningschef) i Sveriges viktigaste chefsjobb: läser "
        "programmet, grupperna och deltagarna; chef över sin förvaltning",
    ),
    (
        "deltagare",
        "Deltagare (enhetschef) i Sveriges viktigaste chefsjobb, Grupp 3: sin omgång och "
        "sin grupps tillfällen",
    ),
    ("chef", "Avdelningschef i Örebro kommun: personerna i sina enheter"),
    (
        "partner",
        "HR-administratör i Sollentuna kommun, partner i Växthuset 2013: bara den omgången och "
        "Sollentunas egna deltagare i den",
    ),
    ("koordinator-uppsala", "Programkoordinator i Uppsala kommun: Ledarlabbet"),
    ("koordinator-alingsas", "Programkoordinator i Alingsås kommun: Framtidens ledare"),
    ("koordinator-vasby", "Programkoordinator i Upplands Väsby kommun: Växthuset"),
    (
        "koordinator-kungsbacka",
        "Programkoordinator i Kungsbacka kommun: Ledardagen, ledarskapscaféerna, "
        "Kungsbackaledaren och introduktionsprogrammet för nya chefer",
    ),
]


@dataclass
class DemoSummary:
    # (organisation, units, people, managers)
    organisations: list[tuple[str, int, int, int]] = field(default_factory=list)
    # (organisation, programme, editions, participants, sessions)
    programmes: list[tuple[str, str, int, int, int]] = field(default_factory=list)
    # (username, what the role sees, linked person or "")
    logins: list[tuple[str, str, str]] = field(default_factory=list)
    seconds: float = 0.0


def demo_load() -> DemoSummary:
    """Create or bring up to date every demo row; returns what the demo holds. Demo rows are
    no one's personal data being changed, so they write no audit entries."""
    with audit_suspended():
        return _demo_load()


@transaction.atomic
def _demo_load() -> DemoSummary:
    started = clock.perf_counter()
    roster = build_roster()
    plan = build_plan(roster)
    orgs = _sync_organisations(roster)
    units = {slug: _sync_units(orgs[slug], rec) for slug, rec in roster.items()}
    people = _sync_people(roster, orgs, units)
    _sync_changes(roster, people)
    users = _sync_users(plan, orgs, people)
    _sync_programmes(plan, orgs, people, users)
    _load_app_demos()
    nominations_demo.load()  # issue 19: after the app demos, whose logins it uses
    summary = _summarise(plan, orgs, people)
    summary.seconds = clock.perf_counter() - started
    return summary


# Demo modules that span several apps (issue 19's manager supply), loaded like the apps' own.
CROSS_APP_DEMOS = ("supply",)


def _load_app_demos() -> None:
    """Let each feature app add its own demo rows on top of the organisations, people and
    programmes: `plantskola.demo.<app label>`, if it exists, has an idempotent `load()`
    called here, in the order of INSTALLED_APPS, except that a module with `RUNS_LAST = True`
    (one that builds on every app's people, such as the network profiles) runs after the
    others."""
    modules = []
    for config in django_apps.get_app_configs():
        if not config.name.startswith("plantskola.") or config.name == "plantskola.demo":
            continue
        if importlib.util.find_spec(f"plantskola.demo.{config.label}") is not None:
            modules.append(importlib.import_module(f"plantskola.demo.{config.label}"))
    modules += [importlib.import_module(f"plantskola.demo.{name}") for name in CROSS_APP_DEMOS]
    for module in sorted(modules, key=lambda m: bool(getattr(m, "RUNS_LAST", False))):
        module.load()
    demo_posts.load()  # manager posts recorded by HR (insights.posts), not an app of its own


# --- organisations, units, people ----------------------------------------------------------


def _sync_organisations(roster: dict[str, OrgRec]) -> dict[str, Organisation]:
    existing = {o.slug: o for o in Organisation.objects.filter(slug__in=roster)}
    result = {}
    for slug, rec in roster.items():
        org = existing.get(slug)
        if org is None:
            org = Organisation.objects.create(slug=slug, name=rec.spec.name, kind=rec.spec.kind)
        elif (org.name, org.kind) != (rec.spec.name, rec.spec.kind):
            org.name, org.kind = rec.spec.name, rec.spec.kind
            org.save(update_fields=["name", "kind"])
        result[slug] = org
    return result


def _sync_units(org: Organisation, rec: OrgRec) -> dict[str, OrgUnit]:
    """The unit tree by code; new units through `unit_create`, paths checked afterwards."""
    by_code = {u.code: u for u in OrgUnit.objects.filter(organisation=org)}
    moved = False
    for spec in rec.units:  # parents come before their children
        parent = by_code[spec.parent.code] if spec.parent else None
        unit = by_code.get(spec.code)
        if unit is None:
            by_code[spec.code] = unit_create(
                organisation=org, code=spec.code, name=spec.name, kind=spec.kind, parent=parent
            )
            continue
        parent_id = parent.pk if parent else None
        if (unit.name, unit.kind, unit.parent_id) != (spec.name, spec.kind, parent_id):
            moved = moved or unit.parent_id != parent_id
            unit.name, unit.kind, unit.parent_id = spec.name, spec.kind, parent_id
            unit.save(update_fields=["name", "kind", "parent"])
    if moved:
        units_rebuild_paths(organisation=org)
    return by_code


PersonKey = tuple[str, str]  # (organisation slug, employee number)


def _sync_people(
    roster: dict[str, OrgRec], orgs: dict[str, Organisation], units: dict[str, dict[str, OrgUnit]]
) -> dict[int, Person]:
    """Every roster person, by `id()` of its record; managers are written before their reports."""
    org_ids = [o.pk for o in orgs.values()]
    found = index(
        Person.objects.filter(organisation_id__in=org_ids), ("organisation_id", "employee_number")
    )
    by_rec: dict[int, Person] = {}
    for level in range(4):
        rows: list[dict[str, Any]] = []
        recs: list[PersonRec] = []
        for slug, org_rec in roster.items():
            org = orgs[slug]
            for p in org_rec.people:
                if p.level != level:
                    continue
                manager = by_rec[id(p.manager)] if p.manager is not None else None
                rows.append(
                    {
                        "organisation_id": org.pk,
                        "employee_number": p.number,
                        "first_name": p.first_name,
                        "last_name": p.last_name,
                        "email": p.email,
                        "unit_id": units[slug][p.unit.code].pk,
                        "title": p.title,
                        "is_manager": p.is_manager,
                        "manager_id": manager.pk if manager else None,
                        "gender": p.gender,
                        "birth_year": p.birth_year,
                        "is_active": True,
                    }
                )
                recs.append(p)
        sync_rows(Person, keys=("organisation_id", "employee_number"), rows=rows, existing=found)
        for row, p in zip(rows, recs, strict=True):
            by_rec[id(p)] = found[(row["organisation_id"], row["employee_number"])]
    return by_rec


def _sync_changes(roster: dict[str, OrgRec], people: dict[int, Person]) -> None:
    rows = [
        {
            "person_id": people[id(p)].pk,
            "field": field_,
            "old_value": old,
            "new_value": new,
            "effective_date": on,
            "source": "demo",
        }
        for org in roster.values()
        for p in org.people
        for field_, old, new, on in p.changes
    ]
    keys = ("person_id", "field", "effective_date", "new_value")
    existing = PersonChange.objects.filter(person_id__in={r["person_id"] for r in rows})
    sync_rows(PersonChange, keys=keys, rows=rows, existing=existing)


# --- users and roles -----------------------------------------------------------------------


def _sync_users(
    plan: DemoPlan, orgs: dict[str, Organisation], people: dict[int, Person]
) -> dict[str, User]:
    users: dict[str, User] = {}
    demo_hash: str | None = None
    existing = {
        u.username: u for u in User.objects.filter(username__in=[x.username for x in plan.logins])
    }
    for login in plan.logins:
        user = existing.get(login.username) or User(username=login.username)
        person = people[id(login.person)] if login.person is not None else None
        user.first_name = person.first_name if person else ""
        user.last_name = person.last_name if person else ""
        user.email = person.email if person else "admin@plantskola.example"
        user.is_staff, user.is_superuser, user.is_active = login.is_staff, login.is_superuser, True
        # Reset on every load, so the published demo password always works. Argon2 takes most
        # of a second per hash here, so the demo logins share one hash of the public password.
        if login.has_demo_password:
            if demo_hash is None:
                user.set_password(DEMO_PASSWORD)
                demo_hash = user.password
            user.password = demo_hash
        elif not user.pk:
            user.set_unusable_password()
        user.save()
        users[login.username] = user
        if person is not None and person.user_id != user.pk:
            Person.objects.filter(user=user).exclude(pk=person.pk).update(user=None)
            person.user = user
            person.save(update_fields=["user"])
    for login in plan.logins:
        for slug, role in login.org_roles:
            OrganisationRole.objects.get_or_create(
                user=users[login.username], organisation=orgs[slug], role=role
            )
    return users


def _login_programme_roles(
    logins: list[LoginPlan],
) -> list[tuple[str, str, str, str | None, str]]:
    return [(login.username, *role) for login in logins for role in login.programme_roles]


# --- programmes ----------------------------------------------------------------------------


def _sync_programmes(
    plan: DemoPlan, orgs: dict[str, Organisation], people: dict[int, Person], users: dict[str, User]
) -> None:
    programmes: dict[tuple[str, str], Programme] = {}
    for p in plan.programmes:
        programme, _ = Programme.objects.update_or_create(
            organisation=orgs[p.org],
            name=p.name,
            defaults={"audience": p.audience, "description": p.description},
        )
        programmes[(p.org, p.name)] = programme

    editions: dict[EditionKey, Edition] = {}
    for e in plan.editions:
        edition, _ = Edition.objects.update_or_create(
            programme=programmes[(e.programme.org, e.programme.name)],
            name=e.name,
            defaults={
                "start_date": e.start_date,
                "end_date": e.end_date,
                "status": e.status,
                "capacity": e.capacity,
            },
        )
        if e.partners:
            edition.partners.add(*[orgs[slug] for slug in e.partners])
        editions[e.key] = edition
    edition_ids = [ed.pk for ed in editions.values()]

    modules = sync_rows(
        Module,
        keys=("edition_id", "order"),
        rows=[
            {
                "edition_id": editions[e.key].pk,
                "order": m.order,
                "name": m.name,
                "purpose": m.purpose,
                "topics": "\n".join(m.topics),
                "length_days": m.length_days,
            }
            for e in plan.editions
            for m in e.modules
        ],
        existing=Module.objects.filter(edition_id__in=edition_ids),
    )
    groups = sync_rows(
        Group,
        keys=("edition_id", "name"),
        rows=[
            {"edition_id": editions[e.key].pk, "name": name, "order": n}
            for e in plan.editions
            for n, name in enumerate(e.groups, start=1)
        ],
        existing=Group.objects.filter(edition_id__in=edition_ids),
    )

    def group_id(e_key: EditionKey, name: str | None) -> int | None:
        return groups[(editions[e_key].pk, name)].pk if name else None

    session_rows = []
    for e in plan.editions:
        edition_id = editions[e.key].pk
        for s in e.sessions:
            session_rows.append(
                {
                    "edition_id": edition_id,
                    "title": s.title,
                    "date": s.date,
                    "group_id": group_id(e.key, s.group),
                    "kind": s.kind,
                    "start_time": s.start_time,
                    "end_time": s.end_time,
                    "place": s.place,
                    "address": s.address,
                    "destination": s.destination,
                    "module_id": modules[(edition_id, s.module)].pk if s.module else None,
                }
            )
    sessions = sync_rows(
        Session,
        keys=("edition_id", "title", "date", "group_id"),
        rows=session_rows,
        existing=Session.objects.filter(edition_id__in=edition_ids),
    )

    def session_of(e_key: EditionKey, s_key: tuple[Any, ...]) -> Session:
        title, day, group = s_key
        return sessions[(editions[e_key].pk, title, day, group_id(e_key, group))]

    sync_pairs(
        Session.leaders.through,
        left="session_id",
        right="person_id",
        pairs=[
            (session_of(e.key, s.key).pk, people[id(leader)].pk)
            for e in plan.editions
            for s in e.sessions
            for leader in s.leaders
        ],
    )

    participants = sync_rows(
        Participant,
        keys=("edition_id", "person_id"),
        rows=[
            {
                "edition_id": editions[e.key].pk,
                "person_id": people[id(person)].pk,
                "group_id": group_id(e.key, group),
                "status": status,
            }
            for e in plan.editions
            for person, group, status in e.participants
        ],
        existing=Participant.objects.filter(edition_id__in=edition_ids),
    )

    # Attendance of past sessions: mostly present, now and then absent or excused.
    rng = random.Random(SEED + 1)
    attendance_rows = []
    for e in plan.editions:
        edition_id = editions[e.key].pk
        recorder = users[e.recorded_by].pk if e.recorded_by else None
        for s in e.sessions:
            if s.date >= RECORDED_UNTIL:
                continue
            session = session_of(e.key, s.key)
            if s.attendees is not None:
                expected = [(p, "present") for p in s.attendees]
            else:
                expected = [
                    (p, _attendance_status(rng))
                    for p, group, status in e.participants
                    if status != "withdrawn" and (s.group is None or group == s.group)
                ]
            for person, status in expected:
                participant = participants[(edition_id, people[id(person)].pk)]
                attendance_rows.append(
                    {
                        "session_id": session.pk,
                        "participant_id": participant.pk,
                        "status": status,
                        "recorded_by_id": recorder,
                    }
                )
    _completed_meet_the_requirement(plan, editions, participants, people, attendance_rows)
    sync_rows(
        Attendance,
        keys=("session_id", "participant_id"),
        rows=attendance_rows,
        existing=Attendance.objects.filter(session__edition_id__in=edition_ids),
    )

    for username, org_slug, programme_name, edition_name, role in _login_programme_roles(
        plan.logins
    ):
        programme = programmes[(org_slug, programme_name)]
        scope = editions[(org_slug, programme_name, edition_name)] if edition_name else None
        ProgrammeRole.objects.get_or_create(
            user=users[username], programme=programme, edition=scope, role=role
        )


def _completed_meet_the_requirement(
    plan: DemoPlan,
    editions: dict[EditionKey, Edition],
    participants: dict[tuple[int, int], Participant],
    people: dict[int, Person],
    rows: list[dict[str, Any]],
) -> None:
    """A participant marked completed has attended enough (completion follows attendance): the
    random absences of those who would fall short become presences, first ones first."""
    completed: dict[int, int] = {}  # participant id -> required percent
    for e in plan.editions:
        edition = editions[e.key]
        for person, _group, status in e.participants:
            if status == "completed":
                pk = participants[(edition.pk, people[id(person)].pk)].pk
                completed[pk] = edition.min_attendance_percent
    by_participant: dict[int, list[dict[str, Any]]] = {}
    for row in rows:
        if row["participant_id"] in completed:
            by_participant.setdefault(row["participant_id"], []).append(row)
    for participant_id, own in by_participant.items():
        required = completed[participant_id]
        missing = [r for r in own if r["status"] != "present"]
        while missing and (len(own) - len(missing)) * 100 < required * len(own):
            missing.pop(0)["status"] = "present"


def _attendance_status(rng: random.Random) -> str:
    roll = rng.random()
    return "present" if roll < 0.9 else ("excused" if roll < 0.96 else "absent")


# --- summary -------------------------------------------------------------------------------


def _summarise(
    plan: DemoPlan, orgs: dict[str, Organisation], people: dict[int, Person]
) -> DemoSummary:
    summary = DemoSummary()
    for slug, rec in plan.roster.items():
        summary.organisations.append(
            (orgs[slug].name, len(rec.units), len(rec.people), len(rec.managers()))
        )
    per_programme: Counter[tuple[str, str]] = Counter()
    participants: Counter[tuple[str, str]] = Counter()
    sessions: Counter[tuple[str, str]] = Counter()
    for e in plan.editions:
        key = (orgs[e.programme.org].name, e.programme.name)
        per_programme[key] += 1
        participants[key] += len(e.participants)
        sessions[key] += len(e.sessions)
    for p in plan.programmes:
        key = (orgs[p.org].name, p.name)
        summary.programmes.append((*key, per_programme[key], participants[key], sessions[key]))
    logins = {login.username: login for login in plan.logins}
    for username, sees in DEMO_LOGINS:
        login = logins[username]
        person = people[id(login.person)] if login.person is not None else None
        who = f"{person.full_name}, {person.title}" if person else ""
        summary.logins.append((username, sees, who))
    summary.logins.extend(_app_demo_logins())
    return summary


def _app_demo_logins() -> list[tuple[str, str, str]]:
    """Logins that feature apps' demo modules add (a `LOGINS` list of (username, description))."""
    result = []
    names = [
        config.label
        for config in django_apps.get_app_configs()
        if config.name.startswith("plantskola.") and config.name != "plantskola.demo"
    ]
    for name in [*names, *CROSS_APP_DEMOS]:
        if importlib.util.find_spec(f"plantskola.demo.{name}") is None:
            continue
        for username, sees in getattr(
            importlib.import_module(f"plantskola.demo.{name}"), "LOGINS", []
        ):
            person = Person.objects.filter(user__username=username).first()
            who = f"{person.full_name}, {person.title}" if person else ""
            result.append((username, sees, who))
    return result
