"""Pages of the manager posts HR records: the list, a post with its applicants, outcomes and
scorecards, and the forms. HR of the organisation only (`access.insights`)."""

from __future__ import annotations

from typing import cast

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from plantskola.access.base import Action
from plantskola.access.insights import (
    insights_organisation_get_for_user,
    manager_post_get_for_user,
    manager_posts_for_user,
    post_applicant_get_for_user,
)
from plantskola.core.models import Organisation, User
from plantskola.core.pages import Crumb, breadcrumbs, errors_to_form, form_page
from plantskola.insights.models import ManagerPost, PostApplicant, PostScorecard
from plantskola.insights.pages import insights_trail
from plantskola.insights.posts.forms import (
    ApplicantChangeForm,
    ApplicantForm,
    ManagerPostForm,
    PostScorecardForm,
)
from plantskola.insights.posts.selectors import (
    post_applicants,
    posts_with_counts,
    profile_competencies,
    score_table,
)
from plantskola.insights.posts.services import (
    manager_post_create,
    manager_post_delete,
    manager_post_update,
    post_applicant_add,
    post_applicant_remove,
    post_applicant_update,
    post_scorecard_save,
)


def posts_trail(organisation: Organisation) -> list[Crumb]:
    return [
        *insights_trail(),
        (reverse("insights:post_list", args=[organisation.pk]), _("Manager posts")),
    ]


def post_trail(post: ManagerPost) -> list[Crumb]:
    return [
        *posts_trail(post.organisation),
        (reverse("insights:post_detail", args=[post.pk]), post.title),
    ]


