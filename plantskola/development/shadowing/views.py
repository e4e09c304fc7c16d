"""Job-shadowing pages: the coordinator's round, participants' preferences, the host's answer
(personal link or after login), the agreed dates, and everyone's own view."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_POST

from plantskola.access.base import Action
from plantskola.access.development import (
    shadowing_can_manage,
    shadowing_host_get_for_user,
    shadowing_match_get_for_user,
    shadowing_participant_get_for_user,
    shadowing_round_can_create,
    shadowing_round_get_for_user,
    shadowing_rounds_for_user,
)
from plantskola.access.principal import principal
from plantskola.access.programmes import edition_get_for_user
from plantskola.core.models import User
from plantskola.core.pages import Crumb, breadcrumbs, form_page
from plantskola.development.shadowing import selectors, services
from plantskola.development.shadowing.forms import (
    DeclineForm,
    HostAddForm,
    HostCapacityForm,
    PreferenceForm,
    RoundForm,
    ScheduleForm,
)
from plantskola.development.shadowing.models import ShadowingRound
from plantskola.programmes.calendar.ics import TZ
from plantskola.programmes.models import Edition
from plantskola.programmes.pages import edition_trail


def shadowing_trail(edition: Edition) -> list[Crumb]:
    """Programmes › the programme › the edition › Job shadowing (each a link)."""
    return [
        *edition_trail(edition),
        (reverse("development:shadowing_round_list", args=[edition.pk]), _("Job shadowing")),
    ]


def round_trail(round: ShadowingRound) -> list[Crumb]:
    """… › Job shadowing › the round (each a link)."""
    return [
        *shadowing_trail(round.edition),
        (reverse("development:shadowing_round_detail", args=[round.pk]), round.name),
    ]


def _error(request: HttpRequest, exc: ValidationError) -> None:
    messages.error(request, " ".join(exc.messages))


@login_required
def round_list(request: HttpRequest, edition_pk: int) -> HttpResponse:
    edition = edition_get_for_user(request.user, edition_pk)
    context = {
        "edition": edition,
        "rounds": shadowing_rounds_for_user(request.user).filter(edition=edition),
        "can_manage": shadowing_round_can_create(request.user, edition),
        "crumbs": breadcrumbs(edition_trail(edition), (None, _("Job shadowing"))),
    }
    return render(request, "development/shadowing/round_list.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def round_create(request: HttpRequest, edition_pk: int) -> HttpResponse:
    edition = edition_get_for_user(request.user, edition_pk, action=Action.CHANGE)
    form = RoundForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            round = services.round_create(edition=edition, **form.cleaned_data)
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, _("The round is open. Add the host managers."))
            return redirect("development:shadowing_round_detail", round.pk)
    return form_page(
        request,
        form,
        title=_("New job-shadowing round"),
        crumbs=breadcrumbs(shadowing_trail(edition), (None, _("New round"))),
        cancel_url=reverse("development:shadowing_round_list", args=[edition.pk]),
    )


@login_required
@require_http_methods(["GET", "POST"])
def round_update(request: HttpRequest, pk: int) -> HttpResponse:
    round = shadowing_round_get_for_user(request.user, pk, action=Action.MANAGE)
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
            services.round_update(round=round, **form.cleaned_data)
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, _("The round was saved."))
            return redirect("development:shadowing_round_detail", round.pk)
    return form_page(
        request,
        form,
        title=_("Edit the round"),
        crumbs=breadcrumbs(round_trail(round), (None, _("Edit the round"))),
        cancel_url=reverse("development:shadowing_round_detail", args=[round.pk]),
    )


@login_required
def round_detail(request: HttpRequest, pk: int) -> HttpResponse:
    round = shadowing_round_get_for_user(request.user, pk)
    context = selectors.round_page(request.user, round)
    context["crumbs"] = breadcrumbs(shadowing_trail(round.edition), (None, round.name))
    return render(request, "development/shadowing/round_detail.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def host_add(request: HttpRequest, pk: int) -> HttpResponse:
    round = shadowing_round_get_for_user(request.user, pk, action=Action.MANAGE)
    taken = round.hosts.values("person_id")
    form = HostAddForm(
        request.POST or None,
        people=selectors.hosts_eligible(round.edition).exclude(pk__in=taken),
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.host_add(
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
            return redirect("development:shadowing_round_detail", round.pk)
    return form_page(
        request,
        form,
        title=_("Add a host manager"),
        crumbs=breadcrumbs(round_trail(round), (None, _("Add a host manager"))),
        cancel_url=reverse("development:shadowing_round_detail", args=[round.pk]),
        intro=_("Managers of the programme's organisations, from the roster."),
    )


@login_required
@require_http_methods(["GET", "POST"])
def host_update(request: HttpRequest, pk: int) -> HttpResponse:
    host = shadowing_host_get_for_user(request.user, pk, action=Action.MANAGE)
    round = host.round
    form = HostCapacityForm(
        request.POST if "save" in request.POST else None, initial={"capacity": host.capacity}
    )
    if request.method == "POST":
        try:
            if "remove" in request.POST:
                services.host_remove(host=host)
                messages.success(request, _("The host was removed."))
                return redirect("development:shadowing_round_detail", round.pk)
            if form.is_valid():
                services.host_update(host=host, capacity=form.cleaned_data["capacity"])
                messages.success(request, _("The capacity was saved."))
                return redirect("development:shadowing_round_detail", round.pk)
        except ValidationError as exc:
            form.add_error(None, exc)
    context = {
        "round": round,
        "host": host,
        "form": form,
        "crumbs": breadcrumbs(round_trail(round), (None, host.person.full_name)),
    }
    status = 400 if request.method == "POST" else 200
    return render(request, "development/shadowing/host_form.html", context, status=status)


@login_required
@require_http_methods(["GET", "POST"])
def preferences(request: HttpRequest, pk: int, participant_pk: int) -> HttpResponse:
    round = shadowing_round_get_for_user(request.user, pk)
    participant = shadowing_participant_get_for_user(
        request.user, round, participant_pk, action=Action.CHANGE
    )
    hosts = selectors.allowed_hosts(round, participant)
    form = PreferenceForm(
        request.POST or None,
        hosts=hosts,
        initial=selectors.current_preferences(round, participant),
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.preferences_set(round=round, participant=participant, hosts=form.chosen())
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, _("The preferences were saved."))
            return redirect("development:shadowing_round_detail", round.pk)
    context = {
        "round": round,
        "participant": participant,
        "own": participant.person_id == principal(request.user).person_id,
        "hosts": hosts,
        "form": form,
        "locked": round.status == ShadowingRound.Status.CONFIRMED,
        "crumbs": breadcrumbs(round_trail(round), (None, _("Preferences"))),
    }
    status = 400 if form.errors else 200
    return render(request, "development/shadowing/preferences.html", context, status=status)


@login_required
@require_POST
def match_run(request: HttpRequest, pk: int) -> HttpResponse:
    round = shadowing_round_get_for_user(request.user, pk, action=Action.MANAGE)
    try:
        services.round_match(round=round)
    except ValidationError as exc:
        _error(request, exc)
    else:
        messages.success(request, _("The engine has proposed the pairs. Check them and confirm."))
    return redirect("development:shadowing_round_detail", round.pk)


@login_required
@require_POST
def round_confirm(request: HttpRequest, pk: int) -> HttpResponse:
    round = shadowing_round_get_for_user(request.user, pk, action=Action.MANAGE)
    try:
        matches = services.round_confirm(round=round)
    except ValidationError as exc:
        _error(request, exc)
    else:
        messages.success(
            request,
            ngettext(
                "Confirmed: %(n)s request was sent to the host manager.",
                "Confirmed: %(n)s requests were sent to the host managers.",
                len(matches),
            )
            % {"n": len(matches)},
        )
    return redirect("development:shadowing_round_detail", round.pk)


@login_required
@require_POST
def participant_rematch(request: HttpRequest, pk: int, participant_pk: int) -> HttpResponse:
    round = shadowing_round_get_for_user(request.user, pk, action=Action.MANAGE)
    participant = shadowing_participant_get_for_user(
        request.user, round, participant_pk, action=Action.MANAGE
    )
    try:
        match = services.participant_rematch(round=round, participant=participant)
    except ValidationError as exc:
        _error(request, exc)
    else:
        messages.success(
            request,
            _("%(name)s was matched with %(host)s; a request was sent.")
            % {"name": participant.person.full_name, "host": match.host.person.full_name},
        )
    return redirect("development:shadowing_round_detail", round.pk)


def _decline_message(request: HttpRequest, result: services.DeclineResult) -> None:
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
    match = selectors.match_for_token(token)
    if match is None:
        return render(request, "development/shadowing/answer_invalid.html", status=404)
    decline = DeclineForm(request.POST if "decline" in request.POST else None)
    if request.method == "POST":
        try:
            if "accept" in request.POST:
                services.match_accept(match=match)
                return render(
                    request,
                    "development/shadowing/answer_done.html",
                    {"match": match, "accepted": True},
                )
            if "decline" in request.POST and decline.is_valid():
                services.match_decline(match=match, reason=decline.cleaned_data["reason"])
                return render(
                    request,
                    "development/shadowing/answer_done.html",
                    {"match": match, "accepted": False},
                )
        except ValidationError as exc:
            decline.add_error(None, exc)
    context = {
        "match": match,
        "decline": decline,
        "person": match.participant.person,
        "wished": selectors.match_was_wished(match),
    }
    status = 400 if request.method == "POST" else 200
    return render(request, "development/shadowing/answer.html", context, status=status)


@login_required
@require_POST
def match_respond(request: HttpRequest, pk: int) -> HttpResponse:
    """The host answers after logging in (the same as the personal link)."""
    match = shadowing_match_get_for_user(request.user, pk, action=Action.CHANGE)
    try:
        if "accept" in request.POST:
            services.match_accept(match=match)
            messages.success(request, _("You accepted. Agree on the dates with the participant."))
        else:
            result = services.match_decline(match=match, reason=request.POST.get("reason", ""))
            messages.success(request, _("You declined the request."))
            _decline_message(request, result)
    except ValidationError as exc:
        _error(request, exc)
    return redirect("development:my_shadowing")


@login_required
@require_http_methods(["GET", "POST"])
def match_schedule(request: HttpRequest, pk: int) -> HttpResponse:
    match = shadowing_match_get_for_user(request.user, pk, action=Action.SCHEDULE)
    by = request.user
    if not isinstance(by, User):  # `login_required` lets only logged-in users through
        raise PermissionDenied
    initial: dict[str, object] = {}
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
            services.match_schedule(
                match=match,
                starts_at=start,
                ends_at=end,
                place=form.cleaned_data["place"],
                by=by,
            )
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(
                request, _("The dates were saved and calendar invitations were sent to both.")
            )
            if shadowing_can_manage(request.user, match.round):
                return redirect("development:shadowing_round_detail", match.round_id)
            return redirect("development:my_shadowing")
    context = {
        "match": match,
        "round": match.round,
        "form": form,
        "crumbs": breadcrumbs(round_trail(match.round), (None, _("Dates"))),
    }
    status = 400 if form.errors else 200
    return render(request, "development/shadowing/schedule.html", context, status=status)


@login_required
def my_shadowing(request: HttpRequest) -> HttpResponse:
    """A participant's own match and dates; a host manager's requests."""
    own = selectors.own_shadowing(request.user)
    context = {
        "mine": own.mine,
        "requests": own.requests,
        "open_rounds": own.open_rounds,
        "decline": DeclineForm(),
        "today": timezone.localdate(),
    }
    return render(request, "development/shadowing/mine.html", context)
