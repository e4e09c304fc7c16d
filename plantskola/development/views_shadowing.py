"""Job-shadowing pages: the coordinator's round, participants' preferences, the host's answer
(personal link or after login), the agreed dates, and everyone's own view."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Prefetch
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_POST

from plantskola.access.actions import get_for_action_or_404
from plantskola.access.base import Action, get_visible_or_404
from plantskola.access.development import (
    shadowing_can_manage,
    shadowing_can_schedule,
    shadowing_matches_for_user,
    shadowing_people_filter,
    shadowing_rounds_for_user,
)
from plantskola.access.principal import principal
from plantskola.access.programmes import editions_for_user
from plantskola.development import shadowing
from plantskola.development.forms_shadowing import (
    DeclineForm,
    HostAddForm,
    HostCapacityForm,
    PreferenceForm,
    RoundForm,
    ScheduleForm,
)
from plantskola.development.models_shadowing import (
    ShadowingHost,
    ShadowingMatch,
    ShadowingPreference,
    ShadowingRound,
)
from plantskola.programmes.calendar.ics import TZ
from plantskola.programmes.models import Edition, Participant


def _round(request: HttpRequest, pk: int, *, manage: bool = False) -> ShadowingRound:
    """Fetch-and-authorise a round: 404 if not visible, 403 if `manage` and not running it."""
    round = get_visible_or_404(
        shadowing_rounds_for_user(request.user).select_related("edition__programme__organisation"),
        pk=pk,
    )
    if manage and not shadowing_can_manage(request.user, round):
        raise PermissionDenied
    return round


def _crumbs(round: ShadowingRound, *extra: tuple[str | None, str]) -> list[tuple[str | None, str]]:
    edition = round.edition
    return [
        (reverse("programme_detail", args=[edition.programme_id]), edition.programme.name),
        (reverse("edition_detail", args=[edition.pk]), edition.name),
        (reverse("shadowing_round_list", args=[edition.pk]), _("Job shadowing")),
        (reverse("shadowing_round_detail", args=[round.pk]), round.name),
        *extra,
    ]


def _error(request: HttpRequest, exc: ValidationError) -> None:
    messages.error(request, " ".join(exc.messages))


@login_required
def round_list(request: HttpRequest, edition_pk: int) -> HttpResponse:
    edition = get_visible_or_404(
        editions_for_user(request.user).select_related("programme"), pk=edition_pk
    )
    rounds = shadowing_rounds_for_user(request.user).filter(edition=edition)
    can_manage = shadowing_can_manage(request.user, ShadowingRound(edition=edition))
    context = {
        "edition": edition,
        "rounds": rounds,
        "can_manage": can_manage,
        "crumbs": [
            (reverse("programme_detail", args=[edition.programme_id]), edition.programme.name),
            (reverse("edition_detail", args=[edition.pk]), edition.name),
            (None, _("Job shadowing")),
        ],
    }
    return render(request, "development/shadowing/round_list.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def round_create(request: HttpRequest, edition_pk: int) -> HttpResponse:
    edition: Edition = get_for_action_or_404(
        request.user, editions_for_user(request.user), Action.CHANGE, pk=edition_pk
    )
    form = RoundForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            round = shadowing.round_create(edition=edition, **form.cleaned_data)
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, _("The round is open. Add the host managers."))
            return redirect("shadowing_round_detail", round.pk)
    context = {
        "title": _("New job-shadowing round"),
        "form": form,
        "cancel_url": reverse("shadowing_round_list", args=[edition.pk]),
        "crumbs": [
            (reverse("edition_detail", args=[edition.pk]), edition.name),
            (reverse("shadowing_round_list", args=[edition.pk]), _("Job shadowing")),
            (None, _("New round")),
        ],
    }
    return render(request, "form_page.html", context, status=400 if form.errors else 200)


@login_required
@require_http_methods(["GET", "POST"])
def round_update(request: HttpRequest, pk: int) -> HttpResponse:
    round = _round(request, pk, manage=True)
    form = RoundForm(
        request.POST or None,
        initial={
            "name": round.name,
            "period_start": round.period_start,
            "period_end": round.period_end,
        },
    )
    if request.method == "POST" and form.is_valid():
        try:
            shadowing.round_update(round=round, **form.cleaned_data)
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, _("The round was saved."))
            return redirect("shadowing_round_detail", round.pk)
    context = {
        "title": _("Edit the round"),
        "form": form,
        "cancel_url": reverse("shadowing_round_detail", args=[round.pk]),
        "crumbs": _crumbs(round, (None, _("Edit the round"))),
    }
    return render(request, "form_page.html", context, status=400 if form.errors else 200)


@login_required
def round_detail(request: HttpRequest, pk: int) -> HttpResponse:
    round = _round(request, pk)
    manage = shadowing_can_manage(request.user, round)
    people = shadowing_people_filter(request.user, round)
    participants = shadowing.round_participants(round)
    if people is not None:
        participants = participants.filter(people)
    participants = participants.prefetch_related(
        Prefetch(
            "shadowing_preferences",
            queryset=ShadowingPreference.objects.filter(round=round).select_related("host__person"),
            to_attr="wishes",
        )
    )
    matches = list(
        shadowing_matches_for_user(request.user, round).select_related(
            "participant__person", "host__person"
        )
    )
    live = {m.participant_id: m for m in matches if m.is_live}
    rows = [{"participant": p, "wishes": p.wishes, "match": live.get(p.pk)} for p in participants]
    me = principal(request.user).person_id
    context: dict[str, Any] = {
        "round": round,
        "edition": round.edition,
        "manage": manage,
        "rows": rows,
        "my_requests": [m for m in matches if m.host.person_id == me],
        "declined": [m for m in matches if not m.is_live],
        "crumbs": _crumbs(round)[:-1] + [(None, round.name)],
        "Status": ShadowingRound.Status,
    }
    if manage:
        context["hosts"] = shadowing.round_hosts(round)
        if round.status == ShadowingRound.Status.PROPOSED:
            context["pairs"] = shadowing.proposal_pairs(round)
            proposal = round.proposal
            bound = proposal.get("bound")
            context["proposal"] = proposal
            context["percent"] = 100.0 * proposal["objective"] / bound if bound else None
        if round.status == ShadowingRound.Status.CONFIRMED:
            context["unmatched"] = [r for r in rows if r["match"] is None]
    return render(request, "development/shadowing/round_detail.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def host_add(request: HttpRequest, pk: int) -> HttpResponse:
    round = _round(request, pk, manage=True)
    taken = round.hosts.values("person_id")
    form = HostAddForm(
        request.POST or None,
        people=shadowing.hosts_eligible(round.edition).exclude(pk__in=taken),
    )
    if request.method == "POST" and form.is_valid():
        try:
            shadowing.host_add(
                round=round,
                person=form.cleaned_data["person"],
                capacity=form.cleaned_data["capacity"],
            )
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(
                request,
                _("%(name)s is a host.") % {"name": form.cleaned_data["person"].full_name},
            )
            return redirect("shadowing_round_detail", round.pk)
    context = {
        "title": _("Add a host manager"),
        "intro": _("Managers of the programme's organisations, from the roster."),
        "form": form,
        "cancel_url": reverse("shadowing_round_detail", args=[round.pk]),
        "crumbs": _crumbs(round, (None, _("Add a host manager"))),
    }
    return render(request, "form_page.html", context, status=400 if form.errors else 200)


@login_required
@require_http_methods(["GET", "POST"])
def host_update(request: HttpRequest, pk: int) -> HttpResponse:
    host = get_visible_or_404(
        ShadowingHost.objects.filter(
            round__in=shadowing_rounds_for_user(request.user)
        ).select_related("person", "round__edition__programme"),
        pk=pk,
    )
    round = host.round
    if not shadowing_can_manage(request.user, round):
        raise PermissionDenied
    form = HostCapacityForm(
        request.POST if "save" in request.POST else None, initial={"capacity": host.capacity}
    )
    if request.method == "POST":
        try:
            if "remove" in request.POST:
                shadowing.host_remove(host=host)
                messages.success(request, _("The host was removed."))
                return redirect("shadowing_round_detail", round.pk)
            if form.is_valid():
                shadowing.host_update(host=host, capacity=form.cleaned_data["capacity"])
                messages.success(request, _("The capacity was saved."))
                return redirect("shadowing_round_detail", round.pk)
        except ValidationError as exc:
            form.add_error(None, exc)
    context = {
        "round": round,
        "host": host,
        "form": form,
        "crumbs": _crumbs(round, (None, host.person.full_name)),
    }
    status = 400 if request.method == "POST" else 200
    return render(request, "development/shadowing/host_form.html", context, status=status)


@login_required
@require_http_methods(["GET", "POST"])
def preferences(request: HttpRequest, pk: int, participant_pk: int) -> HttpResponse:
    round = _round(request, pk)
    people = shadowing_people_filter(request.user, round)
    visible = shadowing.round_participants(round)
    if people is not None:
        visible = visible.filter(people)
    participant = get_visible_or_404(visible, pk=participant_pk)
    own = participant.person_id == principal(request.user).person_id
    if not own and not shadowing_can_manage(request.user, round):
        raise PermissionDenied
    hosts = shadowing.allowed_hosts(round, participant)
    current = {
        f"choice_{p.rank}": str(p.host_id)
        for p in ShadowingPreference.objects.filter(round=round, participant=participant)
    }
    form = PreferenceForm(request.POST or None, hosts=hosts, initial=current)
    if request.method == "POST" and form.is_valid():
        try:
            shadowing.preferences_set(round=round, participant=participant, hosts=form.chosen())
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, _("The preferences were saved."))
            return redirect("shadowing_round_detail", round.pk)
    context = {
        "round": round,
        "participant": participant,
        "own": own,
        "hosts": hosts,
        "form": form,
        "locked": round.status == ShadowingRound.Status.CONFIRMED,
        "crumbs": _crumbs(round, (None, _("Preferences"))),
    }
    status = 400 if form.errors else 200
    return render(request, "development/shadowing/preferences.html", context, status=status)


@login_required
@require_POST
def match_run(request: HttpRequest, pk: int) -> HttpResponse:
    round = _round(request, pk, manage=True)
    try:
        shadowing.round_match(round=round)
    except ValidationError as exc:
        _error(request, exc)
    else:
        messages.success(request, _("The engine has proposed the pairs. Check them and confirm."))
    return redirect("shadowing_round_detail", round.pk)


@login_required
@require_POST
def round_confirm(request: HttpRequest, pk: int) -> HttpResponse:
    round = _round(request, pk, manage=True)
    try:
        matches = shadowing.round_confirm(round=round)
    except ValidationError as exc:
        _error(request, exc)
    else:
        messages.success(
            request,
            _("Confirmed: %(n)s requests were sent to the host managers.") % {"n": len(matches)},
        )
    return redirect("shadowing_round_detail", round.pk)


@login_required
@require_POST
def participant_rematch(request: HttpRequest, pk: int, participant_pk: int) -> HttpResponse:
    round = _round(request, pk, manage=True)
    participant = get_visible_or_404(shadowing.round_participants(round), pk=participant_pk)
    try:
        match = shadowing.participant_rematch(round=round, participant=participant)
    except ValidationError as exc:
        _error(request, exc)
    else:
        messages.success(
            request,
            _("%(name)s was matched with %(host)s; a request was sent.")
            % {"name": participant.person.full_name, "host": match.host.person.full_name},
        )
    return redirect("shadowing_round_detail", round.pk)


def _decline_message(request: HttpRequest, result: shadowing.DeclineResult) -> None:
    if result.new_match is not None:
        messages.info(
            request,
            _("%(name)s was matched again, with %(host)s.")
            % {
                "name": result.declined.participant.person.full_name,
                "host": result.new_match.host.person.full_name,
            },
        )
    elif result.problem:
        messages.warning(request, result.problem)


@never_cache
@require_http_methods(["GET", "POST"])
def answer(request: HttpRequest, token: str) -> HttpResponse:
    """The host's personal link: no login, this one request only, once, until it expires."""
    match = shadowing.match_for_token(token)
    if match is None:
        return render(request, "development/shadowing/answer_invalid.html", status=404)
    decline = DeclineForm(request.POST if "decline" in request.POST else None)
    if request.method == "POST":
        try:
            if "accept" in request.POST:
                shadowing.match_accept(match=match)
                return render(
                    request,
                    "development/shadowing/answer_done.html",
                    {"match": match, "accepted": True},
                )
            if "decline" in request.POST and decline.is_valid():
                shadowing.match_decline(match=match, reason=decline.cleaned_data["reason"])
                return render(
                    request,
                    "development/shadowing/answer_done.html",
                    {"match": match, "accepted": False},
                )
        except ValidationError as exc:
            decline.add_error(None, exc)
    context = {"match": match, "decline": decline, "person": match.participant.person}
    status = 400 if request.method == "POST" else 200
    return render(request, "development/shadowing/answer.html", context, status=status)


