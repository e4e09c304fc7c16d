"""Saving a grouping: every participant gets their group, whole or not at all."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from plantskola.programmes.grouping.proposal import (
    Proposal,
    assignment_check,
    group_names,
    proposal_is_current,
)
from plantskola.programmes.grouping.selectors import grouping_members
from plantskola.programmes.models import Edition, Group, Participant


@transaction.atomic
def grouping_save(*, edition: Edition, proposal: Proposal) -> list[Group]:
    """Give every participant their group, creating missing groups; all or nothing."""
    members = grouping_members(edition=edition)
    if not proposal_is_current(members=members, proposal=proposal):
        raise ValidationError(
            _("The participants have changed since the groups were made; make them again.")
        )
    assignment_check(members=members, proposal=proposal, assignment=proposal.assignment)
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
