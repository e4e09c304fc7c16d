"""Running a queued engine run (called by `tasks.run_grouping_draft`): the engine's groups
become the draft's proposal; a grouping that cannot be made leaves the reason instead."""

from __future__ import annotations

from django.utils import formats, timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from plantskola.programmes.grouping.compose import GroupingError, grouping_compose
from plantskola.programmes.grouping.instance import GroupingSettings
from plantskola.programmes.grouping.proposal import Proposal
from plantskola.programmes.grouping.selectors import grouping_members
from plantskola.programmes.models import GroupingDraft


def grouping_draft_run(*, draft_id: str) -> GroupingDraft:
    draft = GroupingDraft.objects.select_related("edition").get(pk=draft_id)
    if draft.state != GroupingDraft.State.PENDING:
        return draft  # already run (a task delivered twice changes nothing)
    draft.state = GroupingDraft.State.RUNNING
    draft.started_at = timezone.now()
    draft.save(update_fields=["state", "started_at"])
    members = grouping_members(edition=draft.edition)
    try:
        settings = GroupingSettings.from_dict(draft.settings)
        pins = {pid: int(g) for pid, g in draft.pins.items()}
        # A re-run with locked groups: the proposal they are kept from waits in the draft.
        locked_from = Proposal.from_dict(draft.proposal) if draft.proposal else None
        proposal = grouping_compose(
            members=members,
            settings=settings,
            pins=pins,
            locked_from=locked_from,
            locked=locked_from.locked if locked_from else None,
        )
    except GroupingError as exc:
        draft.state = GroupingDraft.State.FAILED
        draft.proposal = None
        draft.message = exc.message[:500]
    except (KeyError, TypeError, ValueError):
        draft.state = GroupingDraft.State.FAILED
        draft.proposal = None
        draft.message = _("The choices could not be read; make the groups again.")
    else:
        draft.state = GroupingDraft.State.READY
        draft.proposal = proposal.as_dict()
        draft.message = ngettext(
            "The engine made %(k)d group in %(s)s s.",
            "The engine made %(k)d groups in %(s)s s.",
            settings.group_count,
        ) % {
            "k": settings.group_count,
            # As the result page writes it ("5,00 s"): the locale's decimal comma.
            "s": formats.number_format(proposal.seconds, 2),
        }
    draft.finished_at = timezone.now()
    draft.save(update_fields=["state", "proposal", "message", "finished_at"])
    return draft