@login_required
@require_GET
def post_list(request: HttpRequest, pk: int) -> HttpResponse:
    organisation = insights_organisation_get_for_user(request.user, pk, action=Action.VIEW_PEOPLE)
    posts = posts_with_counts(
        manager_posts_for_user(request.user).filter(organisation=organisation)
    )
    return render(
        request,
        "insights/posts/list.html",
        {
            "organisation": organisation,
            "posts": posts,
            "crumbs": breadcrumbs(
                insights_trail(), (None, f"{_('Manager posts')} – {organisation.name}")
            ),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def post_create(request: HttpRequest, pk: int) -> HttpResponse:
    organisation = insights_organisation_get_for_user(request.user, pk, action=Action.VIEW_PEOPLE)
    form = ManagerPostForm(request.POST or None, organisation=organisation)
    if request.method == "POST" and form.is_valid():
        try:
            post = manager_post_create(
                organisation=organisation,
                created_by=cast(User, request.user),  # login_required
                **form.cleaned_data,
            )
        except ValidationError as error:
            errors_to_form(form, error)
        else:
            messages.success(request, _("The manager post has been recorded."))
            return redirect("insights:post_detail", post_pk=post.pk)
    return form_page(
        request,
        form,
        title=_("Record a manager post"),
        intro=_("The post, where it is and how it was advertised; applicants are added next."),
        cancel_url=reverse("insights:post_list", args=[organisation.pk]),
        crumbs=breadcrumbs(posts_trail(organisation), (None, _("Record a manager post"))),
    )


@login_required
@require_GET
def post_detail(request: HttpRequest, post_pk: int) -> HttpResponse:
    post = manager_post_get_for_user(request.user, post_pk)
    applicants = list(post_applicants(post))
    competencies, scores = score_table(post, applicants)
    return render(
        request,
        "insights/posts/detail.html",
        {
            "post": post,
            "organisation": post.organisation,
            "competencies": competencies,
            "scores": scores,
            "hired": next(
                (a for a in applicants if a.outcome == PostApplicant.Outcome.HIRED), None
            ),
            "form": ApplicantForm(organisation=post.organisation),
            "crumbs": breadcrumbs(posts_trail(post.organisation), (None, post.title)),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def post_edit(request: HttpRequest, post_pk: int) -> HttpResponse:
    post = manager_post_get_for_user(request.user, post_pk)
    form = ManagerPostForm(request.POST or None, organisation=post.organisation, post=post)
    if request.method == "POST" and form.is_valid():
        try:
            manager_post_update(post=post, **form.cleaned_data)
        except ValidationError as error:
            errors_to_form(form, error)
            post.refresh_from_db()
        else:
            messages.success(request, _("The manager post has been saved."))
            return redirect("insights:post_detail", post_pk=post.pk)
    return form_page(
        request,
        form,
        title=_("Change the manager post"),
        cancel_url=reverse("insights:post_detail", args=[post.pk]),
        crumbs=breadcrumbs(post_trail(post), (None, _("Change"))),
    )


@login_required
@require_http_methods(["GET", "POST"])
def post_delete(request: HttpRequest, post_pk: int) -> HttpResponse:
    post = manager_post_get_for_user(request.user, post_pk)
    if request.method == "POST":
        organisation = post.organisation
        manager_post_delete(post=post)
        messages.success(request, _("The manager post and its applicants have been removed."))
        return redirect("insights:post_list", pk=organisation.pk)
    return render(
        request,
        "insights/posts/confirm_delete.html",
        {
            "title": _("Remove the manager post"),
            "question": _(
                "Remove “%(title)s” and its %(count)d applicants with their scorecards? The "
                "statistics computed from them change."
            )
            % {"title": post.title, "count": post.applicants.count()},
            "cancel_url": reverse("insights:post_detail", args=[post.pk]),
            "crumbs": breadcrumbs(post_trail(post), (None, _("Remove"))),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def applicant_create(request: HttpRequest, post_pk: int) -> HttpResponse:
    post = manager_post_get_for_user(request.user, post_pk)
    form = ApplicantForm(request.POST or None, organisation=post.organisation)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            applicant = post_applicant_add(
                post=post,
                person=form.person,
                name=data["name"],
                gender=data["gender"],
                birth_year=data["birth_year"],
                applied_on=data["applied_on"],
                outcome=data["outcome"],
            )
        except ValidationError as error:
            errors_to_form(form, error)
        else:
            messages.success(
                request,
                _("%(name)s has been added as an applicant.") % {"name": applicant.display_name},
            )
            return redirect("insights:post_detail", post_pk=post.pk)
    return form_page(
        request,
        form,
        title=_("Add an applicant"),
        intro=_(
            "An internal applicant by employee number, or an external applicant with name, "
            "self-reported gender and birth year as in the recruitment system."
        ),
        cancel_url=reverse("insights:post_detail", args=[post.pk]),
        crumbs=breadcrumbs(post_trail(post), (None, _("Add an applicant"))),
    )


@login_required
@require_http_methods(["GET", "POST"])
def applicant_edit(request: HttpRequest, applicant_pk: int) -> HttpResponse:
    applicant = post_applicant_get_for_user(request.user, applicant_pk)
    post = applicant.post
    form = ApplicantChangeForm(request.POST or None, applicant=applicant)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            post_applicant_update(
                applicant=applicant,
                applied_on=data["applied_on"],
                outcome=data["outcome"],
                name=data.get("name"),
                gender=data.get("gender"),
                birth_year=data.get("birth_year"),
            )
        except ValidationError as error:
            errors_to_form(form, error)
        else:
            messages.success(request, _("The applicant has been saved."))
            return redirect("insights:post_detail", post_pk=post.pk)
    return form_page(
        request,
        form,
        title=_("Applicant: %(name)s") % {"name": applicant.display_name},
        cancel_url=reverse("insights:post_detail", args=[post.pk]),
        crumbs=breadcrumbs(post_trail(post), (None, applicant.display_name)),
    )


@login_required
@require_http_methods(["GET", "POST"])
def applicant_delete(request: HttpRequest, applicant_pk: int) -> HttpResponse:
    applicant = post_applicant_get_for_user(request.user, applicant_pk)
    post = applicant.post
    if request.method == "POST":
        post_applicant_remove(applicant=applicant)
        messages.success(request, _("The applicant has been removed."))
        return redirect("insights:post_detail", post_pk=post.pk)
    return render(
        request,
        "insights/posts/confirm_delete.html",
        {
            "title": _("Remove an applicant"),
            "question": _("Remove %(name)s and their scorecards from “%(title)s”?")
            % {"name": applicant.display_name, "title": post.title},
            "cancel_url": reverse("insights:post_detail", args=[post.pk]),
            "crumbs": breadcrumbs(post_trail(post), (None, _("Remove"))),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def post_scorecard(request: HttpRequest, applicant_pk: int) -> HttpResponse:
    """The signed-in HR user's scorecard of an applicant, against the post's profile."""
    applicant = post_applicant_get_for_user(request.user, applicant_pk)
    post = applicant.post
    user = cast(User, request.user)  # login_required
    scorecard = PostScorecard.objects.filter(applicant=applicant, interviewer=user).first()
    competencies = profile_competencies(post)
    form = PostScorecardForm(request.POST or None, competencies=competencies, scorecard=scorecard)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            try:
                post_scorecard_save(applicant=applicant, interviewer=user, ratings=form.ratings())
            except ValidationError as error:
                errors_to_form(form, error)
            else:
                messages.success(request, _("The scorecard has been saved."))
                return redirect("insights:post_detail", post_pk=post.pk)
        status = 400
    return render(
        request,
        "insights/posts/scorecard.html",
        {
            "post": post,
            "applicant": applicant,
            "form": form,
            "competencies": competencies,
            "crumbs": breadcrumbs(post_trail(post), (None, _("Scorecard"))),
        },
        status=status,
    )
