"""The outbox (what went out, what failed) and HR's editing of e-mail templates."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from plantskola.access.base import Action
from plantskola.access.core import (
    email_get_for_user,
    organisation_get_for_user,
    organisations_to_change_for_user,
    outbox_can_view,
)
from plantskola.core.mail.forms import EmailTemplateForm
from plantskola.core.mail.selectors import outbox_list, template_for, template_rows
from plantskola.core.mail.services import email_retry, email_template_reset, email_template_save
from plantskola.core.mail.templates import DEFAULT_TEMPLATES
from plantskola.core.models import OutgoingEmail
from plantskola.core.pages import breadcrumbs


@login_required
def outbox(request: HttpRequest) -> HttpResponse:
    if not outbox_can_view(request.user):
        raise PermissionDenied
    status = request.GET.get("status", "")
    page = Paginator(outbox_list(user=request.user, status=status), 50).get_page(
        request.GET.get("page")
    )
    context = {
        "page_obj": page,
        "status": status,
        "statuses": OutgoingEmail.Status.choices,
        "querystring_base": f"status={status}&" if status else "",
        "organisations": organisations_to_change_for_user(request.user),
    }
    return render(request, "core/outbox.html", context)


@login_required
def outbox_detail(request: HttpRequest, pk: int) -> HttpResponse:
    email = email_get_for_user(request.user, pk)
    crumbs = breadcrumbs((reverse("core:outbox"), _("Outbox")), (None, email.subject))
    return render(request, "core/outbox_detail.html", {"email": email, "crumbs": crumbs})


@login_required
@require_POST
def outbox_retry(request: HttpRequest, pk: int) -> HttpResponse:
    email = email_get_for_user(request.user, pk)
    if email.status != OutgoingEmail.Status.FAILED:
        messages.warning(request, _("Only failed e-mails can be sent again."))
    else:
        email_retry(email=email)
        messages.success(request, _("The e-mail was queued to be sent again."))
    return redirect("core:outbox_detail", pk=email.pk)


@login_required
def email_template_list(request: HttpRequest, slug: str) -> HttpResponse:
    organisation = organisation_get_for_user(request.user, slug=slug, action=Action.CHANGE)
    context = {"organisation": organisation, "templates": template_rows(organisation=organisation)}
    return render(request, "core/email_template_list.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def email_template_edit(request: HttpRequest, slug: str, key: str) -> HttpResponse:
    organisation = organisation_get_for_user(request.user, slug=slug, action=Action.CHANGE)
    if key not in DEFAULT_TEMPLATES:
        raise Http404
    subject, body = template_for(organisation=organisation, key=key)
    form = EmailTemplateForm(request.POST or None, initial={"subject": subject, "body": body})
    list_url = reverse("core:email_template_list", args=[organisation.slug])
    if request.method == "POST":
        if "reset" in request.POST:
            email_template_reset(organisation=organisation, key=key)
            messages.success(request, _("The e-mail uses the standard text again."))
            return redirect(list_url)
        if form.is_valid():
            email_template_save(
                organisation=organisation,
                key=key,
                subject=form.cleaned_data["subject"],
                body=form.cleaned_data["body"],
            )
            messages.success(request, _("The e-mail template was saved."))
            return redirect(list_url)
    description = DEFAULT_TEMPLATES[key].description
    context = {
        "organisation": organisation,
        "key": key,
        "description": description,
        "form": form,
        "crumbs": breadcrumbs((list_url, _("E-mail templates")), (None, description)),
    }
    return render(
        request, "core/email_template_edit.html", context, status=400 if form.errors else 200
    )
