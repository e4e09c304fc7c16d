"""The composition engine's side of job shadowing: the matching instance, the rules checked
before asking the engine, and the engine's proof of infeasibility said in Swedish."""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from plantskola.composition import CompositionError, solve
from plantskola.development.shadowing.models import ShadowingHost, ShadowingRound
from plantskola.development.shadowing.selectors import (
    admin_key,
    administration_of,
    preferences_of,
    round_hosts,
    round_participants,
)
from plantskola.programmes.models import Participant


def matching_instance(
    round: ShadowingRound,
    *,
    participants: Sequence[Participant] | None = None,
    hosts: Sequence[ShadowingHost] | None = None,
    capacities: dict[int, int] | None = None,
) -> dict[str, Any]:
    """The engine's instance (docs/composition-format.md §3): ids are primary keys."""
    participants = participants if participants is not None else list(round_participants(round))
    hosts = hosts if hosts is not None else round_hosts(round)
    admins = administration_of([p.person for p in participants] + [h.person for h in hosts])
    prefs = preferences_of(round)
    host_ids = {h.pk for h in hosts}
    return {
        "kind": "matching",
        "participants": [
            {
                "id": str(p.pk),
                "attributes": {"administration": admin_key(admins[p.person_id])},
                "preferences": [str(h.pk) for h in prefs.get(p.pk, []) if h.pk in host_ids],
            }
            for p in participants
        ],
        "hosts": [
            {
                "id": str(h.pk),
                "attributes": {"administration": admin_key(admins[h.person_id])},
                "capacity": (capacities or {}).get(h.pk, h.capacity),
            }
            for h in hosts
        ],
        "different": ["administration"],
        "scores": None,
    }


def check_feasible(
    participants: Sequence[Participant], hosts: Sequence[ShadowingHost], capacities: dict[int, int]
) -> None:
    """Name the rule that makes a match impossible, before asking the engine."""
    if not participants:
        raise ValidationError(_("The edition has no participants to match."))
    open_hosts = [h for h in hosts if capacities[h.pk] > 0]
    if not open_hosts:
        raise ValidationError(_("No host has a place left. Add hosts or raise a capacity."))
    admins = administration_of([p.person for p in participants] + [h.person for h in open_hosts])
    stranded = [
        p.person.full_name
        for p in participants
        if all(admin_key(admins[h.person_id]) == admin_key(admins[p.person_id]) for h in open_hosts)
    ]
    if stranded:
        raise ValidationError(
            _(
                "No possible host for %(names)s: every host with a place left works in the "
                "participant's own administration, and job shadowing is with a manager from "
                "another administration."
            )
            % {"names": ", ".join(stranded)}
        )
    places = sum(capacities[h.pk] for h in open_hosts)
    if places < len(participants):
        raise ValidationError(
            _(
                "%(n)s participants but only %(places)s places with the hosts. Add hosts or "
                "raise their capacity."
            )
            % {"n": len(participants), "places": places}
        )


HALL = re.compile(
    r"participants \(([^)]*)\) can only go to hosts \[([^\]]*)\] with total capacity (\d+)"
)


def solve_pairs(
    instance: dict[str, Any], participants: Sequence[Participant], hosts: Sequence[ShadowingHost]
) -> dict[str, Any]:
    """Run the engine; when it proves no complete match exists, name the participants who
    compete for too few places and the hosts they could go to, in Swedish."""
    try:
        return solve(instance)
    except CompositionError as exc:
        found = HALL.search(str(exc))
        if found is None:
            raise ValidationError(
                _(
                    "The hosts outside the participants' own administrations do not have places "
                    "for everyone (each host takes at most their capacity). Add hosts from other "
                    "administrations or raise a capacity."
                )
            ) from exc
        people = {str(p.pk): p.person.full_name for p in participants}
        managers = {str(h.pk): h.person.full_name for h in hosts}

        def names(ids: str, table: dict[str, str]) -> str:
            return ", ".join(table.get(i.strip(), i.strip()) for i in ids.split(",") if i.strip())

        raise ValidationError(
            _(
                "%(people)s can only go to %(hosts)s, who have %(places)s places together: job "
                "shadowing is with a manager from another administration, and each host takes at "
                "most their capacity. Add hosts from other administrations or raise a capacity."
            )
            % {
                "people": names(found.group(1).replace(" …", ""), people),
                "hosts": names(found.group(2), managers) or "–",
                "places": found.group(3),
            }
        ) from exc
