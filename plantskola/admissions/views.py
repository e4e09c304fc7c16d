"""Admissions pages: the call (coordinator), applying (employee), handling (coordinator) and
the manager's reference by personal link (no login)."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.forms import Form
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_POST

from plantskola.access.admissions import (
    application_get_for_user,
    call_can_manage,
    call_get_for_user,
    call_get_public,
    call_nominations_for_user,
    calls_for_user,
    own_nominations_for_user,
)
from plantskola.access.base import Action
from plantskola.access.core import own_person
from plantskola.access.programmes import edition_get_for_user
from plantskola.admissions import selectors, services
from plantskola.admissions.applicant.selectors import application_status_text
from plantskola.admissions.forms import (
    ApplicationForm,
    AskAnotherManagerForm,
    CallForm,
    DeclineForm,
    ReferenceForm,
)
from plantskola.admissions.models import Nomination
from plantskola.admissions.retention import weed_on
from plantskola.core.audit.services import audit_read
from plantskola.core.pages import form_page


@login_required
@require_http_methods(["GET", "POST"])
def call_edit(request: HttpRequest, edition_pk: int) -> HttpResponse:
    edition = edition_get_for_user(request.user, edition_pk, action=Action.CHANGE)
    call = selectors.edition_call(edition)
    form = CallForm(request.POST or None, edition=edition, call=call)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            call = services.call_save(
                call=call,
                edition=edition,
                title=data["title"],
                description=data["description"],
                opens_at=data["opens_at"],
                closes_at=data["closes_at"],
                reference_deadline=data["reference_deadline"],
                organisations=list(data["organisations"]),
                units=list(data["units"]),
                non_managers_only=data["non_managers_only"],
                requirement_profile=data["requirement_profile"],
                questions=data["questions"],
                user=request.user,  # type: ignore[arg-type]  # login_required: a User
            )
        except ValidationError as exc:
            add_errors_at_fields(form, exc)
        else:
            messages.success(request, _("The call was saved."))
            return redirect("admissions:call_detail", pk=call.pk)
    detail = reverse("programmes:edition_detail", args=[edition.pk])
    if call is None:
        intro = _(
            "The call is saved as a draft: only you and the other coordinators see it until it "
            "is published."
        )
    else:
        intro = ""
    return form_page(
        request,
        form,
        title=_("Call for applications to %(name)s") % {"name": edition.name},
        cancel_url=detail,
        crumbs=[(detail, edition.name), (None, _("Call for applications"))],
        intro=intro,
    )


def add_errors_at_fields(form: Form, exc: ValidationError) -> None:
    """A service's errors at the field they name, when the form shows that field; the rest
    (and plain messages) above the form."""
    if not hasattr(exc, "error_dict"):
        for message in exc.messages:
            form.add_error(None, message)
        return
    for name, errors in exc.message_dict.items():
        for message in errors:
            form.add_error(name if name in form.fields else None, message)


@login_required
@require_POST
def call_publish(request: HttpRequest, pk: int) -> HttpResponse:
    call = call_get_for_user(request.user, pk)
    try:
        services.call_publish(call=call)
    except ValidationError as exc:
        for message in exc.messages:
            messages.error(request, message)
    else:
        messages.success(request, _("The call is published: employees can see it now."))
    return redirect("admissions:call_detail", pk=call.pk)


@login_required
@require_http_methods(["GET", "POST"])
def call_close(request: HttpRequest, pk: int) -> HttpResponse:
    """Close the call now, after a confirmation that says what it means."""
    call = call_get_for_user(request.user, pk)
    if request.method == "POST":
        try:
            services.call_close_now(call=call)
        except ValidationError as exc:
            for message in exc.messages:
                messages.error(request, message)
        else:
            messages.success(request, _("The call is closed."))
        return redirect("admissions:call_detail", pk=call.pk)
    context = {
        "call": call,
        "submitted": call.applications.filter(status="submitted").count(),
        "drafts": call.applications.filter(status="draft").count(),
    }
    return render(request, "admissions/call_close.html", context)


@login_required
def call_preview(request: HttpRequest, pk: int) -> HttpResponse:
    """The call's page exactly as an eligible employee sees it before applying (a draft
    included), for its coordinators."""
    call = call_get_for_user(request.user, pk)
    context = {
        "call": call,
        "questions": call.questions.all(),
        "organisations": call.organisations.all(),
        "units": call.units.all(),
        "reason": None,
        "application": None,
        "can_manage": False,
        "preview": True,
        # As it will look once published: open between its opening and closing times.
        "preview_open": call.opens_at <= timezone.now() < call.closes_at,
    }
    return render(request, "admissions/call_detail.html", context)


def call_list(request: HttpRequest) -> HttpResponse:
    """Open calls: those the logged-in employee can apply to, and those the user handles."""
    person = own_person(request.user)
    context = {
        "open_calls": selectors.open_calls_for(person),
        "handled_calls": calls_for_user(request.user).select_related("edition"),
    }
    return render(request, "admissions/call_list.html", context)


def call_detail(request: HttpRequest, pk: int) -> HttpResponse:
    """The call's page. Public like a job advertisement on the intranet; applying needs login."""
    call = call_get_public(request.user, pk)
    person = own_person(request.user)
    application = selectors.own_application(call=call, person=person)
    context = {
        "call": call,
        "questions": call.questions.all(),
        "organisations": call.organisations.all(),
        "units": call.units.all(),
        "reason": selectors.call_eligibility(call=call, person=person) if person else None,
        "application": application,
        "can_manage": call_can_manage(request.user, call),
    }
    return render(request, "admissions/call_detail.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def application_edit(request: HttpRequest, call_pk: int) -> HttpResponse:
    call = call_get_public(request.user, call_pk)
    person = own_person(request.user)
    if person is None:
        raise PermissionDenied
    reason = selectors.call_eligibility(call=call, person=person)
    if reason:
        messages.error(request, reason)
        return redirect("admissions:call_detail", pk=call.pk)
    application = selectors.own_application(call=call, person=person)
    form = ApplicationForm(
        request.POST or None, call=call, applicant=person, application=application
    )
    if request.method == "POST" and form.is_valid():
        submit = "submit" in request.POST
        try:
            application = services.application_save(
                call=call,
                applicant=person,
                motivation=form.cleaned_data["motivation"],
                answers=form.answers(),
                manager=form.cleaned_data["manager"],
                submit=submit,
            )
        except ValidationError as exc:
            for message in exc.messages:
                form.add_error(None, message)
        else:
            if submit:
                messages.success(
                    request, _("Your application was submitted. A receipt is on its way by e-mail.")
                )
            else:
                messages.success(request, _("Your draft was saved. Submit before the deadline."))
            return redirect("admissions:my_applications")
    context = {
        "call": call,
        "form": form,
        "application": application,
        "closed": call.has_closed,
    }
    return render(
        request, "admissions/application_form.html", context, status=400 if form.errors else 200
    )


@login_required
def my_applications(request: HttpRequest) -> HttpResponse:
    applications = list(selectors.own_applications(own_person(request.user)))
    for application in applications:
        application.status_text = application_status_text(application)  # type: ignore[attr-defined]  # for the page only
    nominations = own_nominations_for_user(request.user).filter(status=Nomination.Status.PENDING)
    context = {"applications": applications, "pending_nominations": nominations}
    return render(request, "admissions/my_applications.html", context)


@login_required
def application_list(request: HttpRequest, call_pk: int) -> HttpResponse:
    call = call_get_for_user(request.user, call_pk, action=Action.VIEW)
    applications = selectors.handled_applications(user=request.user, call=call)
    context = {
        "call": call,
        "applications": applications,
        "missing_references": [a for a in applications if selectors.reference_missing(a)],
        "can_manage": call_can_manage(request.user, call),
        "nomination_count": call_nominations_for_user(request.user, call).count(),
    }
    return render(request, "admissions/application_list.html", context)


@login_required
def application_detail(request: HttpRequest, pk: int) -> HttpResponse:
    application = application_get_for_user(request.user, pk)
    can_manage = call_can_manage(request.user, application.call)
    reference = getattr(application, "reference", None) if can_manage else None
    if reference is not None:
        audit_read(
            reference,
            subject_person_id=application.applicant_id,
            organisation_id=application.call.edition.programme.organisation_id,
            note="application page",
        )
    context = {
        "application": application,
        "answers": application.answers.select_related("question").order_by("question__order"),
        "progress": selectors.application_progress(application) if can_manage else None,
        "reference_actions": selectors.reference_actions(application) if can_manage else None,
        "reference": reference,
        "ratings": reference.ratings.select_related("competency") if reference else [],
        "can_manage": can_manage,
        "weed_on": weed_on(application) if can_manage and not application.is_weeded else None,
    }
    return render(request, "admissions/application_detail.html", context)


@never_cache
@require_http_methods(["GET", "POST"])
def reference_form(request: HttpRequest, token: str) -> HttpResponse:
    """The manager's personal link: no login, this one reference only, until it expires."""
    reference = selectors.reference_for_token(token)
    if reference is None:
        return render(request, "admissions/reference_invalid.html", status=404)
    form = ReferenceForm(request.POST if "give" in request.POST else None, reference=reference)
    declining = "decline" in request.POST or "confirm_decline" in request.POST
    decline = DeclineForm(request.POST if declining else None)
    if request.method == "POST":
        try:
            if "give" in request.POST and form.is_valid():
                services.reference_give(
                    reference=reference,
                    ratings=form.ratings(),
                    recommendation=form.cleaned_data["recommendation"],
                    comment=form.cleaned_data["comment"],
                )
                return render(request, "admissions/reference_done.html", {"given": True})
            if "decline" in request.POST and decline.is_valid():
                # Declining cannot be undone: ask once more, saying what it means.
                context = {
                    "reference": reference,
                    "application": reference.application,
                    "reason": decline.cleaned_data["reason"],
                }
                return render(request, "admissions/reference_decline_confirm.html", context)
            if "confirm_decline" in request.POST and decline.is_valid():
                services.reference_decline(
                    reference=reference, reason=decline.cleaned_data["reason"]
                )
                return render(request, "admissions/reference_done.html", {"given": False})
        except ValidationError as exc:
            form.add_error(None, " ".join(exc.messages))
    context = {
        "reference": reference,
        "application": reference.application,
        "form": form,
        "decline": decline,
        "today": timezone.localdate(),
    }
    status = 400 if request.method == "POST" else 200
    return render(request, "admissions/reference_form.html", context, status=status)


@login_required
@require_POST
def reference_remind(request: HttpRequest, pk: int) -> HttpResponse:
    """Remind the manager now, with a new personal link (the coordinator)."""
    application = application_get_for_user(request.user, pk, action=Action.MANAGE)
    try:
        services.reference_remind(application=application)
    except ValidationError as exc:
        for message in exc.messages:
            messages.error(request, message)
    else:
        messages.success(request, _("The manager was reminded with a new personal link."))
    return redirect("admissions:application_detail", pk=application.pk)


@login_required
@require_http_methods(["GET", "POST"])
def reference_ask_another(request: HttpRequest, pk: int) -> HttpResponse:
    """Send the reference request to another manager (the coordinator)."""
    application = application_get_for_user(request.user, pk, action=Action.MANAGE)
    form = AskAnotherManagerForm(request.POST or None, application=application)
    if request.method == "POST" and form.is_valid():
        try:
            reference = services.reference_ask_another(
                application=application, manager=form.cleaned_data["manager"]
            )
        except ValidationError as exc:
            add_errors_at_fields(form, exc)
        else:
            name = reference.manager.full_name if reference.manager else ""
            messages.success(request, _("%(name)s was asked for a reference.") % {"name": name})
            return redirect("admissions:application_detail", pk=application.pk)
    detail = reverse("admissions:application_detail", args=[application.pk])
    current = getattr(application, "reference", None)
    intro = _("Ask another manager for %(name)s's reference, for example a previous manager.") % {
        "name": application.applicant_name
    }
    if current is not None and current.status == "requested":
        intro += " " + _("The request already sent stops working.")
    return form_page(
        request,
        form,
        title=_("Ask another manager"),
        cancel_url=detail,
        crumbs=[(detail, application.applicant_name), (None, _("Ask another manager"))],
        intro=intro,
    )
