"""Pages for action plans, roadmaps and reflections: the participant's "Min utveckling", the
plan itself (written by the participant, read and commented on by those it is shared with),
the list of plans shared with a manager or course leader, and the coordinator's overview."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.forms import Form
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from plantskola.access.base import Action, UserLike
from plantskola.access.core import closest_manager
from plantskola.access.development import (
    own_participant_get_for_user,
    plan_action_get_for_user,
    plan_can_comment,
    plan_get_for_user,
    plan_goal_get_for_user,
    plan_is_owner,
    plan_overview_get_for_user,
    plans_shared_with_user,
    reflection_session_get_for_user,
)
from plantskola.access.programmes import participants_for_user
from plantskola.core.audit.services import audit_read
from plantskola.core.models import User
from plantskola.core.pages import Crumb, breadcrumbs, form_page
from plantskola.development.plans import selectors, services
from plantskola.development.plans.forms import (
    ActionForm,
    CommentForm,
    DirectionForm,
    GoalForm,
    ProfileForm,
    ReflectionForm,
    SelfAssessmentForm,
    ShareForm,
)
from plantskola.development.plans.models import (
    RATING_MAX,
    RATING_MIN,
    DevelopmentPlan,
    SelfAssessment,
)
from plantskola.development.plans.pdf import plan_pdf as render_plan_pdf
from plantskola.programmes.pages import edition_trail


def _apply_errors(form: Form, exc: ValidationError) -> None:
    if hasattr(exc, "error_dict"):
        for name, errors in exc.message_dict.items():
            form.add_error(name if name in form.fields else None, errors)
    else:
        form.add_error(None, exc.messages)


def _plans_root(user: UserLike, plan: DevelopmentPlan) -> Crumb:
    """The owner's plans live under "My development", others' under the plans shared with
    them."""
    if plan_is_owner(user, plan):
        return (reverse("development:my_development"), _("My development"))
    return (reverse("development:shared_plans"), _("Plans shared with me"))


def plan_trail(user: UserLike, plan: DevelopmentPlan) -> list[Crumb]:
    """My development (or Plans shared with me) › the plan (each a link)."""
    return [
        _plans_root(user, plan),
        (reverse("development:plan_detail", args=[plan.pk]), plan.get_kind_display()),
    ]


def _plan_form_page(
    request: HttpRequest, form: Form, *, title: str, plan: DevelopmentPlan, intro: str = ""
) -> HttpResponse:
    """`form_page` for a form about one plan: back to the plan on Cancel."""
    return form_page(
        request,
        form,
        title=title,
        crumbs=breadcrumbs(plan_trail(request.user, plan), (None, title)),
        cancel_url=reverse("development:plan_detail", args=[plan.pk]),
        intro=intro,
    )


def _confirm_page(
    request: HttpRequest,
    *,
    plan: DevelopmentPlan,
    title: str,
    question: str,
    confirm_label: str = "",
) -> HttpResponse:
    return render(
        request,
        "development/confirm_delete.html",
        {
            "title": title,
            "question": question,
            "confirm_label": confirm_label,
            "cancel_url": reverse("development:plan_detail", args=[plan.pk]),
            "crumbs": breadcrumbs(plan_trail(request.user, plan), (None, title)),
        },
    )


def _back_to_plan(plan: DevelopmentPlan, anchor: str = "") -> HttpResponse:
    return redirect(
        reverse("development:plan_detail", args=[plan.pk]) + (f"#{anchor}" if anchor else "")
    )


# --- the participant's pages -----------------------------------------------------------------


@login_required
@require_GET
def my_development(request: HttpRequest) -> HttpResponse:
    participations = selectors.my_participations(request.user)
    shared_count = plans_shared_with_user(request.user).count()
    return render(
        request,
        "development/my_development.html",
        {"participations": participations, "shared_count": shared_count},
    )


@login_required
@require_POST
def plan_start(request: HttpRequest, participant_pk: int) -> HttpResponse:
    participant = own_participant_get_for_user(request.user, participant_pk)
    try:
        plan = services.plan_start(participant=participant)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
        return redirect("development:my_development")
    return _back_to_plan(plan)


@login_required
@require_GET
def plan_detail(request: HttpRequest, pk: int) -> HttpResponse:
    plan = selectors.plan_with_content(plan_get_for_user(request.user, pk).pk)
    is_owner = plan_is_owner(request.user, plan)
    if not is_owner:
        _audit_plan_read(plan, "plan page")
    profile = selectors.plan_profile(plan)
    rows = selectors.profile_rows(plan, profile)
    by_competency = {r.competency.pk: r for r in rows}
    for goal in plan.goals.all():  # the prefetched goals the template shows
        row = by_competency.get(goal.competency_id) if goal.competency_id else None
        goal.profile_row = row  # type: ignore[attr-defined]  # read by the template
    context: dict[str, object] = {
        "plan": plan,
        "is_owner": is_owner,
        "profile": profile,
        "profile_rows": rows,
        "has_start": any(r.start is not None for r in rows),
        "has_end": any(r.end is not None for r in rows),
        "can_choose_profile": is_owner and selectors.organisation_profiles(plan).exists(),
        "rating_min": RATING_MIN,
        "rating_max": RATING_MAX,
        "progress": selectors.plan_progress(plan),
        "comments": plan.comments.all(),
        "comment_form": CommentForm() if plan_can_comment(request.user, plan) else None,
        "reflections": selectors.shared_reflections(plan) if not is_owner else None,
        "crumbs": breadcrumbs(_plans_root(request.user, plan), (None, plan.get_kind_display())),
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
    return _plan_form_page(request, form, title=_("Where I want to go"), plan=plan)


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
    return _goal_form_page(
        request,
        form,
        title=_("New goal"),
        plan=plan,
        intro=_("Link the goal to a competency of the leadership platform where one fits."),
    )


def _chosen_competency_id(form: GoalForm) -> int | None:
    """The competency the form shows: the one submitted, else the initial one."""
    value = form["competency"].value()
    try:
        return int(str(value)) if value not in (None, "") else None
    except ValueError:
        return None


def _goal_form_page(
    request: HttpRequest, form: GoalForm, *, title: str, plan: DevelopmentPlan, intro: str = ""
) -> HttpResponse:
    """The goal form, with the requirement profile's behavioural indicators for the chosen
    competency beside it (replaced through htmx when another competency is chosen)."""
    indicators_url = reverse("development:plan_indicators", args=[plan.pk])
    form.fields["competency"].widget.attrs.update(
        {
            "hx-get": indicators_url,
            "hx-target": "#competency-indicators",
            "hx-trigger": "change",
            "hx-swap": "innerHTML",
            "aria-describedby": "competency-indicators",
        }
    )
    profile, row = selectors.competency_indicators(plan, _chosen_competency_id(form))
    context = {
        "form": form,
        "title": title,
        "intro": intro,
        "cancel_url": reverse("development:plan_detail", args=[plan.pk]),
        "crumbs": breadcrumbs(plan_trail(request.user, plan), (None, title)),
        "profile": profile,
        "row": row,
        "chosen": _chosen_competency_id(form) is not None,
    }
    status = 400 if form.errors else 200
    return render(request, "development/goal_form.html", context, status=status)


@login_required
@require_GET
def plan_indicators(request: HttpRequest, pk: int) -> HttpResponse:
    """The behavioural indicators of one competency in the plan's requirement profile: the
    goal form's partial (`?competency=`)."""
    plan = plan_get_for_user(request.user, pk)
    raw = request.GET.get("competency", "")
    competency_id = int(raw) if raw.isdigit() else None
    profile, row = selectors.competency_indicators(plan, competency_id)
    return render(
        request,
        "development/_competency_indicators.html",
        {"profile": profile, "row": row, "chosen": competency_id is not None},
    )


