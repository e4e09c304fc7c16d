"""Groups made by the composition engine for an edition.

The coordinator's choices (`GroupingSettings`) and the edition's participants become a
`groups` instance of the composition engine (docs/composition-format.md); the engine
returns groups and a proven upper bound; the proposal (`Proposal`) lives in the user's
session until it is saved. Scores are computed here from the instance alone, with the
engine's independent checker and its bound function, so they do not depend on the page.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from dataclasses import asdict, dataclass, field, replace
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from plantskola import composition
from plantskola.composition import checker
from plantskola.composition.groups import distance_matrix, upper_bound
from plantskola.core.models import OrgUnit, Person
from plantskola.programmes.models import Edition, Group, Participant

DEFAULT_TIME_LIMIT = 3.0
SEED = 0
# Age bands from the birth year, (lowest age, label); the first band has no lower limit.
AGE_BANDS: list[tuple[int, str]] = [
    (0, "<30"),
    (30, "30–39"),
    (40, "40–49"),
    (50, "50–59"),
    (60, "60+"),
]
CRITERIA = ("administration", "organisation", "gender", "age_band", "role")
TOP_KINDS = (OrgUnit.Kind.ADMINISTRATION, OrgUnit.Kind.COMPANY)


class GroupingError(Exception):
    """The engine found no grouping (or could not read the input); `message` says why."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


# --- members -----------------------------------------------------------------------------


@dataclass(frozen=True)
class Member:
    """One participant as the grouping sees them."""

    id: str  # the participant's primary key, as the engine's string id
    person_id: int
    manager_person_id: int | None
    name: str
    unit: str
    unit_id: int | None
    administration: str
    administration_id: int | None
    organisation: str
    gender: str
    age_band: str
    is_manager: bool
    title: str
    current_group_id: int | None


def age_band(birth_year: int | None, year: int) -> str:
    if birth_year is None:
        return ""
    age = year - birth_year
    label = AGE_BANDS[0][1]
    for lowest, band in AGE_BANDS:
        if age >= lowest:
            label = band
    return label


def grouping_members(*, edition: Edition) -> list[Member]:
    """The edition's participants to be grouped (everyone but those who withdrew), with their
    administration: the top-level unit of kind administration or company above their unit."""
    participants = list(
        Participant.objects.filter(edition=edition)
        .exclude(status=Participant.Status.WITHDRAWN)
        .select_related("person__unit", "person__organisation")
        .order_by("person__last_name", "person__first_name", "pk")
    )
    ancestor_ids = {
        int(part)
        for p in participants
        if p.person.unit is not None
        for part in p.person.unit.path.strip("/").split("/")
        if part
    }
    units = {u.pk: u for u in OrgUnit.objects.filter(pk__in=ancestor_ids)}
    year = edition.start_date.year
    members = []
    for p in participants:
        person = p.person
        admin = _administration(person.unit, units)
        members.append(
            Member(
                id=str(p.pk),
                person_id=person.pk,
                manager_person_id=person.manager_id,
                name=person.full_name,
                unit=person.unit.name if person.unit else "",
                unit_id=person.unit_id,
                administration=admin.name if admin else "",
                administration_id=admin.pk if admin else None,
                organisation=person.organisation.name,
                gender=person.gender,
                age_band=age_band(person.birth_year, year),
                is_manager=person.is_manager,
                title=person.title,
                current_group_id=p.group_id,
            )
        )
    return members


def _administration(unit: OrgUnit | None, units: dict[int, OrgUnit]) -> OrgUnit | None:
    if unit is None:
        return None
    chain = [units[int(x)] for x in unit.path.strip("/").split("/") if x and int(x) in units]
    if not chain:
        return unit
    for ancestor in chain:
        if ancestor.kind in TOP_KINDS:
            return ancestor
    return chain[0]


# --- settings and the instance ----------------------------------------------------------


