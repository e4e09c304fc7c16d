"""The coordinator's choices (`GroupingSettings`) and the edition's participants as a `groups`
instance of the composition engine (docs/composition-format.md)."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any

from django.utils.translation import gettext as _

from plantskola.programmes.grouping.selectors import Member

DEFAULT_TIME_LIMIT = 3.0
CRITERIA = ("administration", "organisation", "gender", "age_band", "role")


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
