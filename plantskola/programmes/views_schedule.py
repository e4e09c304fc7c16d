"""Schedules, calendars and completion: the session form's warnings step, scheduling a module for
every group, each person's calendar feed, and completion by attendance."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from plantskola.access.actions import can, get_for_action_or_404
from plantskola.access.base import Action
from plantskola.access.principal import principal
from plantskola.access.programmes import editions_for_user, participants_for_user
from plantskola.core.models import Person
from plantskola.programmes import calendar, completion, scheduling
from plantskola.programmes.forms import DATE, TIME, SessionForm, leader_candidates
from plantskola.programmes.models import Edition, Group, Module, Session


def _crumbs(edition: Edition, *last: tuple[str | None, str]) -> list[tuple[str | None, str]]:
    return [
        (reverse("programme_list"), _("Programmes")),
        (reverse("programme_detail", args=[edition.programme_id]), edition.programme.name),
        (reverse("edition_detail", args=[edition.pk]), edition.name),
        *last,
    ]


def _base_url(request: HttpRequest) -> str:
    return request.build_absolute_uri("/")


def _warnings_round(request: HttpRequest, warnings: list[str]) -> tuple[bool, str]:
    """Whether to save now: no warnings, or the coordinator ticked "save anyway" for exactly
    these warnings (the token is a fingerprint of what they saw)."""
    token = scheduling.warnings_token(warnings)
    return (not warnings or request.POST.get("save_anyway") == token), token


# --- the session form with its warnings step ---------------------------------------------------


def session_form_page(
    request: HttpRequest,
    *,
    form_class: type[SessionForm] = SessionForm,
    edition: Edition,
    instance: Session,
    title: str,
    saved_message: str,
) -> HttpResponse:
    """Create or edit a session. A POST that raises warnings saves nothing and shows them with a
    "save anyway" box; a moved session gets a new SEQUENCE and updated invitations."""
    before = scheduling.move_key(instance) if instance.pk else None
    form = form_class(request.POST or None, instance=instance, edition=edition)
    warnings: list[str] = []
    token = ""
    if request.method == "POST" and form.is_valid():
        leader_ids = {p.pk for p in form.cleaned_data["leaders"]}
        planned = [scheduling.Planned(session=form.instance, leader_ids=leader_ids)]
        warnings = scheduling.session_warnings(planned=planned, user=request.user)
        save, token = _warnings_round(request, warnings)
        if save:
            session = scheduling.session_save(form=form, before=before, base_url=_base_url(request))
            messages.success(request, saved_message)
            if before is not None and before != scheduling.move_key(session):
                messages.info(request, _("The session moved: updated invitations were sent."))
            return redirect("edition_detail", pk=edition.pk)
    detail = reverse("edition_detail", args=[edition.pk])
    context = {
        "form": form,
        "title": title,
        "cancel_url": detail,
        "crumbs": _crumbs(edition, (None, title)),
        "warnings": warnings,
        "warnings_token": token,
    }
    status = 400 if form.errors else 200
    return render(request, "programmes/schedule_session_form.html", context, status=status)


# --- one module for every group --------------------------------------------------------------


class ModuleScheduleForm(forms.Form):
    module = forms.ModelChoiceField(queryset=Module.objects.none(), label=gettext_lazy("Module"))
    kind = forms.ChoiceField(
        choices=Session.Kind.choices, initial=Session.Kind.MODULE_DAY, label=gettext_lazy("Kind")
    )
    start_time = forms.TimeField(widget=TIME, label=gettext_lazy("Start time"))
    end_time = forms.TimeField(widget=TIME, label=gettext_lazy("End time"))
    place = forms.CharField(max_length=200, required=False, label=gettext_lazy("Place"))
    address = forms.CharField(max_length=300, required=False, label=gettext_lazy("Address"))
    leaders = forms.ModelMultipleChoiceField(
        queryset=Person.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        label=gettext_lazy("Course leaders"),
    )

    COMMON = ("module", "kind", "start_time", "end_time", "place", "address", "leaders")

    def __init__(self, *args: Any, edition: Edition, groups: list[Group], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.groups = groups
        self.fields["module"].queryset = Module.objects.filter(edition=edition)  # type: ignore[attr-defined]
        self.fields["leaders"].queryset = leader_candidates(edition)  # type: ignore[attr-defined]
        for group in groups:
            self.fields[f"date_{group.pk}"] = forms.DateField(
                widget=DATE,
                required=False,
                label=_("First day for %(group)s") % {"group": group.name},
            )
            self.fields[f"end_{group.pk}"] = forms.DateField(
                widget=DATE,
                required=False,
                label=_("Last day for %(group)s") % {"group": group.name},
                help_text=_("Only for sessions that last several days."),
            )

    def group_rows(self) -> list[tuple[Group, Any, Any]]:
        return [(g, self[f"date_{g.pk}"], self[f"end_{g.pk}"]) for g in self.groups]

    def common_fields(self) -> list[Any]:
        return [self[name] for name in self.COMMON]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        single_day = False
        for group in self.groups:
            first = data.get(f"date_{group.pk}")
            last = data.get(f"end_{group.pk}")
            if first is None:
                if f"date_{group.pk}" not in self.errors:
                    self.add_error(
                        f"date_{group.pk}",
                        _("Choose a date for %(group)s.") % {"group": group.name},
                    )
                continue
            if last is not None and last < first:
                self.add_error(f"end_{group.pk}", _("The last day cannot come before the first."))
            if last is None or last == first:
                single_day = True
        start, end = data.get("start_time"), data.get("end_time")
        if start and end and end <= start and single_day:
            self.add_error("end_time", _("The session must end after it starts."))
        return data

    def group_dates(self) -> list[scheduling.GroupDates]:
        return [
            scheduling.GroupDates(
                group=g,
                date=self.cleaned_data[f"date_{g.pk}"],
                end_date=self.cleaned_data.get(f"end_{g.pk}"),
            )
            for g in self.groups
        ]


@login_required
@require_http_methods(["GET", "POST"])
def module_schedule(request: HttpRequest, pk: int) -> HttpResponse:
    edition = get_for_action_or_404(
        request.user,
        editions_for_user(request.user).select_related("programme"),
        Action.CHANGE,
        pk=pk,
    )
    groups = list(Group.objects.filter(edition=edition))
    form = ModuleScheduleForm(request.POST or None, edition=edition, groups=groups)
    warnings: list[str] = []
    token = ""
    errors: list[str] = []
    if request.method == "POST" and groups and form.is_valid():
        data = form.cleaned_data
        try:
            planned = scheduling.planned_for_groups(
                edition=edition,
                module=data["module"],
                kind=data["kind"],
                start_time=data["start_time"],
                end_time=data["end_time"],
                place=data["place"],
                address=data["address"],
                dates=form.group_dates(),
                leaders=list(data["leaders"]),
            )
        except ValidationError as exc:
            errors = exc.messages
        else:
            warnings = scheduling.session_warnings(planned=planned, user=request.user)
            save, token = _warnings_round(request, warnings)
            if save:
                sessions = scheduling.module_schedule_for_groups(planned=planned)
                messages.success(
                    request,
                    _("%(count)s sessions of %(module)s were scheduled.")
                    % {"count": len(sessions), "module": data["module"].name},
                )
                return redirect(reverse("edition_detail", args=[edition.pk]) + "#sessions")
    title = _("Schedule a module for all groups")
    context = {
        "edition": edition,
        "form": form,
        "groups": groups,
        "errors": errors,
        "warnings": warnings,
        "warnings_token": token,
        "title": title,
        "cancel_url": reverse("edition_detail", args=[edition.pk]),
        "crumbs": _crumbs(edition, (None, title)),
    }
    status = 400 if form.errors or errors else 200
    return render(request, "programmes/schedule_module.html", context, status=status)


# --- calendar feeds --------------------------------------------------------------------------


def _own_person(request: HttpRequest) -> Person | None:
    person_id = principal(request.user).person_id
    return Person.objects.filter(pk=person_id).first() if person_id else None


@login_required
@require_GET
def my_calendar(request: HttpRequest) -> HttpResponse:
    person = _own_person(request)
    feed_url = ""
    if person is not None:
        feed = calendar.feed_get_or_create(person=person)
        feed_url = request.build_absolute_uri(reverse("calendar_feed", args=[feed.token]))
    context = {
        "person": person,
        "feed_url": feed_url,
        "webcal_url": "webcal://" + feed_url.split("://", 1)[-1] if feed_url else "",
    }
    return render(request, "programmes/calendar_mine.html", context)


@login_required
@require_POST
def my_calendar_reset(request: HttpRequest) -> HttpResponse:
    person = _own_person(request)
    if person is None:
        messages.error(request, _("Your account is not linked to a person in the roster."))
    else:
        calendar.feed_regenerate(person=person)
        messages.success(
            request, _("Your calendar has a new address. The old address no longer works.")
        )
    return redirect("my_calendar")


@require_GET
def calendar_feed(request: HttpRequest, token: str) -> HttpResponse:
    """The feed itself: no login (calendar clients cannot log in); the token is the key."""
    feed = calendar.feed_for_token(token)
    if feed is None:
        raise Http404
    content = calendar.feed_calendar(person=feed.person, base_url=_base_url(request))
    response = HttpResponse(content, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = 'inline; filename="plantskola.ics"'
    response["Cache-Control"] = "private, no-cache"
    response["X-Robots-Tag"] = "noindex"
    return response


# --- completion ------------------------------------------------------------------------------


def _completion_edition(request: HttpRequest, pk: int) -> tuple[Edition, Any, bool]:
    edition = get_for_action_or_404(
        request.user,
        editions_for_user(request.user).select_related("programme"),
        Action.VIEW,
        pk=pk,
    )
    can_change = can(request.user, Action.CHANGE, edition)
    participants = participants_for_user(request.user, edition)
    if not can_change and not can(request.user, Action.VIEW_PARTICIPANTS, edition):
        # Partner staff see their own people; a participant sees no one: not theirs to view.
        if not participants.exists():
            raise PermissionDenied
    return edition, participants, can_change


@login_required
@require_GET
def edition_completion(request: HttpRequest, pk: int) -> HttpResponse:
    edition, participants, can_change = _completion_edition(request, pk)
    rows = completion.completion_rows(edition=edition, participants=participants)
    title = _("Completion")
    context = {
        "edition": edition,
        "rows": rows,
        "meeting": sum(1 for r in rows if r.meets),
        "to_mark": sum(1 for r in rows if r.meets and not r.completed),
        "can_change": can_change,
        "title": title,
        "crumbs": _crumbs(edition, (None, title)),
    }
    return render(request, "programmes/completion_edition.html", context)


@login_required
@require_POST
def edition_completion_mark(request: HttpRequest, pk: int) -> HttpResponse:
    edition = get_for_action_or_404(
        request.user,
        editions_for_user(request.user).select_related("programme"),
        Action.CHANGE,
        pk=pk,
    )
    marked = completion.completion_mark(edition=edition)
    messages.success(
        request,
        _("%(count)s participants were marked as completed.") % {"count": len(marked)},
    )
    return redirect("edition_completion", pk=edition.pk)
