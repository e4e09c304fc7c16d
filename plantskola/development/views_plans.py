"""Pages for action plans, roadmaps and reflections: the participant's "Min utveckling", the
plan itself (written by the participant, read and commented on by those it is shared with),
the list of plans shared with a manager or course leader, and the coordinator's overview."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.forms import Form
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from plantskola.access.base import Action, get_visible_or_404
from plantskola.access.core import closest_manager
from plantskola.access.development import (
    plan_can_change,
    plan_can_comment,
    plan_get_for_user,
    plan_is_owner,
    plan_overview_can_view,
    plans_for_user,
    plans_shared_with_user,
)
from plantskola.access.principal import principal
from plantskola.access.programmes import (
    editions_for_user,
    participants_for_user,
    sessions_for_user,
)
from plantskola.core.audit.services import audit_read
from plantskola.development import selectors_plans as selectors
from plantskola.development import services_plans as services
from plantskola.development.forms_plans import (
    ActionForm,
    CommentForm,
    DirectionForm,
    GoalForm,
    ReflectionForm,
    ShareForm,
)
from plantskola.development.models_plans import DevelopmentPlan, PlanAction, PlanGoal
from plantskola.development.pdf_plans import plan_pdf as render_plan_pdf
from plantskola.programmes.models import Participant


def _apply_errors(form: Form, exc: ValidationError) -> None:
    if hasattr(exc, "error_dict"):
        for name, errors in exc.message_dict.items():
            form.add_error(name if name in form.fields else None, errors)
    else:
        form.add_error(None, exc.messages)


def _crumbs(
    plan: DevelopmentPlan | None, request: HttpRequest, *last: tuple[str | None, str]
) -> list[tuple[str | None, str]]:
    crumbs: list[tuple[str | None, str]] = []
    if plan is not None and plan_is_owner(request.user, plan):
        crumbs.append((reverse("my_development"), _("My development")))
    elif plan is not None:
        crumbs.append((reverse("shared_plans"), _("Plans shared with me")))
    if plan is not None and last:
        crumbs.append((reverse("plan_detail", args=[plan.pk]), plan.get_kind_display()))
    return [*crumbs, *last]


def _form_page(
    request: HttpRequest,
    form: Form,
    *,
    title: str,
    plan: DevelopmentPlan,
    intro: str = "",
) -> HttpResponse:
    return render(
        request,
        "form_page.html",
        {
            "form": form,
            "title": title,
            "intro": intro,
            "cancel_url": reverse("plan_detail", args=[plan.pk]),
            "crumbs": _crumbs(plan, request, (None, title)),
        },
    )


def _own_participant(request: HttpRequest, pk: int) -> Participant:
    p = principal(request.user)
    return get_visible_or_404(
        Participant.objects.filter(person_id=p.person_id or -1).select_related(
            "edition__programme", "person"
        ),
        pk=pk,
    )


def _goal_for_change(request: HttpRequest, pk: int) -> PlanGoal:
    goal = get_visible_or_404(
        PlanGoal.objects.filter(plan__in=plans_for_user(request.user)).select_related(
            "plan__participant__person", "plan__participant__edition__programme"
        ),
        pk=pk,
    )
    if not plan_can_change(request.user, goal.plan):
        raise PermissionDenied
    return goal


def _action_for_change(request: HttpRequest, pk: int) -> PlanAction:
    action = get_visible_or_404(
        PlanAction.objects.filter(goal__plan__in=plans_for_user(request.user)).select_related(
            "goal__plan__participant__person", "goal__plan__participant__edition"
        ),
        pk=pk,
    )
    if not plan_can_change(request.user, action.goal.plan):
        raise PermissionDenied
    return action


def _back_to_plan(plan: DevelopmentPlan, anchor: str = "") -> HttpResponse:
    return redirect(reverse("plan_detail", args=[plan.pk]) + (f"#{anchor}" if anchor else ""))


# --- the participant's pages -----------------------------------------------------------------


@login_required
@require_GET
def my_development(request: HttpRequest) -> HttpResponse:
    participations = selectors.my_participations(request.user)  # type: ignore[arg-type]
    shared_count = plans_shared_with_user(request.user).count()
    return render(
        request,
        "development/my_development.html",
        {"participations": participations, "shared_count": shared_count},
    )


@login_required
@require_POST
def plan_start(request: HttpRequest, participant_pk: int) -> HttpResponse:
    participant = _own_participant(request, participant_pk)
    try:
        plan = services.plan_start(participant=participant)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
        return redirect("my_development")
    return _back_to_plan(plan)


@login_required
@require_GET
def plan_detail(request: HttpRequest, pk: int) -> HttpResponse:
    plan = plan_get_for_user(request.user, pk)
    plan = selectors.plan_with_content(plan.pk)
    is_owner = plan_is_owner(request.user, plan)
    if not is_owner:
        _audit_plan_read(plan, "plan page")
    context: dict[str, Any] = {
        "plan": plan,
        "is_owner": is_owner,
        "progress": selectors.progress_percent(plan.action_count, plan.done_count),  # type: ignore[attr-defined]
        "comments": plan.comments.all(),
        "comment_form": CommentForm() if plan_can_comment(request.user, plan) else None,
        "reflections": selectors.shared_reflections(plan) if not is_owner else None,
        "crumbs": [*_crumbs(plan, request), (None, plan.get_kind_display())],
    }
    return render(request, "development/plan_detail.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def plan_direction(request: HttpRequest, pk: int) -> HttpResponse:
    plan = plan_get_for_user(request.user, pk, action=Action.CHANGE)
    form = DirectionForm(request.POST or None, initial={"direction": plan.direction})
    if request.method == "POST" and form.is_valid():
        try:
            services.plan_update(plan=plan, direction=form.cleaned_data["direction"])
        except ValidationError as exc:
            _apply_errors(form, exc)
        else:
            messages.success(request, _("Saved."))
            return _back_to_plan(plan)
    return _form_page(request, form, title=_("Where I want to go"), plan=plan)


@login_required
@require_http_methods(["GET", "POST"])
def goal_create(request: HttpRequest, pk: int) -> HttpResponse:
    plan = plan_get_for_user(request.user, pk, action=Action.CHANGE)
    form = GoalForm(request.POST or None, plan=plan)
    if request.method == "POST" and form.is_valid():
        try:
            goal = services.goal_create(plan=plan, **form.cleaned_data)
        except ValidationError as exc:
            _apply_errors(form, exc)
        else:
            messages.success(request, _("The goal was added. Now add the actions that lead there."))
            return _back_to_plan(plan, f"goal-{goal.pk}")
    return _form_page(
        request,
        form,
        title=_("New goal"),
        plan=plan,
        intro=_("Link the goal to a competency of the leadership platform where one fits."),
    )


@login_required
@require_http_methods(["GET", "POST"])
def goal_update(request: HttpRequest, pk: int) -> HttpResponse:
    goal = _goal_for_change(request, pk)
    initial = {
        "title": goal.title,
        "competency": goal.competency_id,
        "description": goal.description,
        "support": goal.support,
    }
    form = GoalForm(request.POST or None, plan=goal.plan, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.goal_update(goal=goal, **form.cleaned_data)
        except ValidationError as exc:
            _apply_errors(form, exc)
        else:
            messages.success(request, _("Saved."))
            return _back_to_plan(goal.plan, f"goal-{goal.pk}")
    return _form_page(request, form, title=_("Change goal"), plan=goal.plan)


def _confirm_page(
    request: HttpRequest, *, plan: DevelopmentPlan, title: str, question: str
) -> HttpResponse:
    return render(
        request,
        "development/confirm_delete.html",
        {
            "title": title,
            "question": question,
            "cancel_url": reverse("plan_detail", args=[plan.pk]),
            "crumbs": _crumbs(plan, request, (None, title)),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def goal_delete(request: HttpRequest, pk: int) -> HttpResponse:
    goal = _goal_for_change(request, pk)
    plan = goal.plan
    if request.method == "POST":
        services.goal_delete(goal=goal)
        messages.success(request, _("The goal and its actions were removed."))
        return _back_to_plan(plan)
    return _confirm_page(
        request,
        plan=plan,
        title=_("Remove goal"),
        question=_("Remove the goal “%(goal)s” and its %(count)d actions?")
        % {"goal": goal.title, "count": goal.actions.count()},
    )


@login_required
@require_http_methods(["GET", "POST"])
def action_create(request: HttpRequest, pk: int) -> HttpResponse:
    goal = _goal_for_change(request, pk)
    form = ActionForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.action_create(goal=goal, **form.cleaned_data)
        except ValidationError as exc:
            _apply_errors(form, exc)
        else:
            messages.success(request, _("The action was added."))
            return _back_to_plan(goal.plan, f"goal-{goal.pk}")
    return _form_page(
        request, form, title=_("New action for “%(goal)s”") % {"goal": goal.title}, plan=goal.plan
    )


@login_required
@require_http_methods(["GET", "POST"])
def action_update(request: HttpRequest, pk: int) -> HttpResponse:
    action = _action_for_change(request, pk)
    form = ActionForm(
        request.POST or None, initial={"text": action.text, "due_date": action.due_date}
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.action_update(action=action, **form.cleaned_data)
        except ValidationError as exc:
            _apply_errors(form, exc)
        else:
            messages.success(request, _("Saved."))
            return _back_to_plan(action.goal.plan, f"goal-{action.goal_id}")
    return _form_page(request, form, title=_("Change action"), plan=action.goal.plan)


@login_required
@require_POST
def action_toggle(request: HttpRequest, pk: int) -> HttpResponse:
    action = _action_for_change(request, pk)
    services.action_set_done(action=action, done=request.POST.get("done") == "1")
    return _back_to_plan(action.goal.plan, f"goal-{action.goal_id}")


@login_required
@require_http_methods(["GET", "POST"])
def action_delete(request: HttpRequest, pk: int) -> HttpResponse:
    action = _action_for_change(request, pk)
    plan = action.goal.plan
    if request.method == "POST":
        services.action_delete(action=action)
        messages.success(request, _("The action was removed."))
        return _back_to_plan(plan, f"goal-{action.goal_id}")
    return _confirm_page(
        request,
        plan=plan,
        title=_("Remove action"),
        question=_("Remove the action “%(action)s”?") % {"action": action.text},
    )


@login_required
@require_http_methods(["GET", "POST"])
def plan_share(request: HttpRequest, pk: int) -> HttpResponse:
    plan = plan_get_for_user(request.user, pk, action=Action.CHANGE)
    manager = closest_manager(plan.participant.person)
    form = ShareForm(
        request.POST or None,
        initial={
            "share_with_manager": plan.share_with_manager,
            "share_with_leaders": plan.share_with_leaders,
        },
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.plan_share(
                plan=plan,
                with_manager=form.cleaned_data["share_with_manager"],
                with_leaders=form.cleaned_data["share_with_leaders"],
            )
        except ValidationError as exc:
            _apply_errors(form, exc)
        else:
            messages.success(request, _("Your choice of who may read the plan was saved."))
            return _back_to_plan(plan)
    if manager is not None:
        intro = _(
            "Your closest manager in the roster is %(manager)s. Those you share the plan with "
            "can read it, the reflections you share, and comment on it. Nobody else can; the "
            "coordinators see only whether you have a plan and how far you have come."
        ) % {"manager": manager.full_name}
    else:
        intro = _("The roster names no closest manager for you.")
    leaders = services.course_leaders(plan.participant.edition)
    if leaders:
        intro += " " + _("The course leaders of the edition are %(names)s.") % {
            "names": ", ".join(sorted(p.full_name for p in leaders))
        }
    return _form_page(request, form, title=_("Share the plan"), plan=plan, intro=intro)


@login_required
@require_POST
def plan_comment(request: HttpRequest, pk: int) -> HttpResponse:
    plan = plan_get_for_user(request.user, pk)
    form = CommentForm(request.POST)
    if form.is_valid():
        try:
            services.plan_comment(plan=plan, author=request.user, text=form.cleaned_data["text"])  # type: ignore[arg-type]
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
        else:
            messages.success(request, _("Your comment was saved."))
    else:
        messages.error(request, _("Write a comment of at most 4000 characters."))
    return _back_to_plan(plan, "comments")


@login_required
@require_GET
def plan_pdf(request: HttpRequest, pk: int) -> HttpResponse:
    plan = plan_get_for_user(request.user, pk)
    if not plan_is_owner(request.user, plan):
        _audit_plan_read(plan, "plan PDF")
    content = render_plan_pdf(plan, include_private_reflections=plan_is_owner(request.user, plan))
    response = HttpResponse(content, content_type="application/pdf")
    name = slugify(f"{plan.get_kind_display()} {plan.participant.person.full_name}")
    response["Content-Disposition"] = f'attachment; filename="{name}.pdf"'
    response["Cache-Control"] = "private, no-store"
    return response


def _audit_plan_read(plan: DevelopmentPlan, note: str) -> None:
    """A manager or course leader reading someone's plan is a read of a sensitive record."""
    audit_read(
        plan,
        subject_person_id=plan.participant.person_id,
        organisation_id=plan.participant.person.organisation_id,
        note=note,
    )