@login_required
@require_http_methods(["GET", "POST"])
def goal_update(request: HttpRequest, pk: int) -> HttpResponse:
    goal = plan_goal_get_for_user(request.user, pk, action=Action.CHANGE)
    initial: dict[str, object] = {
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
    return _goal_form_page(request, form, title=_("Change goal"), plan=goal.plan)


@login_required
@require_http_methods(["GET", "POST"])
def goal_delete(request: HttpRequest, pk: int) -> HttpResponse:
    goal = plan_goal_get_for_user(request.user, pk, action=Action.CHANGE)
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
    goal = plan_goal_get_for_user(request.user, pk, action=Action.CHANGE)
    form = ActionForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.action_create(goal=goal, **form.cleaned_data)
        except ValidationError as exc:
            _apply_errors(form, exc)
        else:
            messages.success(request, _("The action was added."))
            return _back_to_plan(goal.plan, f"goal-{goal.pk}")
    response = _plan_form_page(
        request, form, title=_("New action for “%(goal)s”") % {"goal": goal.title}, plan=goal.plan
    )
    # Kept as it was before `form_page` answered 400 for a form with errors:
    # tests/development/test_plans_views.py asserts 200 for an invalid action.
    response.status_code = 200
    return response


@login_required
@require_http_methods(["GET", "POST"])
def action_update(request: HttpRequest, pk: int) -> HttpResponse:
    action = plan_action_get_for_user(request.user, pk, action=Action.CHANGE)
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
    return _plan_form_page(request, form, title=_("Change action"), plan=action.goal.plan)


@login_required
@require_POST
def action_done(request: HttpRequest, pk: int) -> HttpResponse:
    """Mark an action done: one action, never a toggle (a second click changes nothing)."""
    action = plan_action_get_for_user(request.user, pk, action=Action.CHANGE)
    services.action_set_done(action=action, done=True)
    return _back_to_plan(action.goal.plan, f"goal-{action.goal_id}")


@login_required
@require_http_methods(["GET", "POST"])
def action_undo(request: HttpRequest, pk: int) -> HttpResponse:
    """Undo marking an action done: its own step, confirmed first."""
    action = plan_action_get_for_user(request.user, pk, action=Action.CHANGE)
    plan = action.goal.plan
    if request.method == "POST":
        services.action_set_done(action=action, done=False)
        messages.success(request, _("The action counts as not done again."))
        return _back_to_plan(plan, f"goal-{action.goal_id}")
    if not action.done:
        messages.info(request, _("The action is not marked as done."))
        return _back_to_plan(plan, f"goal-{action.goal_id}")
    return _confirm_page(
        request,
        plan=plan,
        title=_("Undo marked as done"),
        question=_(
            "Undo marking “%(action)s” as done? The action then counts as not done again, and "
            "the plan's progress goes down."
        )
        % {"action": action.text},
        confirm_label=_("Undo marked as done"),
    )


@login_required
@require_http_methods(["GET", "POST"])
def action_delete(request: HttpRequest, pk: int) -> HttpResponse:
    action = plan_action_get_for_user(request.user, pk, action=Action.CHANGE)
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
def plan_profile(request: HttpRequest, pk: int) -> HttpResponse:
    """Choose the requirement profile the plan follows."""
    plan = plan_get_for_user(request.user, pk, action=Action.CHANGE)
    current = selectors.plan_profile(plan)
    form = ProfileForm(
        request.POST or None,
        profiles=selectors.organisation_profiles(plan),
        initial={"profile": current.pk if current else None},
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.plan_profile_set(plan=plan, profile=form.cleaned_data["profile"])
        except ValidationError as exc:
            _apply_errors(form, exc)
        else:
            messages.success(request, _("Saved."))
            return _back_to_plan(plan, "profile-heading")
    return _plan_form_page(request, form, title=_("Requirement profile"), plan=plan)


# The phase in the self-assessment's address (Swedish, like the other addresses).
PHASE_SLUGS = {"start": SelfAssessment.Phase.START, "slut": SelfAssessment.Phase.END}


@login_required
@require_http_methods(["GET", "POST"])
def self_assessment(request: HttpRequest, pk: int, phase: str) -> HttpResponse:
    """The participant rates themself against each competency of the profile, at the start
    or at the end."""
    plan = plan_get_for_user(request.user, pk, action=Action.CHANGE)
    if phase not in PHASE_SLUGS:
        raise Http404
    chosen_phase = PHASE_SLUGS[phase]
    profile = selectors.plan_profile(plan)
    if profile is None:
        messages.info(request, _("Choose a requirement profile to rate yourself against."))
        return redirect("development:plan_profile", pk=plan.pk)
    rows = selectors.profile_rows(plan, profile)
    initial = {
        SelfAssessmentForm.field_name(r.competency.pk): (
            r.start if chosen_phase == SelfAssessment.Phase.START else r.end
        )
        for r in rows
    }
    form = SelfAssessmentForm(
        request.POST or None,
        competencies=[r.competency for r in rows],
        initial={k: v for k, v in initial.items() if v is not None},
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.self_assessment_save(
                plan=plan, profile=profile, phase=chosen_phase, ratings=form.ratings()
            )
        except ValidationError as exc:
            _apply_errors(form, exc)
        else:
            messages.success(request, _("Your self-assessment was saved."))
            return _back_to_plan(plan, "profile-heading")
    title = (
        _("Self-assessment at the start")
        if chosen_phase == SelfAssessment.Phase.START
        else _("Self-assessment at the end")
    )
    context = {
        "plan": plan,
        "profile": profile,
        "form": form,
        "fields": [(r, form[SelfAssessmentForm.field_name(r.competency.pk)]) for r in rows],
        "title": title,
        "is_start": chosen_phase == SelfAssessment.Phase.START,
        "rating_min": RATING_MIN,
        "rating_max": RATING_MAX,
        "cancel_url": reverse("development:plan_detail", args=[plan.pk]),
        "crumbs": breadcrumbs(plan_trail(request.user, plan), (None, title)),
    }
    status = 400 if form.errors else 200
    return render(request, "development/self_assessment_form.html", context, status=status)


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
    leaders = selectors.course_leaders(plan.participant.edition)
    if leaders:
        intro += " " + _("The course leaders of the edition are %(names)s.") % {
            "names": ", ".join(sorted(p.full_name for p in leaders))
        }
    return _plan_form_page(request, form, title=_("Share the plan"), plan=plan, intro=intro)


@login_required
@require_POST
def plan_comment(request: HttpRequest, pk: int) -> HttpResponse:
    plan = plan_get_for_user(request.user, pk)
    author = request.user
    if not isinstance(author, User):  # `login_required` lets only logged-in users through
        raise PermissionDenied
    form = CommentForm(request.POST)
    if form.is_valid():
        try:
            services.plan_comment(plan=plan, author=author, text=form.cleaned_data["text"])
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
    session, participant = reflection_session_get_for_user(request.user, session_pk)
    existing = participant.reflections.filter(session=session).first()
    if request.method == "POST" and "remove" in request.POST:
        if existing is not None:
            services.reflection_delete(reflection=existing)
            messages.success(request, _("Your reflection was removed."))
        return redirect(
            reverse("development:my_development") + f"#edition-{participant.edition_id}"
        )
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
            return redirect(
                reverse("development:my_development") + f"#edition-{participant.edition_id}"
            )
    title = _("Reflection: %(session)s") % {"session": session.title}
    return render(
        request,
        "development/reflection_form.html",
        {
            "form": form,
            "title": title,
            "session": session,
            "existing": existing,
            "cancel_url": reverse("development:my_development"),
            "crumbs": breadcrumbs(
                (reverse("development:my_development"), _("My development")), (None, title)
            ),
        },
    )


# --- managers, course leaders and coordinators ---------------------------------------------


@login_required
@require_GET
def shared_plans(request: HttpRequest) -> HttpResponse:
    plans = selectors.shared_with_me(request.user)
    return render(request, "development/shared_plans.html", {"plans": plans})


@login_required
@require_GET
def edition_plans(request: HttpRequest, pk: int) -> HttpResponse:
    edition = plan_overview_get_for_user(request.user, pk)
    rows = selectors.edition_overview(
        edition, participants=participants_for_user(request.user, edition)
    )
    context = {
        "edition": edition,
        "rows": rows,
        "with_plan": sum(1 for r in rows if r.plan is not None),
        "crumbs": breadcrumbs(edition_trail(edition), (None, _("Action plans and roadmaps"))),
    }
    return render(request, "development/edition_plans.html", context)