@dataclass
class GroupingSettings:
    group_count: int
    use_existing_groups: bool = False
    min_size: int | None = None
    max_size: int | None = None
    weights: dict[str, float] = field(
        default_factory=lambda: {
            "administration": 3.0,
            "organisation": 0.0,
            "gender": 1.0,
            "age_band": 1.0,
            "role": 1.0,
        }
    )
    role_by: str = "manager"  # "manager" (manager or not) or "title"
    keep_teams: bool = True
    keep_apart: bool = True
    # Örebro: "the management teams go first": the teams are placed in the first N groups.
    teams_in_first: int = 0
    time_limit: float = DEFAULT_TIME_LIMIT

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> GroupingSettings:
        return cls(**data)

    def sizes(self, n: int) -> tuple[int, int]:
        """The size range: the coordinator's, or as even as possible."""
        lo = self.min_size if self.min_size is not None else n // self.group_count
        hi = self.max_size if self.max_size is not None else -(-n // self.group_count)
        return lo, hi


@dataclass
class Built:
    """An engine instance and what its named parts mean, to explain a conflict."""

    instance: dict[str, Any]
    together_labels: list[str]
    apart_labels: list[str]
    notes: list[str]
    teams: list[list[str]]
    apart: list[tuple[str, str]]


def management_teams(members: list[Member]) -> list[list[str]]:
    """Each administration's head (a manager placed on the administration unit itself, whose
    own manager is not) with the managers among the participants who report to them."""
    by_person = {m.person_id: m for m in members}
    teams = []
    for head in members:
        if not head.is_manager or head.unit_id is None or head.unit_id != head.administration_id:
            continue
        boss = by_person.get(head.manager_person_id or -1)
        if boss is not None and boss.unit_id == head.unit_id:
            continue  # a manager below the head on the same unit, e.g. a deputy
        reports = [m.id for m in members if m.is_manager and m.manager_person_id == head.person_id]
        if reports:
            teams.append([head.id, *reports])
    return teams


def _attributes(member: Member, settings: GroupingSettings) -> dict[str, str]:
    role = member.title if settings.role_by == "title" else ("manager" if member.is_manager else "")
    return {
        "administration": member.administration,
        "organisation": member.organisation,
        "gender": member.gender,
        "age_band": member.age_band,
        "role": role,
    }


def build_instance(
    *,
    members: list[Member],
    settings: GroupingSettings,
    pins: dict[str, int] | None = None,
    group_count: int | None = None,
    sizes: tuple[int, int] | None = None,
) -> Built:
    """The engine's `groups` instance for these members and choices."""
    names = {m.id: m.name for m in members}
    count = group_count if group_count is not None else settings.group_count
    lo, hi = sizes if sizes is not None else settings.sizes(len(members))
    notes: list[str] = []
    teams: list[list[str]] = []
    together_labels = []
    if settings.keep_teams:
        for team in management_teams(members):
            if len(team) > hi:
                notes.append(
                    _(
                        "The management team of %(name)s (%(n)d people) is larger than a group "
                        "and is not kept together."
                    )
                    % {"name": names[team[0]], "n": len(team)}
                )
                continue
            teams.append(team)
            together_labels.append(
                _("keeping the management team of %(name)s together (%(n)d people)")
                % {"name": names[team[0]], "n": len(team)}
            )
    team_of = {pid: k for k, team in enumerate(teams) for pid in team}
    apart: list[tuple[str, str]] = []
    apart_labels = []
    if settings.keep_apart:
        by_person = {m.person_id: m for m in members}
        overruled = 0
        for m in members:
            boss = by_person.get(m.manager_person_id or -1)
            if boss is None:
                continue
            if m.id in team_of and team_of.get(boss.id) == team_of[m.id]:
                overruled += 1
                continue
            apart.append((m.id, boss.id))
            apart_labels.append(
                _("keeping %(name)s apart from their manager %(boss)s")
                % {"name": m.name, "boss": boss.name}
            )
        if overruled:
            notes.append(
                _(
                    "%(n)d managers are in the same management team as their own manager: "
                    "keeping the team together wins over keeping them apart."
                )
                % {"n": overruled}
            )
    criteria = [
        {"attribute": name, "weight": float(settings.weights.get(name, 0))}
        for name in CRITERIA
        if settings.weights.get(name, 0)
    ]
    instance = {
        "kind": "groups",
        "people": [{"id": m.id, "attributes": _attributes(m, settings)} for m in members],
        "groups": {"count": count, "min_size": lo, "max_size": hi},
        "criteria": criteria,
        "together": teams,
        "apart": [list(pair) for pair in apart],
        "pinned": dict(pins or {}),
    }
    return Built(instance, together_labels, apart_labels, notes, teams, apart)


# --- the proposal ------------------------------------------------------------------------


@dataclass
class Proposal:
    """A grouping under way: JSON-serialisable, kept in the user's session."""

    settings: GroupingSettings
    assignment: dict[str, int]  # participant id → group index
    bound: float | None
    status: str
    seconds: float
    locked: list[int] = field(default_factory=list)
    pins: dict[str, int] = field(default_factory=dict)
    notes: list[str] = field(default_factory=list)

    def as_dict(self) -> dict[str, Any]:
        data = asdict(self)
        data["settings"] = self.settings.as_dict()
        return data

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Proposal:
        data = dict(data)
        data["settings"] = GroupingSettings.from_dict(data["settings"])
        data["assignment"] = {k: int(v) for k, v in data["assignment"].items()}
        data["pins"] = {k: int(v) for k, v in data.get("pins", {}).items()}
        proposal = cls(**data)
        count = proposal.settings.group_count
        if any(
            not 0 <= g < count for g in [*proposal.assignment.values(), *proposal.pins.values()]
        ):
            raise ValueError("group index out of range")
        return proposal

    def groups(self) -> list[list[str]]:
        out: list[list[str]] = [[] for _ in range(self.settings.group_count)]
        for pid, g in self.assignment.items():
            out[g].append(pid)
        return out


def grouping_compose(
    *,
    members: list[Member],
    settings: GroupingSettings,
    pins: dict[str, int] | None = None,
    locked_from: Proposal | None = None,
    locked: list[int] | None = None,
) -> Proposal:
    """Ask the engine for groups. With `locked` group indices (of `locked_from`), those groups
    keep exactly their members and the engine groups everyone else into the other groups.
    Raises `GroupingError` with the conflict in words when no grouping satisfies the choices."""
    if not members:
        raise GroupingError(_("The edition has no participants to group."))
    count = settings.group_count
    if count < 1:
        raise GroupingError(_("Choose at least one group."))
    pins = {pid: g for pid, g in (pins or {}).items() if 0 <= g < count}
    locked = sorted({g for g in (locked or []) if 0 <= g < count}) if locked_from else []
    lo, hi = settings.sizes(len(members))
    if lo > hi:
        raise GroupingError(_("The smallest group size is larger than the largest."))
    full = build_instance(members=members, settings=settings, pins=pins)
    notes = list(full.notes)
    fixed: dict[str, int] = {}
    if locked and locked_from is not None:
        if len(locked) == count:
            raise GroupingError(_("Every group is locked: unlock at least one to re-run."))
        fixed = {pid: g for pid, g in locked_from.assignment.items() if g in locked}
    free_groups = [g for g in range(count) if g not in locked]
    free_members = [m for m in members if m.id not in fixed]
    sub_index = {g: i for i, g in enumerate(free_groups)}
    solve_pins = dict(pins)
    if settings.teams_in_first and full.teams:
        first = [g for g in range(min(settings.teams_in_first, count)) if g not in locked]
        teams = [t for t in full.teams if not any(pid in fixed for pid in t)]
        placed, left_out = _teams_first(teams, first, pins, hi)
        solve_pins = {**placed, **pins}
        if left_out:
            notes.append(
                _("%(n)d management teams did not fit in the first groups and may go anywhere.")
                % {"n": left_out}
            )
    sub_pins = {}
    for pid, g in solve_pins.items():
        if pid in fixed:
            continue
        if g not in sub_index:
            raise GroupingError(
                _("%(name)s is pinned to a locked group: unpin them or unlock the group.")
                % {"name": next(m.name for m in members if m.id == pid)}
            )
        sub_pins[pid] = sub_index[g]
    if not free_members:
        raise GroupingError(_("Everyone is in a locked group: unlock a group to re-run."))
    built = build_instance(
        members=free_members,
        settings=settings,
        pins=sub_pins,
        group_count=len(free_groups),
        sizes=(lo, hi),
    )
    # Rules that reach into a locked group hold already (the proposal respected them) or
    # cannot be repaired by a re-run; the engine sees the free part only.
    try:
        result = composition.solve(built.instance, time_limit=settings.time_limit, seed=SEED)
    except composition.Infeasible as exc:
        raise GroupingError(_explain(exc, built, members, settings, free_groups)) from exc
    except composition.MalformedInstance as exc:
        raise GroupingError(
            _("The choices could not be read by the engine (%(field)s).") % {"field": exc.field}
        ) from exc
    assignment = dict(fixed)
    for i, ids in enumerate(result["groups"]):
        for pid in ids:
            assignment[pid] = free_groups[i]
    bound: float | None = result["bound"]
    if fixed:
        # The engine's bound covers the free part only; the whole needs the whole's bound.
        bound = instance_bound(full.instance)
    return Proposal(
        settings=settings,
        assignment=assignment,
        bound=bound,
        status=result["status"],
        seconds=float(result["seconds"]),
        locked=locked,
        pins=pins,
        notes=notes,
    )


def _teams_first(
    teams: list[list[str]], first: list[int], pins: dict[str, int], capacity: int
) -> tuple[dict[str, int], int]:
    """Pin each management team (its head; the together set brings the rest) to one of the
    first groups, the largest team first into the emptiest group where it fits. Teams with a
    pinned member stay where that pin puts them. Returns the pins and how many teams did
    not fit."""
    load = dict.fromkeys(first, 0)
    placed: dict[str, int] = {}
    left_out = 0
    for team in sorted(teams, key=len, reverse=True):
        if any(pid in pins for pid in team):
            continue
        fits = [g for g in load if load[g] + len(team) <= capacity]
        if not fits:
            left_out += 1
            continue
        g = min(fits, key=lambda h: (load[h], h))
        load[g] += len(team)
        placed[team[0]] = g
    return placed, left_out


def _explain(
    exc: composition.Infeasible,
    built: Built,
    members: list[Member],
    settings: GroupingSettings,
    free_groups: list[int],
) -> str:
    names = {m.id: m.name for m in members}
    spec = built.instance["groups"]
    parts: list[str] = []
    for conflict in exc.conflicts:
        if conflict.startswith("groups"):
            text = _(
                "the group sizes (%(k)d groups of %(lo)d–%(hi)d people for %(n)d participants)"
            ) % {
                "k": spec["count"],
                "lo": spec["min_size"],
                "hi": spec["max_size"],
                "n": len(built.instance["people"]),
            }
        elif match := re.match(r"together\[(\d+)\]", conflict):
            text = built.together_labels[int(match.group(1))]
        elif match := re.match(r"apart\[(\d+)\]", conflict):
            text = built.apart_labels[int(match.group(1))]
        elif match := re.match(r"pinned\.(\S+)", conflict):
            pid = match.group(1)
            g = built.instance["pinned"].get(pid, 0)
            text = _("pinning %(name)s to group %(g)d") % {
                "name": names.get(pid, pid),
                "g": free_groups[g] + 1 if g < len(free_groups) else g + 1,
            }
        else:
            text = conflict
        if text not in parts:
            parts.append(text)
    if not parts:
        return _("No grouping that satisfies all the choices was found within the time limit.")
    return _("No grouping satisfies all the choices. These conflict: %(list)s.") % {
        "list": "; ".join(parts)
    }


# --- scores and statistics ---------------------------------------------------------------


@dataclass(frozen=True)
class Score:
    objective: float
    bound: float | None
    violations: tuple[str, ...] = ()

    @property
    def percent(self) -> float | None:
        if self.bound is None or self.bound <= 0:
            return None
        return 100.0 * self.objective / self.bound


def instance_bound(instance: dict[str, Any]) -> float:
    """The engine's proven upper bound on the objective of any grouping of the instance."""
    inst = composition.parse_instance(instance)
    assert isinstance(inst, composition.GroupsInstance)  # noqa: S101 - built as groups above
    return float(upper_bound(inst, distance_matrix(inst)))


def score_groups(instance: dict[str, Any], groups: list[list[str]], bound: float | None) -> Score:
    """Objective recomputed by the engine's independent checker; hard-rule breaks listed."""
    result = checker.check(instance, {"kind": "groups", "groups": groups})
    return Score(result.objective, bound, tuple(result.violations))


def proposal_score(*, members: list[Member], proposal: Proposal) -> Score:
    built = build_instance(members=members, settings=proposal.settings, pins=proposal.pins)
    return score_groups(built.instance, proposal.groups(), proposal.bound)


def current_score(
    *, members: list[Member], settings: GroupingSettings, group_ids: list[int]
) -> Score | None:
    """How the saved grouping scores by the same criteria, against the bound for groups of
    its own sizes (no together or apart rules: the saved groups may not follow them).
    None when someone has no group."""
    if not members or any(m.current_group_id is None for m in members):
        return None
    used = [g for g in group_ids if any(m.current_group_id == g for m in members)]
    index = {g: i for i, g in enumerate(used)}
    groups: list[list[str]] = [[] for _ in used]
    for m in members:
        if m.current_group_id not in index:
            return None
        groups[index[m.current_group_id]].append(m.id)
    plain = GroupingSettings(
        group_count=len(used),
        weights=settings.weights,
        role_by=settings.role_by,
        keep_teams=False,
        keep_apart=False,
    )
    built = build_instance(members=members, settings=plain)
    built.instance["groups"] = {"sizes": [len(g) for g in groups]}
    return score_groups(built.instance, groups, instance_bound(built.instance))


@dataclass
class Table:
    title: str
    rows: list[tuple[str, list[int], int]]  # value label, count per group, total


def group_tables(*, members: list[Member], proposal: Proposal, joint: bool) -> list[Table]:
    """Counts per administration, gender and age band (and organisation in a joint edition)
    in each group, as tables."""
    count = proposal.settings.group_count
    gender_labels = dict(Person.Gender.choices)
    dims: list[tuple[str, str]] = [("administration", _("Administration"))]
    if joint:
        dims.append(("organisation", _("Organisation")))
    dims += [("gender", _("Gender")), ("age_band", _("Age band"))]
    tables = []
    for attr, title in dims:
        counts: dict[str, list[int]] = {}
        for m in members:
            value = getattr(m, attr)
            g = proposal.assignment.get(m.id)
            if g is None:
                continue
            counts.setdefault(value, [0] * count)[g] += 1
        rows = []
        order = {band: i for i, (_low, band) in enumerate(AGE_BANDS)} if attr == "age_band" else {}
        for value in sorted(counts, key=lambda v: (v == "", order.get(v, 0), v)):
            if attr == "gender":
                label = str(gender_labels.get(value, value)) if value else _("Not stated")
            else:
                label = value or _("Not known")
            rows.append((label, counts[value], sum(counts[value])))
        tables.append(Table(title, rows))
    return tables


# --- moves and swaps ---------------------------------------------------------------------


def _rule_breaks(
    *, built: Built, proposal: Proposal, assignment: dict[str, int], names: dict[str, str]
) -> list[str]:
    lo, hi = proposal.settings.sizes(len(assignment))
    sizes = Counter(assignment.values())
    problems = []
    for g in range(proposal.settings.group_count):
        if not lo <= sizes.get(g, 0) <= hi:
            problems.append(
                _("Group %(g)d would have %(n)d people; allowed are %(lo)d–%(hi)d.")
                % {"g": g + 1, "n": sizes.get(g, 0), "lo": lo, "hi": hi}
            )
    for team in built.teams:
        if len({assignment[pid] for pid in team}) > 1:
            problems.append(
                _("The management team of %(name)s would be split.") % {"name": names[team[0]]}
            )
    for a, b in built.apart:
        if assignment[a] == assignment[b]:
            problems.append(
                _("%(name)s would be in the same group as their manager %(boss)s.")
                % {"name": names[a], "boss": names[b]}
            )
    for pid, g in proposal.pins.items():
        if assignment.get(pid) != g:
            problems.append(
                _("%(name)s is pinned to group %(g)d.") % {"name": names[pid], "g": g + 1}
            )
    for g in proposal.locked:
        before = {pid for pid, h in proposal.assignment.items() if h == g}
        after = {pid for pid, h in assignment.items() if h == g}
        if before != after:
            problems.append(_("Group %(g)d is locked.") % {"g": g + 1})
    return problems


def _change(*, members: list[Member], proposal: Proposal, assignment: dict[str, int]) -> Proposal:
    names = {m.id: m.name for m in members}
    built = build_instance(members=members, settings=proposal.settings, pins=proposal.pins)
    problems = _rule_breaks(built=built, proposal=proposal, assignment=assignment, names=names)
    if problems:
        raise ValidationError(problems)
    return replace(proposal, assignment=assignment)


def proposal_move(
    *, members: list[Member], proposal: Proposal, participant_id: str, group: int
) -> Proposal:
    """Move one person to another group; refused (ValidationError) when a rule would break."""
    if participant_id not in proposal.assignment or not 0 <= group < proposal.settings.group_count:
        raise ValidationError(_("Unknown participant or group."))
    assignment = {**proposal.assignment, participant_id: group}
    return _change(members=members, proposal=proposal, assignment=assignment)


def proposal_swap(
    *, members: list[Member], proposal: Proposal, first: str, second: str
) -> Proposal:
    """Two people trade groups; refused (ValidationError) when a rule would break."""
    if first not in proposal.assignment or second not in proposal.assignment:
        raise ValidationError(_("Unknown participant."))
    if proposal.assignment[first] == proposal.assignment[second]:
        raise ValidationError(_("The two people are already in the same group."))
    assignment = {
        **proposal.assignment,
        first: proposal.assignment[second],
        second: proposal.assignment[first],
    }
    return _change(members=members, proposal=proposal, assignment=assignment)


def proposal_pin(*, proposal: Proposal, participant_id: str, pinned: bool) -> Proposal:
    """Pin a person to the group they are in now (kept there when the engine re-runs)."""
    if participant_id not in proposal.assignment:
        raise ValidationError(_("Unknown participant."))
    pins = dict(proposal.pins)
    if pinned:
        pins[participant_id] = proposal.assignment[participant_id]
    else:
        pins.pop(participant_id, None)
    return replace(proposal, pins=pins)


def proposal_is_current(*, members: list[Member], proposal: Proposal) -> bool:
    """Whether the proposal still covers exactly the edition's participants."""
    return {m.id for m in members} == set(proposal.assignment)


# --- saving ------------------------------------------------------------------------------


def group_names(existing: list[str], count: int) -> list[str]:
    """Names of the proposal's groups: the existing groups in order, then "Grupp N"."""
    names = list(existing[:count])
    taken = set(existing)
    n = 1
    while len(names) < count:
        name = _("Group %(n)d") % {"n": n}
        if name not in taken:
            names.append(name)
            taken.add(name)
        n += 1
    return names


@transaction.atomic
def grouping_save(*, edition: Edition, proposal: Proposal) -> list[Group]:
    """Give every participant their group, creating missing groups; all or nothing."""
    members = grouping_members(edition=edition)
    if not proposal_is_current(members=members, proposal=proposal):
        raise ValidationError(
            _("The participants have changed since the groups were made; make them again.")
        )
    names = {m.id: m.name for m in members}
    built = build_instance(members=members, settings=proposal.settings, pins=proposal.pins)
    problems = _rule_breaks(
        built=built, proposal=proposal, assignment=proposal.assignment, names=names
    )
    if problems:
        raise ValidationError(problems)
    existing = list(
        Group.objects.select_for_update().filter(edition=edition).order_by("order", "name")
    )
    groups = existing[: proposal.settings.group_count]
    labels = group_names([g.name for g in existing], proposal.settings.group_count)
    for i in range(len(groups), proposal.settings.group_count):
        groups.append(Group.objects.create(edition=edition, name=labels[i], order=i + 1))
    participants = list(
        Participant.objects.filter(pk__in=[int(pid) for pid in proposal.assignment])
    )
    for p in participants:
        p.group = groups[proposal.assignment[str(p.pk)]]
    Participant.objects.bulk_update(participants, ["group"])
    return groups


def summary_size(n: int, count: int) -> str:
    """'22' or '21–22': the group sizes as even as possible, for the form's help text."""
    lo, hi = n // count, math.ceil(n / count)
    return str(lo) if lo == hi else f"{lo}–{hi}"