@login_required
@require_http_methods(["GET", "POST"])
def reflection_edit(request: HttpRequest, session_pk: int) -> HttpResponse:
    session = get_visible_or_404(
        sessions_for_user(request.user).select_related("edition"), pk=session_pk
    )
    p = principal(request.user)
    participant = Participant.objects.filter(
        edition_id=session.edition_id, person_id=p.person_id or -1
    ).first()
    if participant is None:
        raise PermissionDenied
    existing = participant.reflections.filter(session=session).first()
    if request.method == "POST" and "remove" in request.POST:
        if existing is not None:
            services.reflection_delete(reflection=existing)
            messages.success(request, _("Your reflection was removed."))
        return redirect(reverse("my_development") + f"#edition-{participant.edition_id}")
    form = ReflectionForm(
        request.POST or None,
        initial={"text": existing.text, "shared": existing.shared} if existing else None,
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.reflection_save(participant=participant, session=session, **form.cleaned_data)
        except ValidationError as exc:
            _apply_errors(form, exc)
        else:
            messages.success(request, _("Your reflection was saved."))
            return redirect(reverse("my_development") + f"#edition-{participant.edition_id}")
    title = _("Reflection: %(session)s") % {"session": session.title}
    return render(
        request,
        "development/reflection_form.html",
        {
            "form": form,
            "title": title,
            "session": session,
            "existing": existing,
            "cancel_url": reverse("my_development"),
            "crumbs": [(reverse("my_development"), _("My development")), (None, title)],
        },
    )


# --- managers, course leaders and coordinators ---------------------------------------------


@login_required
@require_GET
def shared_plans(request: HttpRequest) -> HttpResponse:
    plans = selectors.shared_with_me(request.user)  # type: ignore[arg-type]
    return render(request, "development/shared_plans.html", {"plans": plans})


@login_required
@require_GET
def edition_plans(request: HttpRequest, pk: int) -> HttpResponse:
    edition = get_visible_or_404(editions_for_user(request.user).select_related("programme"), pk=pk)
    if not plan_overview_can_view(request.user, edition):
        raise PermissionDenied
    rows = selectors.edition_overview(
        edition, participants=participants_for_user(request.user, edition)
    )
    context = {
        "edition": edition,
        "rows": rows,
        "with_plan": sum(1 for r in rows if r["plan"] is not None),
        "crumbs": [
            (reverse("programme_list"), _("Programmes")),
            (reverse("programme_detail", args=[edition.programme_id]), edition.programme.name),
            (reverse("edition_detail", args=[edition.pk]), edition.name),
            (None, _("Action plans and roadmaps")),
        ],
    }
    return render(request, "development/edition_plans.html", context)
