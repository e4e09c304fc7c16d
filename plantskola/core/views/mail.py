"""The outbox (what went out, what failed) and HR's editing of e-mail templates."""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.template import Template, TemplateSyntaxError
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods, require_POST

from plantskola.access.actions import get_for_action_or_404
from plantskola.access.base import Action, get_visible_or_404
from plantskola.access.core import organisations_for_user
from plantskola.access.principal import principal
from plantskola.core.mail import DEFAULT_TEMPLATES, email_retry, template_for
from plantskola.core.models import EmailTemplate, Organisation, OutgoingEmail


def _outbox_for_user(request: HttpRequest) -> QuerySet[OutgoingEmail]:
    p = principal(request.user)
    emails = OutgoingEmail.objects.select_related("organisation")
    return emails if p.is_superuser else emails.filter(organisation_id__in=p.staff_org_ids)


@login_required
def outbox(request: HttpRequest) -> HttpResponse:
    p = principal(request.user)
    if not (p.staff_org_ids or p.is_superuser):
        raise PermissionDenied
    emails = _outbox_for_user(request)
    status = request.GET.get("status", "")
    if status in OutgoingEmail.Status.values:
        emails = emails.filter(status=status)
    page = Paginator(emails, 50).get_page(request.GET.get("page"))
    context = {
        "page_obj": page,
        "status": status,
        "statuses": OutgoingEmail.Status.choices,
        "querystring_base": f"status={status}&" if status else "",
        "organisations": organisations_for_user(request.user).filter(
            pk__in=p.hr_org_ids if not p.is_superuser else organisations_for_user(request.user)
        ),
    }
    return render(request, "core/outbox.html", context)


@login_required
def outbox_detail(request: HttpRequest, pk: int) -> HttpResponse:
    email = get_visible_or_404(_outbox_for_user(request), pk=pk)
    crumbs = [(reverse("outbox"), _("Outbox")), (None, email.subject)]
    return render(request, "core/outbox_detail.html", {"email": email, "crumbs": crumbs})


@login_required
@require_POST
def outbox_retry(request: HttpRequest, pk: int) -> HttpResponse:
    email = get_visible_or_404(_outbox_for_user(request), pk=pk)
    if email.status != OutgoingEmail.Status.FAILED:
        messages.warning(request, _("Only failed e-mails can be sent again."))
    else:
        email_retry(email=email)
        messages.success(request, _("The e-mail was queued to be sent again."))
    return redirect("outbox_detail", pk=email.pk)


class EmailTemplateForm(forms.Form):
    # Lazy: class attributes are built at import, before any user's language is known.
    subject = forms.CharField(label=gettext_lazy("Subject"), max_length=200)
    body = forms.CharField(label=gettext_lazy("Text"), widget=forms.Textarea(attrs={"rows": 14}))

    def _check(self, field: str) -> str:
        value: str = self.cleaned_data[field]
        try:
            Template(value)
        except TemplateSyntaxError as exc:
            raise forms.ValidationError(
                _("The text has an error in a {{ }} or {%% %%} placeholder: %(error)s")
                % {"error": exc}
            ) from exc
        return value

    def clean_subject(self) -> str:
        return self._check("subject")

    def clean_body(self) -> str:
        return self._check("body")


def _organisation(request: HttpRequest, slug: str) -> Organisation:
    return get_for_action_or_404(
        request.user, organisations_for_user(request.user), Action.CHANGE, slug=slug
    )


@login_required
def email_template_list(request: HttpRequest, slug: str) -> HttpResponse:
    organisation = _organisation(request, slug)
    own = set(EmailTemplate.objects.filter(organisation=organisation).values_list("key", flat=True))
    templates = [
        {"key": key, "description": t.description, "customised": key in own}
        for key, t in sorted(DEFAULT_TEMPLATES.items())
    ]
    context = {"organisation": organisation, "templates": templates}
    return render(request, "core/email_template_list.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def email_template_edit(request: HttpRequest, slug: str, key: str) -> HttpResponse:
    organisation = _organisation(request, slug)
    if key not in DEFAULT_TEMPLATES:
        from django.http import Http404

        raise Http404
    subject, body = template_for(organisation=organisation, key=key)
    form = EmailTemplateForm(request.POST or None, initial={"subject": subject, "body": body})
    list_url = reverse("email_template_list", args=[organisation.slug])
    if request.method == "POST":
        if "reset" in request.POST:
            EmailTemplate.objects.filter(organisation=organisation, key=key).delete()
            messages.success(request, _("The e-mail uses the standard text again."))
            return redirect(list_url)
        if form.is_valid():
            EmailTemplate.objects.update_or_create(
                organisation=organisation,
                key=key,
                defaults={
                    "subject": form.cleaned_data["subject"],
                    "body": form.cleaned_data["body"],
                },
            )
            messages.success(request, _("The e-mail template was saved."))
            return redirect(list_url)
    context = {
        "organisation": organisation,
        "key": key,
        "description": DEFAULT_TEMPLATES[key].description,
        "form": form,
        "crumbs": [(list_url, _("E-mail templates")), (None, DEFAULT_TEMPLATES[key].description)],
    }
    return render(
        request, "core/email_template_edit.html", context, status=400 if form.errors else 200
    )
