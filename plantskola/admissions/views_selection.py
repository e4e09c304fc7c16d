"""The selection page: scores, rules and locks, the engine's result with explanations and a
reserve list; every change of rules or locks is a new run (what-if) in seconds."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods

from plantskola.access.admissions import call_can_manage, calls_for_user
from plantskola.access.base import get_visible_or_404
from plantskola.admissions.decision import decision_amend, decision_confirm
from plantskola.admissions.models import OUTCOMES, Application, Decision, SelectionRun
from plantskola.admissions.selection import Rules, Scored, explanation, scores, selection_run

LOCKS = [
    ("", gettext_lazy("Free")),
    ("in", gettext_lazy("Locked in")),
    ("out", gettext_lazy("Locked out")),
]


class SelectionForm(forms.Form):
    capacity = forms.IntegerField(label=gettext_lazy("Places"), min_value=1)
    max_per_administration = forms.IntegerField(
        label=gettext_lazy("At most per administration or company"), min_value=1, required=False
    )
    min_administrations = forms.IntegerField(
        label=gettext_lazy("At least this many administrations or companies"),
        min_value=1,
        required=False,
    )
    min_women = forms.IntegerField(
        label=gettext_lazy("At least women"), min_value=1, required=False
    )
    min_men = forms.IntegerField(label=gettext_lazy("At least men"), min_value=1, required=False)

    def __init__(self, *args: Any, scored: list[Scored], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for s in scored:
            self.fields[f"lock_{s.application.pk}"] = forms.ChoiceField(
                label=_("Lock for %(name)s") % {"name": s.application.applicant_name},
                choices=LOCKS,
                required=False,
            )

    def rules(self) -> Rules:
        data = self.cleaned_data
        locks = {
            int(name.split("_")[1]): value
            for name, value in data.items()
            if name.startswith("lock_") and value
        }
        return Rules(
            capacity=data["capacity"],
            max_per_administration=data["max_per_administration"],
            min_administrations=data["min_administrations"],
            min_women=data["min_women"],
            min_men=data["min_men"],
            include=tuple(sorted(pk for pk, v in locks.items() if v == "in")),
            exclude=tuple(sorted(pk for pk, v in locks.items() if v == "out")),
        )


@login_required
@require_http_methods(["GET", "POST"])
def selection(request: HttpRequest, call_pk: int) -> HttpResponse:
    call = get_visible_or_404(calls_for_user(request.user).select_related("edition"), pk=call_pk)
    if not call_can_manage(request.user, call):
        raise PermissionDenied
    scored = scores(call=call)
    latest = SelectionRun.objects.filter(call=call).first()
    initial: dict[str, Any] = {"capacity": call.edition.capacity or 16}
    if latest is not None:
        settings = latest.settings
        initial.update({k: settings.get(k) for k in SelectionForm.base_fields})
        initial.update({f"lock_{pk}": "in" for pk in settings.get("include", [])})
        initial.update({f"lock_{pk}": "out" for pk in settings.get("exclude", [])})
    form = SelectionForm(request.POST or None, scored=scored, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            selection_run(call=call, rules=form.rules(), user=request.user)  # type: ignore[arg-type]
        except ValidationError as exc:
            for message in exc.messages:
                form.add_error(None, message)
        else:
            messages.success(request, _("The selection was run."))
            return redirect("selection", call_pk=call.pk)
    context: dict[str, Any] = {
        "call": call,
        "form": form,
        "rows": [(s, form[f"lock_{s.application.pk}"]) for s in scored],
        "run": latest,
        "decision": Decision.objects.filter(call=call).first(),
        **_result(latest, scored),
    }
    return render(request, "admissions/selection.html", context, status=400 if form.errors else 200)


def _result(run: SelectionRun | None, scored: list[Scored]) -> dict[str, Any]:
    if run is None:
        return {"chosen": [], "reserves": [], "explained": []}
    by_id = {str(s.application.pk): s for s in scored}
    chosen_ids = set(run.result.get("chosen", []))
    excluded = {str(pk) for pk in run.settings.get("exclude", [])}
    chosen = [by_id[i] for i in by_id if i in chosen_ids]
    reserves = [by_id[i] for i in by_id if i not in chosen_ids and i not in excluded]
    explanations = run.result.get("explanations", {})
    explained = [
        (
            by_id[i],
            explanation(run_settings=run.settings, score=by_id[i].score, engine_text=text),
        )
        for i, text in explanations.items()
        if i in by_id
    ]
    return {"chosen": chosen, "reserves": reserves, "explained": explained}


@login_required
@require_http_methods(["POST"])
def decision_confirm_view(request: HttpRequest, call_pk: int) -> HttpResponse:
    call = get_visible_or_404(calls_for_user(request.user).select_related("edition"), pk=call_pk)
    if not call_can_manage(request.user, call):
        raise PermissionDenied
    run = SelectionRun.objects.filter(call=call).first()
    try:
        if run is None:
            raise ValidationError(_("Run the selection before deciding."))
        decision_confirm(call=call, run=run, user=request.user)  # type: ignore[arg-type]
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(
            request,
            _("The decision was made: the admitted are participants and everyone gets an e-mail."),
        )
    return redirect("selection", call_pk=call.pk)


class AmendmentForm(forms.Form):
    application = forms.ModelChoiceField(
        label=gettext_lazy("Applicant"), queryset=Application.objects.none()
    )
    to_outcome = forms.ChoiceField(
        label=gettext_lazy("New outcome"),
        choices=[("", "–"), *[(k, v) for k, v in OUTCOMES.items()]],
    )
    reason = forms.CharField(
        label=gettext_lazy("Reason"),
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=gettext_lazy(
            "For example: the admitted applicant has withdrawn and the first reserve is admitted."
        ),
    )

    def __init__(self, *args: Any, call: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["application"]
        field.queryset = Application.objects.filter(  # type: ignore[attr-defined]
            call=call, status=Application.Status.SUBMITTED, weeded_at__isnull=True
        ).select_related("applicant")
        field.label_from_instance = lambda a: (  # type: ignore[attr-defined]
            f"{a.applicant_name} ({OUTCOMES.get(a.outcome, '–')})"
        )


@login_required
@require_http_methods(["GET", "POST"])
def decision_detail(request: HttpRequest, call_pk: int) -> HttpResponse:
    """The decision: every applicant's outcome, the amendments with their reasons, and the
    form to amend one outcome (with a reason)."""
    call = get_visible_or_404(calls_for_user(request.user).select_related("edition"), pk=call_pk)
    if not call_can_manage(request.user, call):
        raise PermissionDenied
    decision = Decision.objects.filter(call=call).select_related("decided_by").first()
    if decision is None:
        messages.error(request, _("There is no decision yet."))
        return redirect("selection", call_pk=call.pk)
    form = AmendmentForm(request.POST or None, call=call)
    if request.method == "POST" and form.is_valid():
        try:
            decision_amend(
                call=call,
                application=form.cleaned_data["application"],
                to_outcome=form.cleaned_data["to_outcome"],
                reason=form.cleaned_data["reason"],
                user=request.user,  # type: ignore[arg-type]
            )
        except ValidationError as exc:
            for message in exc.messages:
                form.add_error(None, message)
        else:
            messages.success(
                request, _("The decision was amended and the applicant gets an e-mail.")
            )
            return redirect("decision_detail", call_pk=call.pk)
    applications = Application.objects.filter(
        call=call, status=Application.Status.SUBMITTED
    ).select_related("applicant")
    order = {"admitted": 0, "reserve": 1, "not_admitted": 2}
    context = {
        "call": call,
        "decision": decision,
        "applications": sorted(
            applications, key=lambda a: (order.get(a.outcome, 3), a.applicant_name)
        ),
        "amendments": decision.amendments.select_related("application__applicant", "amended_by"),
        "form": form,
    }
    return render(request, "admissions/decision.html", context, status=400 if form.errors else 200)
