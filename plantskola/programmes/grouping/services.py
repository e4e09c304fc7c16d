"""Saving a grouping: every participant gets their group, whole or not at all; drafts kept,
queued for the engine and applied."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from plantskola.core.models import User
from plantskola.programmes.grouping.comparison import draft_moves, draft_proposal
from plantskola.programmes.grouping.instance import GroupingSettings
from plantskola.programmes.grouping.proposal import (
    Proposal,
    assignment_check,
    group_names,
    proposal_is_current,
)
from plantskola.programmes.grouping.selectors import grouping_members
from plantskola.programmes.grouping.tasks import run_grouping_draft
from plantskola.programmes.models import Edition, Group, GroupingDraft, Participant


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


def _draft_name(edition: Edition, name: str) -> str:
    name = name.strip()[:200]
    if name:
        return name
    count = GroupingDraft.objects.filter(edition=edition).count()
    return _("Draft %(n)d") % {"n": count + 1}


@transaction.atomic
def grouping_draft_request(
    *,
    edition: Edition,
    name: str,
    settings: GroupingSettings,
    pins: dict[str, int],
    user: User,
    locked_from: Proposal | None = None,
) -> GroupingDraft:
    """Queue an engine run: a waiting draft, which the worker fills after commit. With
    `locked_from` (a proposal whose `locked` groups are to be kept exactly), the engine
    regroups everyone else; that proposal waits in the draft until the run replaces it."""
    draft = GroupingDraft.objects.create(
        edition=edition,
        name=_draft_name(edition, name),
        settings=settings.as_dict(),
        pins=pins,
        proposal=locked_from.as_dict() if locked_from is not None else None,
        created_by=user,
    )
    transaction.on_commit(lambda: run_grouping_draft.enqueue(str(draft.pk)))
    return draft


@transaction.atomic
def grouping_draft_keep(
    *, edition: Edition, name: str, proposal: Proposal, user: User
) -> GroupingDraft:
    """Keep a proposal (the one under way, adjusted by hand) as a ready draft."""
    if not proposal_is_current(members=grouping_members(edition=edition), proposal=proposal):
        raise ValidationError(
            _("The participants have changed since the groups were made; make them again.")
        )
    now = timezone.now()
    return GroupingDraft.objects.create(
        edition=edition,
        name=_draft_name(edition, name),
        state=GroupingDraft.State.READY,
        settings=proposal.settings.as_dict(),
        pins=proposal.pins,
        proposal=proposal.as_dict(),
        created_by=user,
        started_at=now,
        finished_at=now,
    )


@transaction.atomic
def grouping_draft_apply(*, draft: GroupingDraft, expected_moves: int) -> int:
    """Replace the edition's groups by the draft's; refused (ValidationError, nothing changed)
    when the draft is not ready or who moves is no longer what the confirmation said.
    Returns how many people moved."""
    edition = draft.edition
    proposal = draft_proposal(draft)
    if proposal is None:
        raise ValidationError(_("The draft has no groups to apply."))
    members = grouping_members(edition=edition)
    if not proposal_is_current(members=members, proposal=proposal):
        raise ValidationError(
            _("The participants have changed since the draft was made; make it again.")
        )
    moves = draft_moves(edition=edition, members=members, proposal=proposal)
    if len(moves) != expected_moves:
        raise ValidationError(
            _(
                "The groups have changed since you confirmed: %(now)d people would move, "
                "not %(then)d. Check again before you apply."
            )
            % {"now": len(moves), "then": expected_moves}
        )
    grouping_save(edition=edition, proposal=proposal)
    draft.applied_at = timezone.now()
    draft.save(update_fields=["applied_at"])
    return len(moves)
