"""The page of an organisation's API tokens: list, create (the secret shown once), revoke."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from plantskola.access.api import api_tokens_for_user, api_tokens_organisation_get_for_user
from plantskola.access.base import get_visible_or_404
from plantskola.api.tokens.forms import ApiTokenForm
from plantskola.api.tokens.services import api_token_create, api_token_revoke
from plantskola.core.pages import breadcrumbs


@login_required
@require_http_methods(["GET", "POST"])
def token_list(request: HttpRequest, slug: str) -> HttpResponse:
    organisation = api_tokens_organisation_get_for_user(request.user, slug=slug)
    form = ApiTokenForm(request.POST or None)
    secret = ""
    created = None
    if request.method == "POST" and form.is_valid():
        try:
            created, secret = api_token_create(
                organisation=organisation,
                name=form.cleaned_data["name"],
                scopes=form.cleaned_data["scopes"],
                expires_on=form.cleaned_data["expires_on"],
            )
        except ValidationError as exc:
            for field, errors in exc.message_dict.items():
                form.add_error(field if field in form.fields else None, errors)
        else:
            form = ApiTokenForm()
    context = {
        "organisation": organisation,
        "form": form,
        "tokens": api_tokens_for_user(request.user, organisation),
        "created": created,
        "secret": secret,
        "api_docs": reverse("api_v1:openapi-view"),
        "crumbs": breadcrumbs((reverse("core:home"), _("Start")), (None, _("API tokens"))),
    }
    return render(request, "api/token_list.html", context, status=400 if form.errors else 200)


@login_required
@require_POST
def token_revoke(request: HttpRequest, slug: str) -> HttpResponse:
    organisation = api_tokens_organisation_get_for_user(request.user, slug=slug)
    tokens = api_tokens_for_user(request.user, organisation)
    pk = request.POST.get("token", "")
    token = get_visible_or_404(tokens, pk=int(pk) if pk.isdigit() else 0)
    api_token_revoke(token=token)
    messages.success(
        request, _("The token “%(name)s” was revoked and no longer works.") % {"name": token.name}
    )
    return redirect("api:token_list", slug=organisation.slug)