def _match(request: HttpRequest, pk: int) -> ShadowingMatch:
    """A match the user may see (404 otherwise)."""
    match = (
        ShadowingMatch.objects.filter(round__in=shadowing_rounds_for_user(request.user))
        .select_related("round__edition__programme", "participant__person", "host__person")
        .filter(pk=pk)
        .first()
    )
    if (
        match is None
        or not shadowing_matches_for_user(request.user, match.round).filter(pk=match.pk).exists()
    ):
        raise Http404
    return match


@login_required
@require_POST
def match_respond(request: HttpRequest, pk: int) -> HttpResponse:
    """The host answers after logging in (the same as the personal link)."""
    match = _match(request, pk)
    if match.host.person_id != principal(request.user).person_id:
        raise PermissionDenied
    try:
        if "accept" in request.POST:
            shadowing.match_accept(match=match)
            messages.success(request, _("You accepted. Agree on the dates with the participant."))
        else:
            result = shadowing.match_decline(match=match, reason=request.POST.get("reason", ""))
            messages.success(request, _("You declined the request."))
            _decline_message(request, result)
    except ValidationError as exc:
        _error(request, exc)
    return redirect("my_shadowing")


@login_required
@require_http_methods(["GET", "POST"])
def match_schedule(request: HttpRequest, pk: int) -> HttpResponse:
    match = _match(request, pk)
    if not shadowing_can_schedule(request.user, match):
        raise PermissionDenied
    initial: dict[str, Any] = {}
    if match.starts_at and match.ends_at:
        start, end = timezone.localtime(match.starts_at, TZ), timezone.localtime(match.ends_at, TZ)
        initial = {
            "date": start.date(),
            "start_time": start.time(),
            "end_time": end.time(),
            "end_date": end.date() if end.date() != start.date() else None,
            "place": match.place,
        }
    form = ScheduleForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        start, end = form.times(TZ)
        try:
            shadowing.match_schedule(
                match=match,
                starts_at=start,
                ends_at=end,
                place=form.cleaned_data["place"],
                by=request.user,  # type: ignore[arg-type]
            )
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(
                request, _("The dates were saved and calendar invitations were sent to both.")
            )
            if shadowing_can_manage(request.user, match.round):
                return redirect("shadowing_round_detail", match.round_id)
            return redirect("my_shadowing")
    context = {
        "match": match,
        "round": match.round,
        "form": form,
        "crumbs": _crumbs(match.round, (None, _("Dates"))),
    }
    status = 400 if form.errors else 200
    return render(request, "development/shadowing/schedule.html", context, status=status)


@login_required
def my_shadowing(request: HttpRequest) -> HttpResponse:
    """A participant's own match and dates; a host manager's requests."""
    me = principal(request.user).person_id
    if me is None:
        mine: list[ShadowingMatch] = []
        requests: list[ShadowingMatch] = []
        open_rounds: list[Any] = []
    else:
        base = ShadowingMatch.objects.select_related(
            "round__edition__programme", "participant__person__unit", "host__person__unit"
        ).order_by("-requested_at")
        mine = list(base.filter(participant__person_id=me).exclude(status="declined"))
        requests = list(base.filter(host__person_id=me))
        open_rounds = [
            (r, participant)
            for participant in Participant.objects.filter(person_id=me)
            .exclude(status=Participant.Status.WITHDRAWN)
            .select_related("edition")
            for r in ShadowingRound.objects.filter(
                edition_id=participant.edition_id,
                status__in=[ShadowingRound.Status.OPEN, ShadowingRound.Status.PROPOSED],
            )
        ]
    context = {
        "mine": mine,
        "requests": requests,
        "open_rounds": open_rounds,
        "decline": DeclineForm(),
    }
    return render(request, "development/shadowing/mine.html", context)
