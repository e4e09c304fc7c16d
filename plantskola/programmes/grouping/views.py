"""Groups made by the composition engine: choose, run the engine in the task queue (its
groups become a named draft), look, adjust (htmx), lock and re-run, keep as a draft, compare
drafts, share them by link and apply one.

The proposal being adjusted lives in the user's session, keyed by edition; drafts are rows
(`GroupingDraft`). Nothing is written to the edition's groups before "Save" or "Apply".
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import replace
from typing import Any
from uuid import UUID

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from plantskola.access.base import Action
from plantskola.access.programmes import (
    edition_can_change,
    edition_get_for_user,
    grouping_draft_get_for_user,
    grouping_drafts_for_user,
)
from plantskola.core.pages import breadcrumbs
from plantskola.programmes.grouping import services
from plantskola.programmes.grouping.comparison import (
    draft_figures,
    draft_moves,
    draft_proposal,
)
from plantskola.programmes.grouping.forms import (
    DraftApplyForm,
    DraftKeepForm,
    GroupingForm,
    default_settings,
    settings_initial,
)
from plantskola.programmes.grouping.proposal import (
    Proposal,
    group_names,
    proposal_is_current,
    proposal_move,
    proposal_pin,
    proposal_swap,
)
from plantskola.programmes.grouping.scores import (
    current_score,
    group_tables,
    proposal_score,
    summary_size,
)
from plantskola.programmes.grouping.selectors import Member, edition_groups, grouping_members
from plantskola.programmes.models import Edition, Group, GroupingDraft
from plantskola.programmes.pages import HtmxHttpRequest, edition_trail

SESSION_KEY = "grouping"


# --- the proposal in the session -------------------------------------------------------------


def _load(request: HttpRequest, edition: Edition, members: list[Member]) -> Proposal | None:
    data = request.session.get(SESSION_KEY, {}).get(str(edition.pk))
    if not data:
        return None
    try:
        proposal = Proposal.from_dict(data)
    except (KeyError, TypeError, ValueError):
        return None
    if not proposal_is_current(members=members, proposal=proposal):
        # Someone joined or left since: the proposal cannot be saved whole any more.
        _store(request, edition, None)
        messages.warning(
            request,
            _("The participants have changed since the groups were made; make them again."),
        )
        return None
    return proposal


def _store(request: HttpRequest, edition: Edition, proposal: Proposal | None) -> None:
    store = dict(request.session.get(SESSION_KEY, {}))
    if proposal is None:
        store.pop(str(edition.pk), None)
    else:
        store[str(edition.pk)] = proposal.as_dict()
    request.session[SESSION_KEY] = store


def _under_way(request: HttpRequest, pk: int) -> tuple[Edition, list[Member], Proposal | None]:
    """The edition (for those who may change it), its members and the proposal under way."""
    edition = edition_get_for_user(request.user, pk, action=Action.CHANGE)
    members = grouping_members(edition=edition)
    return edition, members, _load(request, edition, members)


def _no_proposal(request: HttpRequest, edition: Edition) -> HttpResponse:
    messages.info(request, _("There is no grouping under way: make the groups first."))
    return redirect("programmes:grouping_start", pk=edition.pk)


# --- pages -----------------------------------------------------------------------------------


@login_required
@require_http_methods(["GET", "POST"])
def grouping_start(request: HttpRequest, pk: int) -> HttpResponse:
    """Choose the criteria and ask the engine for groups."""
    edition, members, proposal = _under_way(request, pk)
    existing = edition_groups(edition)
    settings = proposal.settings if proposal else default_settings(edition, len(existing))
    form = GroupingForm(
        request.POST or None, initial=settings_initial(settings), existing_groups=len(existing)
    )
    if request.method == "POST" and form.is_valid():
        chosen = form.to_settings()
        pins = proposal.pins if proposal else {}
        if not members:
            form.add_error(None, _("The edition has no participants to group."))
        else:
            draft = services.grouping_draft_request(
                edition=edition,
                name=form.cleaned_data["draft_name"],
                settings=chosen,
                pins=pins,
                user=request.user,  # type: ignore[arg-type]  # login_required: a User
            )
            return redirect("programmes:grouping_draft", pk=draft.pk)
    current = current_score(members=members, settings=settings, group_ids=[g.pk for g in existing])
    context = {
        "edition": edition,
        "form": form,
        "members": members,
        "existing": existing,
        "even_size": summary_size(len(members), max(1, settings.group_count)),
        "even_most": math.ceil(len(members) / max(1, settings.group_count)),
        "current": current,
        "proposal": proposal,
        "drafts": grouping_drafts_for_user(request.user, edition)[:5],
        "crumbs": breadcrumbs(edition_trail(edition), (None, _("Groups made by the engine"))),
    }
    return render(
        request, "programmes/grouping_start.html", context, status=400 if form.errors else 200
    )


def _result_context(
    edition: Edition, members: list[Member], proposal: Proposal, existing: list[Group]
) -> dict[str, Any]:
    count = proposal.settings.group_count
    names = group_names([g.name for g in existing], count)
    groups: list[dict[str, Any]] = [
        {
            "index": g,
            "number": g + 1,
            "name": names[g],
            "members": [],
            "locked": g in proposal.locked,
        }
        for g in range(count)
    ]
    for m in members:
        row = {"member": m, "pinned": m.id in proposal.pins}
        groups[proposal.assignment[m.id]]["members"].append(row)
    score = proposal_score(members=members, proposal=proposal)
    return {
        "edition": edition,
        "proposal": proposal,
        "groups": groups,
        "group_names": names,
        "pins": proposal.pins,
        "tables": group_tables(
            members=members, proposal=proposal, joint=len({m.organisation for m in members}) > 1
        ),
        "score": score,
        "current": current_score(
            members=members, settings=proposal.settings, group_ids=[g.pk for g in existing]
        ),
        "lo_hi": proposal.settings.sizes(len(members)),
    }


@login_required
def grouping_result(request: HttpRequest, pk: int) -> HttpResponse:
    """The proposal: groups, counts and score, with moves, swaps, pins, locks and save."""
    edition, members, proposal = _under_way(request, pk)
    if proposal is None:
        return _no_proposal(request, edition)
    context = _result_context(edition, members, proposal, edition_groups(edition))
    context["crumbs"] = breadcrumbs(
        edition_trail(edition),
        (reverse("programmes:grouping_start", args=[edition.pk]), _("Groups made by the engine")),
        (None, _("Proposal")),
    )
    return render(request, "programmes/grouping_result.html", context)


def _after_change(
    request: HtmxHttpRequest,
    edition: Edition,
    members: list[Member],
    proposal: Proposal,
    *,
    ok: str | None,
    error: str | None,
) -> HttpResponse:
    """htmx: the result region again (and the status line out of band); otherwise redirect."""
    if request.htmx:
        context = _result_context(edition, members, proposal, edition_groups(edition))
        context.update({"status_text": error or ok, "status_error": bool(error), "oob": True})
        return render(request, "programmes/_grouping_result.html", context)
    if error:
        messages.error(request, error)
    elif ok:
        messages.success(request, ok)
    return redirect(reverse("programmes:grouping_result", args=[edition.pk]) + "#grouping-result")


# A change to the proposal under way: the new proposal and what to tell the coordinator, or a
# ValidationError that says why not.
Change = Callable[[list[Member], Proposal], tuple[Proposal, str]]


def _adjust(request: HtmxHttpRequest, pk: int, change: Change) -> HttpResponse:
    """Apply one change to the proposal under way and keep it, or say why it was refused."""
    edition, members, proposal = _under_way(request, pk)
    if proposal is None:
        return _no_proposal(request, edition)
    try:
        new, ok = change(members, proposal)
    except ValidationError as exc:
        return _after_change(
            request, edition, members, proposal, ok=None, error=" ".join(exc.messages)
        )
    _store(request, edition, new)
    return _after_change(request, edition, members, new, ok=ok, error=None)


def _name(members: list[Member], participant_id: str) -> str:
    return next(m.name for m in members if m.id == participant_id)


def _score_text(members: list[Member], proposal: Proposal) -> str:
    score = proposal_score(members=members, proposal=proposal)
    percent = score.percent
    if percent is not None:
        return _("Score now %(p).1f %% of the proven bound.") % {"p": percent}
    return _("Score now %(o).1f.") % {"o": score.objective}


@login_required
@require_POST
def grouping_move(request: HtmxHttpRequest, pk: int) -> HttpResponse:
    pid = request.POST.get("participant", "")

    def move(members: list[Member], proposal: Proposal) -> tuple[Proposal, str]:
        try:
            group = int(request.POST.get("group", ""))
        except ValueError as exc:
            raise ValidationError(_("Choose a group.")) from exc
        new = proposal_move(members=members, proposal=proposal, participant_id=pid, group=group)
        ok = _("%(name)s moved to group %(g)d.") % {"name": _name(members, pid), "g": group + 1}
        return new, f"{ok} {_score_text(members, new)}"

    return _adjust(request, pk, move)


@login_required
@require_POST
def grouping_swap(request: HtmxHttpRequest, pk: int) -> HttpResponse:
    # Two people ticked in the member lists (`swap`), or named as `first` and `second`.
    ticked = request.POST.getlist("swap")
    first, second = request.POST.get("first", ""), request.POST.get("second", "")
    if not (first or second):
        first, second = (ticked + ["", ""])[:2] if len(ticked) == 2 else ("", "")

    def swap(members: list[Member], proposal: Proposal) -> tuple[Proposal, str]:
        if not (first and second):
            raise ValidationError(
                _("Tick exactly two people to swap (%(count)s ticked).") % {"count": len(ticked)}
            )
        new = proposal_swap(members=members, proposal=proposal, first=first, second=second)
        ok = _("%(a)s and %(b)s swapped groups.") % {
            "a": _name(members, first),
            "b": _name(members, second),
        }
        return new, f"{ok} {_score_text(members, new)}"

    return _adjust(request, pk, swap)


@login_required
@require_POST
def grouping_pin(request: HtmxHttpRequest, pk: int) -> HttpResponse:
    pid = request.POST.get("participant", "")
    pinned = request.POST.get("pinned") == "1"

    def pin(members: list[Member], proposal: Proposal) -> tuple[Proposal, str]:
        new = proposal_pin(proposal=proposal, participant_id=pid, pinned=pinned)
        name = _name(members, pid)
        if pinned:
            group = new.assignment[pid] + 1
            return new, _("%(name)s is pinned to group %(g)d.") % {"name": name, "g": group}
        return new, _("%(name)s is no longer pinned.") % {"name": name}

    return _adjust(request, pk, pin)


@login_required
@require_POST
def grouping_rerun(request: HttpRequest, pk: int) -> HttpResponse:
    """Keep the locked groups exactly as they are and let the engine regroup the rest, in the
    task queue: the result is a new draft."""
    edition, members, proposal = _under_way(request, pk)
    if proposal is None:
        return _no_proposal(request, edition)
    try:
        locked = sorted({int(v) for v in request.POST.getlist("locked")})
    except ValueError:
        messages.error(request, _("Unknown group."))
        return redirect("programmes:grouping_result", pk=edition.pk)
    count = proposal.settings.group_count
    if any(not 0 <= g < count for g in locked):
        messages.error(request, _("Unknown group."))
        return redirect("programmes:grouping_result", pk=edition.pk)
    if len(locked) == count:
        messages.error(request, _("Every group is locked: unlock at least one to re-run."))
        return redirect("programmes:grouping_result", pk=edition.pk)
    draft = services.grouping_draft_request(
        edition=edition,
        name="",
        settings=proposal.settings,
        pins=proposal.pins,
        user=request.user,  # type: ignore[arg-type]  # login_required: a User
        locked_from=replace(proposal, locked=locked),
    )
    return redirect("programmes:grouping_draft", pk=draft.pk)


@login_required
@require_POST
def grouping_save(request: HttpRequest, pk: int) -> HttpResponse:
    edition, members, proposal = _under_way(request, pk)
    if proposal is None:
        return _no_proposal(request, edition)
    try:
        services.grouping_save(edition=edition, proposal=proposal)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
        return redirect("programmes:grouping_result", pk=edition.pk)
    _store(request, edition, None)
    messages.success(
        request,
        _("The groups were saved: %(n)d participants in %(k)d groups.")
        % {"n": len(members), "k": proposal.settings.group_count},
    )
    return redirect("programmes:edition_detail", pk=edition.pk)


# --- drafts ----------------------------------------------------------------------------------


def _drafts_crumb(edition: Edition) -> tuple[str, str]:
    return (reverse("programmes:grouping_drafts", args=[edition.pk]), _("Grouping drafts"))


@login_required
@require_POST
def grouping_draft_keep(request: HttpRequest, pk: int) -> HttpResponse:
    """Keep the proposal under way (with the coordinator's moves) as a named draft."""
    edition, members, proposal = _under_way(request, pk)
    if proposal is None:
        return _no_proposal(request, edition)
    form = DraftKeepForm(request.POST)
    name = form.cleaned_data["name"] if form.is_valid() else ""
    try:
        draft = services.grouping_draft_keep(
            edition=edition,
            name=name,
            proposal=proposal,
            user=request.user,  # type: ignore[arg-type]  # login_required: a User
        )
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
        return redirect("programmes:grouping_result", pk=edition.pk)
    messages.success(request, _("The groups were kept as the draft %(name)s.") % {"name": draft})
    return redirect("programmes:grouping_draft", pk=draft.pk)


@login_required
@require_GET
def grouping_drafts(request: HttpRequest, pk: int) -> HttpResponse:
    """The edition's drafts, newest first, with a choice of drafts to compare."""
    edition = edition_get_for_user(request.user, pk, action=Action.VIEW_PARTICIPANTS)
    drafts = list(grouping_drafts_for_user(request.user, edition).select_related("created_by"))
    context = {
        "edition": edition,
        "drafts": drafts,
        "can_change": edition_can_change(request.user, edition),
        "crumbs": breadcrumbs(edition_trail(edition), (None, _("Grouping drafts"))),
    }
    return render(request, "programmes/grouping_drafts.html", context)


@login_required
@require_GET
def grouping_draft_compare(request: HttpRequest, pk: int) -> HttpResponse:
    """Two or more drafts side by side: score, sizes, spread, teams kept together, moves."""
    edition = edition_get_for_user(request.user, pk, action=Action.VIEW_PARTICIPANTS)
    wanted = request.GET.getlist("draft")
    drafts = grouping_drafts_for_user(request.user, edition)
    chosen = [d for d in drafts if str(d.pk) in wanted]
    members = grouping_members(edition=edition)
    columns = [
        f
        for f in (draft_figures(edition=edition, members=members, draft=d) for d in chosen)
        if f is not None
    ]
    context = {
        "edition": edition,
        "columns": columns,
        "crumbs": breadcrumbs(
            edition_trail(edition), _drafts_crumb(edition), (None, _("Compare drafts"))
        ),
    }
    status = 200 if len(columns) >= 2 else 400
    return render(request, "programmes/grouping_compare.html", context, status=status)


def _draft_groups(
    edition: Edition, members: list[Member], proposal: Proposal
) -> list[dict[str, Any]]:
    names = group_names([g.name for g in edition_groups(edition)], proposal.settings.group_count)
    groups: list[dict[str, Any]] = [
        {"index": g, "name": names[g], "members": []} for g in range(proposal.settings.group_count)
    ]
    for m in members:
        if m.id in proposal.assignment:
            groups[proposal.assignment[m.id]]["members"].append(m)
    return groups


@never_cache
@login_required
@require_GET
def grouping_draft(request: HttpRequest, pk: UUID) -> HttpResponse:
    """A draft by its link: its progress while the engine runs (htmx polls the status), then
    its groups and scores; read-only, with adjust and apply for those who run the edition."""
    draft = grouping_draft_get_for_user(request.user, pk)
    if request.headers.get("HX-Request"):
        # The polled status: progress while the engine runs, then a link to the groups.
        return render(request, "programmes/_grouping_draft_status.html", _status(draft))
    edition = draft.edition
    context: dict[str, Any] = {
        **_status(draft),
        "edition": edition,
        "can_change": edition_can_change(request.user, edition),
        "share_url": request.build_absolute_uri(),
        "crumbs": breadcrumbs(edition_trail(edition), _drafts_crumb(edition), (None, draft.name)),
    }
    proposal = draft_proposal(draft)
    if proposal is not None:
        members = grouping_members(edition=edition)
        current = proposal_is_current(members=members, proposal=proposal)
        context.update(
            {
                "proposal": proposal,
                "stale": not current,
                "groups": _draft_groups(edition, members, proposal),
            }
        )
        if current:
            context.update(
                {
                    "score": proposal_score(members=members, proposal=proposal),
                    "tables": group_tables(
                        members=members,
                        proposal=proposal,
                        joint=len({m.organisation for m in members}) > 1,
                    ),
                    "group_names": [g["name"] for g in context["groups"]],
                    "moves": draft_moves(edition=edition, members=members, proposal=proposal),
                }
            )
    return render(request, "programmes/grouping_draft.html", context)


def _status(draft: GroupingDraft) -> dict[str, Any]:
    """The draft's progress: seconds since the engine started out of its time limit."""
    limit = float(draft.settings.get("time_limit", 0) or 0)
    elapsed = 0.0
    if draft.started_at is not None:
        end = draft.finished_at or timezone.now()
        elapsed = max(0.0, (end - draft.started_at).total_seconds())
    return {
        "draft": draft,
        "elapsed": round(min(elapsed, limit) if limit else elapsed),
        "limit": round(limit),
    }


@login_required
@require_POST
def grouping_draft_edit(request: HttpRequest, pk: UUID) -> HttpResponse:
    """Take the draft's groups as the proposal under way, to move, swap, pin and re-run."""
    draft = grouping_draft_get_for_user(request.user, pk, action=Action.CHANGE)
    edition = draft.edition
    proposal = draft_proposal(draft)
    members = grouping_members(edition=edition)
    if proposal is None or not proposal_is_current(members=members, proposal=proposal):
        messages.error(
            request,
            _("The participants have changed since the draft was made; make it again."),
        )
        return redirect("programmes:grouping_draft", pk=draft.pk)
    _store(request, edition, proposal)
    return redirect("programmes:grouping_result", pk=edition.pk)


@login_required
@require_POST
def grouping_draft_apply(request: HttpRequest, pk: UUID) -> HttpResponse:
    """Step one names everyone who moves (the confirmation); step two, with `confirm`,
    replaces the edition's groups by the draft's."""
    draft = grouping_draft_get_for_user(request.user, pk, action=Action.CHANGE)
    edition = draft.edition
    back = reverse("programmes:grouping_draft", args=[draft.pk])
    proposal = draft_proposal(draft)
    members = grouping_members(edition=edition)
    if proposal is None or not proposal_is_current(members=members, proposal=proposal):
        messages.error(
            request,
            _("The participants have changed since the draft was made; make it again."),
        )
        return redirect(back)
    moves = draft_moves(edition=edition, members=members, proposal=proposal)
    form = DraftApplyForm(request.POST)
    if "confirm" not in request.POST or not form.is_valid():
        title = _("Apply the draft")
        context = {
            "draft": draft,
            "edition": edition,
            "moves": moves,
            "title": title,
            "crumbs": breadcrumbs(
                edition_trail(edition), _drafts_crumb(edition), (back, draft.name), (None, title)
            ),
        }
        return render(request, "programmes/grouping_draft_apply.html", context)
    try:
        moved = services.grouping_draft_apply(
            draft=draft, expected_moves=form.cleaned_data["expected_moves"] or 0
        )
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
        return redirect(back)
    messages.success(
        request,
        _("The draft %(name)s was applied: %(n)d people changed group.")
        % {"name": draft.name, "n": moved},
    )
    return redirect("programmes:edition_detail", pk=edition.pk)
