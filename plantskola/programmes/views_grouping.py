"""Groups made by the composition engine: choose, look, adjust (htmx), lock and re-run, save.

The proposal lives in the user's session, keyed by edition, until it is saved; nothing is
written to the edition before "Save".
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.conf import settings as django_settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods, require_POST

from plantskola.access.actions import get_for_action_or_404
from plantskola.access.base import Action
from plantskola.access.programmes import editions_for_user
from plantskola.programmes import grouping
from plantskola.programmes.grouping import GroupingError, GroupingSettings, Member, Proposal
from plantskola.programmes.models import Edition, Group

SESSION_KEY = "grouping"


class GroupingForm(forms.Form):
    group_count = forms.IntegerField(
        label=gettext_lazy("Number of groups"), min_value=1, max_value=60, required=False
    )
    use_existing_groups = forms.BooleanField(
        label=gettext_lazy("Use the edition's existing groups"), required=False
    )
    min_size = forms.IntegerField(
        label=gettext_lazy("Smallest group"),
        min_value=0,
        required=False,
        help_text=gettext_lazy("Leave both sizes empty for groups as even as possible."),
    )
    max_size = forms.IntegerField(label=gettext_lazy("Largest group"), min_value=1, required=False)
    weight_administration = forms.IntegerField(
        label=gettext_lazy("Mix administrations (weight)"), min_value=0, max_value=10
    )
    weight_organisation = forms.IntegerField(
        label=gettext_lazy("Mix organisations (weight)"), min_value=0, max_value=10
    )
    weight_gender = forms.IntegerField(
        label=gettext_lazy("Mix genders (weight)"), min_value=0, max_value=10
    )
    weight_age_band = forms.IntegerField(
        label=gettext_lazy("Mix age bands (weight)"),
        min_value=0,
        max_value=10,
        help_text=gettext_lazy("Age bands: under 30, 30–39, 40–49, 50–59, 60 and over."),
    )
    weight_role = forms.IntegerField(
        label=gettext_lazy("Mix roles (weight)"), min_value=0, max_value=10
    )
    role_by = forms.ChoiceField(
        label=gettext_lazy("Role means"),
        choices=[
            ("manager", gettext_lazy("Manager or not")),
            ("title", gettext_lazy("Title")),
        ],
    )
    keep_teams = forms.BooleanField(
        label=gettext_lazy("Keep management teams together"),
        required=False,
        help_text=gettext_lazy(
            "A management team: an administration's head and the managers who report "
            "directly to them, among the participants."
        ),
    )
    teams_in_first = forms.IntegerField(
        label=gettext_lazy("Put the management teams in the first groups (how many)"),
        min_value=0,
        max_value=60,
        required=False,
        help_text=gettext_lazy("0 or empty: the teams may go in any group."),
    )
    keep_apart = forms.BooleanField(
        label=gettext_lazy("Keep a manager apart from their own manager"),
        required=False,
        help_text=gettext_lazy("Keeping a management team together wins over this."),
    )
    time_limit = forms.IntegerField(
        label=gettext_lazy("Time for the engine (seconds)"), min_value=1, max_value=30
    )

    def __init__(self, *args: Any, existing_groups: int, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.existing_groups = existing_groups

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("use_existing_groups"):
            if not self.existing_groups:
                self.add_error(
                    "use_existing_groups", _("The edition has no groups yet: choose a number.")
                )
        elif not data.get("group_count"):
            self.add_error("group_count", _("Choose the number of groups."))
        lo, hi = data.get("min_size"), data.get("max_size")
        if (lo is None) != (hi is None):
            self.add_error("max_size", _("Give both sizes, or neither."))
        elif lo is not None and hi is not None and lo > hi:
            self.add_error("max_size", _("The largest group cannot be smaller than the smallest."))
        return data

    def to_settings(self) -> GroupingSettings:
        data = self.cleaned_data
        count = self.existing_groups if data["use_existing_groups"] else data["group_count"]
        return GroupingSettings(
            group_count=count,
            use_existing_groups=data["use_existing_groups"],
            min_size=data["min_size"],
            max_size=data["max_size"],
            weights={name: float(data[f"weight_{name}"]) for name in grouping.CRITERIA},
            role_by=data["role_by"],
            keep_teams=data["keep_teams"],
            keep_apart=data["keep_apart"],
            teams_in_first=data["teams_in_first"] or 0,
            time_limit=float(data["time_limit"]),
        )


def _initial(settings: GroupingSettings) -> dict[str, Any]:
    return {
        "group_count": settings.group_count,
        "use_existing_groups": settings.use_existing_groups,
        "min_size": settings.min_size,
        "max_size": settings.max_size,
        **{f"weight_{k}": int(v) for k, v in settings.weights.items()},
        "role_by": settings.role_by,
        "keep_teams": settings.keep_teams,
        "teams_in_first": settings.teams_in_first or None,
        "keep_apart": settings.keep_apart,
        "time_limit": int(settings.time_limit),
    }


def _default_settings(edition: Edition, existing: int) -> GroupingSettings:
    settings = GroupingSettings(
        group_count=existing or 2,
        use_existing_groups=bool(existing),
        time_limit=float(
            getattr(django_settings, "GROUPING_TIME_LIMIT", grouping.DEFAULT_TIME_LIMIT)
        ),
    )
    if edition.partners.exists():
        settings.weights["organisation"] = 2.0
    return settings


# --- the proposal in the session -------------------------------------------------------------


def _load(request: HttpRequest, edition: Edition, members: list[Member]) -> Proposal | None:
    data = request.session.get(SESSION_KEY, {}).get(str(edition.pk))
    if not data:
        return None
    try:
        proposal = Proposal.from_dict(data)
    except (KeyError, TypeError, ValueError):
        return None
    if not grouping.proposal_is_current(members=members, proposal=proposal):
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


def _edition(request: HttpRequest, pk: int) -> Edition:
    return get_for_action_or_404(
        request.user,
        editions_for_user(request.user).select_related("programme__organisation"),
        Action.CHANGE,
        pk=pk,
    )


def _crumbs(edition: Edition, *last: tuple[str | None, str]) -> list[tuple[str | None, str]]:
    return [
        (reverse("programme_list"), _("Programmes")),
        (reverse("programme_detail", args=[edition.programme_id]), edition.programme.name),
        (reverse("edition_detail", args=[edition.pk]), edition.name),
        *last,
    ]


def _existing_groups(edition: Edition) -> list[Group]:
    return list(Group.objects.filter(edition=edition).order_by("order", "name"))


def _no_proposal(request: HttpRequest, edition: Edition) -> HttpResponse:
    messages.info(request, _("There is no grouping under way: make the groups first."))
    return redirect("grouping_start", pk=edition.pk)


# --- pages -----------------------------------------------------------------------------------


@login_required
@require_http_methods(["GET", "POST"])
def grouping_start(request: HttpRequest, pk: int) -> HttpResponse:
    """Choose the criteria and ask the engine for groups."""
    edition = _edition(request, pk)
    members = grouping.grouping_members(edition=edition)
    existing = _existing_groups(edition)
    proposal = _load(request, edition, members)
    settings = proposal.settings if proposal else _default_settings(edition, len(existing))
    form = GroupingForm(
        request.POST or None, initial=_initial(settings), existing_groups=len(existing)
    )
    if request.method == "POST" and form.is_valid():
        chosen = form.to_settings()
        pins = proposal.pins if proposal else {}
        try:
            new = grouping.grouping_compose(members=members, settings=chosen, pins=pins)
        except GroupingError as exc:
            form.add_error(None, exc.message)
        else:
            _store(request, edition, new)
            messages.success(
                request,
                _("The engine made %(k)d groups in %(s).2f seconds.")
                % {"k": chosen.group_count, "s": new.seconds},
            )
            return redirect("grouping_result", pk=edition.pk)
    current = grouping.current_score(
        members=members, settings=settings, group_ids=[g.pk for g in existing]
    )
    context = {
        "edition": edition,
        "form": form,
        "members": members,
        "existing": existing,
        "even_size": grouping.summary_size(len(members), max(1, settings.group_count)),
        "current": current,
        "proposal": proposal,
        "crumbs": _crumbs(edition, (None, _("Groups made by the engine"))),
    }
    return render(
        request, "programmes/grouping_start.html", context, status=400 if form.errors else 200
    )


def _result_context(
    edition: Edition, members: list[Member], proposal: Proposal, existing: list[Group]
) -> dict[str, Any]:
    count = proposal.settings.group_count
    names = grouping.group_names([g.name for g in existing], count)
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
    score = grouping.proposal_score(members=members, proposal=proposal)
    return {
        "edition": edition,
        "proposal": proposal,
        "groups": groups,
        "group_names": names,
        "pins": proposal.pins,
        "tables": grouping.group_tables(
            members=members, proposal=proposal, joint=len({m.organisation for m in members}) > 1
        ),
        "score": score,
        "current": grouping.current_score(
            members=members, settings=proposal.settings, group_ids=[g.pk for g in existing]
        ),
        "lo_hi": proposal.settings.sizes(len(members)),
    }


@login_required
def grouping_result(request: HttpRequest, pk: int) -> HttpResponse:
    """The proposal: groups, counts and score, with moves, swaps, pins, locks and save."""
    edition = _edition(request, pk)
    members = grouping.grouping_members(edition=edition)
    proposal = _load(request, edition, members)
    if proposal is None:
        return _no_proposal(request, edition)
    context = _result_context(edition, members, proposal, _existing_groups(edition))
    context["crumbs"] = _crumbs(
        edition,
        (reverse("grouping_start", args=[edition.pk]), _("Groups made by the engine")),
        (None, _("Proposal")),
    )
    return render(request, "programmes/grouping_result.html", context)


def _after_change(
    request: HttpRequest,
    edition: Edition,
    members: list[Member],
    proposal: Proposal,
    *,
    ok: str | None,
    error: str | None,
) -> HttpResponse:
    """htmx: the result region again (and the status line out of band); otherwise redirect."""
    if request.htmx:  # type: ignore[attr-defined]
        context = _result_context(edition, members, proposal, _existing_groups(edition))
        context.update({"status_text": error or ok, "status_error": bool(error), "oob": True})
        return render(request, "programmes/_grouping_result.html", context)
    if error:
        messages.error(request, error)
    elif ok:
        messages.success(request, ok)
    return redirect(reverse("grouping_result", args=[edition.pk]) + "#grouping-result")


def _changed(
    request: HttpRequest, edition: Edition, members: list[Member], proposal: Proposal, new: Proposal
) -> tuple[Proposal, str | None, str | None]:
    score = grouping.proposal_score(members=members, proposal=new)
    _store(request, edition, new)
    percent = score.percent
    text = (
        _("Score now %(p).1f %% of the proven bound.") % {"p": percent}
        if percent is not None
        else _("Score now %(o).1f.") % {"o": score.objective}
    )
    return new, text, None


@login_required
@require_POST
def grouping_move(request: HttpRequest, pk: int) -> HttpResponse:
    edition = _edition(request, pk)
    members = grouping.grouping_members(edition=edition)
    proposal = _load(request, edition, members)
    if proposal is None:
        return _no_proposal(request, edition)
    names = {m.id: m.name for m in members}
    pid = request.POST.get("participant", "")
    try:
        group = int(request.POST.get("group", ""))
        new = grouping.proposal_move(
            members=members, proposal=proposal, participant_id=pid, group=group
        )
    except ValueError:
        return _after_change(
            request, edition, members, proposal, ok=None, error=_("Choose a group.")
        )
    except ValidationError as exc:
        return _after_change(
            request, edition, members, proposal, ok=None, error=" ".join(exc.messages)
        )
    proposal, score_text, _none = _changed(request, edition, members, proposal, new)
    ok = _("%(name)s moved to group %(g)d.") % {"name": names[pid], "g": group + 1}
    return _after_change(request, edition, members, proposal, ok=f"{ok} {score_text}", error=None)


@login_required
@require_POST
def grouping_swap(request: HttpRequest, pk: int) -> HttpResponse:
    edition = _edition(request, pk)
    members = grouping.grouping_members(edition=edition)
    proposal = _load(request, edition, members)
    if proposal is None:
        return _no_proposal(request, edition)
    names = {m.id: m.name for m in members}
    first, second = request.POST.get("first", ""), request.POST.get("second", "")
    try:
        new = grouping.proposal_swap(members=members, proposal=proposal, first=first, second=second)
    except ValidationError as exc:
        return _after_change(
            request, edition, members, proposal, ok=None, error=" ".join(exc.messages)
        )
    proposal, score_text, _none = _changed(request, edition, members, proposal, new)
    ok = _("%(a)s and %(b)s swapped groups.") % {"a": names[first], "b": names[second]}
    return _after_change(request, edition, members, proposal, ok=f"{ok} {score_text}", error=None)


@login_required
@require_POST
def grouping_pin(request: HttpRequest, pk: int) -> HttpResponse:
    edition = _edition(request, pk)
    members = grouping.grouping_members(edition=edition)
    proposal = _load(request, edition, members)
    if proposal is None:
        return _no_proposal(request, edition)
    names = {m.id: m.name for m in members}
    pid = request.POST.get("participant", "")
    pinned = request.POST.get("pinned") == "1"
    try:
        new = grouping.proposal_pin(proposal=proposal, participant_id=pid, pinned=pinned)
    except ValidationError as exc:
        return _after_change(
            request, edition, members, proposal, ok=None, error=" ".join(exc.messages)
        )
    _store(request, edition, new)
    group = new.assignment[pid] + 1
    ok = (
        _("%(name)s is pinned to group %(g)d.") % {"name": names[pid], "g": group}
        if pinned
        else _("%(name)s is no longer pinned.") % {"name": names[pid]}
    )
    return _after_change(request, edition, members, new, ok=ok, error=None)


@login_required
@require_POST
def grouping_rerun(request: HttpRequest, pk: int) -> HttpResponse:
    """Keep the locked groups exactly as they are and let the engine regroup the rest."""
    edition = _edition(request, pk)
    members = grouping.grouping_members(edition=edition)
    proposal = _load(request, edition, members)
    if proposal is None:
        return _no_proposal(request, edition)
    try:
        locked = sorted({int(v) for v in request.POST.getlist("locked")})
        new = grouping.grouping_compose(
            members=members,
            settings=proposal.settings,
            pins=proposal.pins,
            locked_from=proposal,
            locked=locked,
        )
    except ValueError:
        messages.error(request, _("Unknown group."))
    except GroupingError as exc:
        messages.error(request, exc.message)
    else:
        _store(request, edition, new)
        messages.success(
            request,
            _("The engine made the unlocked groups again in %(s).2f seconds.") % {"s": new.seconds},
        )
    return redirect("grouping_result", pk=edition.pk)


@login_required
@require_POST
def grouping_save(request: HttpRequest, pk: int) -> HttpResponse:
    edition = _edition(request, pk)
    members = grouping.grouping_members(edition=edition)
    proposal = _load(request, edition, members)
    if proposal is None:
        return _no_proposal(request, edition)
    try:
        grouping.grouping_save(edition=edition, proposal=proposal)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
        return redirect("grouping_result", pk=edition.pk)
    _store(request, edition, None)
    messages.success(
        request,
        _("The groups were saved: %(n)d participants in %(k)d groups.")
        % {"n": len(members), "k": proposal.settings.group_count},
    )
    return redirect("edition_detail", pk=edition.pk)
