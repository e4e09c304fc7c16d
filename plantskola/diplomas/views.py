"""Diploma pages: the coordinator's list per edition, PDFs, revoke and reissue, the
organisation's diploma settings and the participant's own diplomas (the public verification is
in `diplomas/verification/`)."""

from __future__ import annotations

import re

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from plantskola.access.base import Action
from plantskola.access.diplomas import (
    diploma_get_for_user,
    diploma_settings_can_change,
    diploma_settings_get_for_user,
)
from plantskola.access.programmes import edition_get_for_user
from plantskola.core.documents.services import document_request
from plantskola.core.pages import breadcrumbs
from plantskola.diplomas import pdf, selectors, services
from plantskola.diplomas.forms import DiplomaSettingsForm, RevokeForm
from plantskola.programmes.models import Participant
from plantskola.programmes.pages import edition_trail


def _site_url(request: HttpRequest) -> str:
    return request.build_absolute_uri("/")


def _pdf_response(content: bytes, filename: str) -> HttpResponse:
    response = HttpResponse(content, content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response["Cache-Control"] = "private, no-store"
    return response


# --- the coordinator's pages -----------------------------------------------------------------


@login_required
@require_GET
def diploma_list(request: HttpRequest, edition_pk: int) -> HttpResponse:
    edition = edition_get_for_user(request.user, edition_pk, action=Action.CHANGE)
    organisation = edition.programme.organisation
    rows = list(selectors.edition_diploma_rows(edition=edition))
    completed = [p for p in rows if p.status == Participant.Status.COMPLETED]
    # `diploma_list` is the selector's prefetch (to_attr), unknown to the type checker.
    with_valid = {p.pk for p in rows if any(d.is_valid for d in p.diploma_list)}  # type: ignore[attr-defined]  # to_attr
    context = {
        "edition": edition,
        "organisation": organisation,
        "rows": rows,
        "completed_count": len(completed),
        "to_issue": len([p for p in completed if p.pk not in with_valid]),
        "valid_count": len(with_valid),
        "settings": selectors.settings_for(organisation=organisation),
        "can_edit_settings": diploma_settings_can_change(request.user, organisation),
        "crumbs": breadcrumbs(edition_trail(edition), (None, _("Diplomas"))),
    }
    return render(request, "diplomas/diploma_list.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def diploma_issue_all(request: HttpRequest, edition_pk: int) -> HttpResponse:
    """GET: who will get a diploma and an e-mail, with the count, to confirm; POST: issue."""
    edition = edition_get_for_user(request.user, edition_pk, action=Action.CHANGE)
    if request.method == "GET":
        to_issue = list(selectors.edition_participants_to_issue(edition=edition))
        if not to_issue:
            messages.info(
                request, _("Everyone who has completed the programme already has a diploma.")
            )
            return redirect("diplomas:diploma_list", edition_pk=edition.pk)
        title = _("Issue diplomas")
        return render(
            request,
            "diplomas/diploma_issue_confirm.html",
            {
                "edition": edition,
                "to_issue": to_issue,
                "without_email": [p for p in to_issue if not p.person.email],
                "title": title,
                "crumbs": breadcrumbs(
                    edition_trail(edition),
                    (reverse("diplomas:diploma_list", args=[edition.pk]), _("Diplomas")),
                    (None, title),
                ),
            },
        )
    try:
        issued = services.diplomas_issue_for_edition(
            edition=edition,
            issued_by=request.user,  # type: ignore[arg-type]  # login_required: a User
            site_url=_site_url(request),
        )
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        if issued:
            messages.success(
                request,
                ngettext("%(n)d diploma was issued.", "%(n)d diplomas were issued.", len(issued))
                % {"n": len(issued)},
            )
        else:
            messages.info(
                request, _("Everyone who has completed the programme already has a diploma.")
            )
    return redirect("diplomas:diploma_list", edition_pk=edition.pk)


@login_required
@require_POST
def diploma_combined_pdf(request: HttpRequest, edition_pk: int) -> HttpResponse:
    """Every valid diploma of the edition, one A4 page each, for printing before a ceremony;
    made by the task worker, the user waits on the document's page."""
    edition = edition_get_for_user(request.user, edition_pk, action=Action.CHANGE)
    if not selectors.edition_valid_diplomas(edition=edition).exists():
        messages.error(request, _("No diplomas have been issued for this edition yet."))
        return redirect("diplomas:diploma_list", edition_pk=edition.pk)
    document = document_request(
        user=request.user,  # type: ignore[arg-type]  # login_required: a User
        kind="diplomas.combined",
        params={"edition": edition.pk, "site_url": _site_url(request)},
        title=_("Diplomas for the ceremony: %(edition)s") % {"edition": edition},
        filename=f"diplom-{slugify(edition.name) or edition.pk}.pdf",
    )
    return redirect("core:document_detail", pk=document.pk)


@login_required
@require_http_methods(["GET", "POST"])
def diploma_revoke(request: HttpRequest, pk: int) -> HttpResponse:
    diploma = diploma_get_for_user(request.user, pk, action=Action.CHANGE)
    edition = diploma.participant.edition
    if not diploma.is_valid:
        messages.info(request, _("The diploma has already been revoked."))
        return redirect("diplomas:diploma_list", edition_pk=edition.pk)
    form = RevokeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.diploma_revoke(
                diploma=diploma,
                reason=form.cleaned_data["reason"],
                revoked_by=request.user,  # type: ignore[arg-type]  # login_required: a User
            )
            if form.cleaned_data["reissue"]:
                new = services.diploma_reissue(
                    diploma=diploma,
                    issued_by=request.user,  # type: ignore[arg-type]  # login_required: a User
                    site_url=_site_url(request),
                )
        except ValidationError as exc:
            form.add_error(None, " ".join(exc.messages))
        else:
            if form.cleaned_data["reissue"]:
                messages.success(
                    request,
                    _("The diploma was revoked and a new one issued with code %(code)s.")
                    % {"code": new.display_code},
                )
            else:
                messages.success(request, _("The diploma was revoked."))
            return redirect("diplomas:diploma_list", edition_pk=edition.pk)
    context = {
        "diploma": diploma,
        "form": form,
        "crumbs": breadcrumbs(
            edition_trail(edition),
            (reverse("diplomas:diploma_list", args=[edition.pk]), _("Diplomas")),
            (None, _("Revoke")),
        ),
    }
    return render(
        request, "diplomas/diploma_revoke.html", context, status=400 if form.errors else 200
    )


@login_required
@require_POST
def diploma_reissue(request: HttpRequest, pk: int) -> HttpResponse:
    diploma = diploma_get_for_user(request.user, pk, action=Action.CHANGE)
    try:
        new = services.diploma_reissue(
            diploma=diploma,
            issued_by=request.user,  # type: ignore[arg-type]  # login_required: a User
            site_url=_site_url(request),
        )
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(
            request,
            _("A new diploma was issued with code %(code)s.") % {"code": new.display_code},
        )
    return redirect("diplomas:diploma_list", edition_pk=diploma.participant.edition_id)


@login_required
@require_http_methods(["GET", "POST"])
def diploma_settings(request: HttpRequest, slug: str) -> HttpResponse:
    organisation = diploma_settings_get_for_user(request.user, slug=slug, action=Action.CHANGE)
    current = selectors.settings_for(organisation=organisation)
    form = DiplomaSettingsForm(request.POST or None, request.FILES or None, instance=current)
    if request.method == "POST" and form.is_valid():
        try:
            services.diploma_settings_save(
                organisation=organisation,
                signatories=form.cleaned_data["signatories"],
                extra_text=form.cleaned_data["extra_text"],
                logo=form.cleaned_data["logo"],
                remove_logo=form.cleaned_data.get("remove_logo", False),
                updated_by=request.user,  # type: ignore[arg-type]  # login_required: a User
            )
        except ValidationError as exc:
            form.add_error(None, " ".join(exc.messages))
        else:
            messages.success(request, _("The diploma settings were saved."))
            back = request.POST.get("next", "")
            if re.fullmatch(r"/omgangar/\d+/diplom/", back):
                return redirect(back)
            return redirect("diplomas:diploma_settings", slug=organisation.slug)
    context = {
        "organisation": organisation,
        "form": form,
        "logo": pdf.logo_data_uri(current),
        "next": request.GET.get("next", request.POST.get("next", "")),
        "crumbs": breadcrumbs((reverse("core:home"), _("Start")), (None, _("Diploma settings"))),
    }
    return render(request, "diplomas/settings.html", context, status=400 if form.errors else 200)


# --- the participant's own diplomas ----------------------------------------------------------


@login_required
@require_GET
def my_diplomas(request: HttpRequest) -> HttpResponse:
    context = {"diplomas": selectors.diplomas_of_user(user=request.user)}
    return render(request, "diplomas/my_diplomas.html", context)


@login_required
@require_GET
def diploma_pdf(request: HttpRequest, pk: int) -> HttpResponse:
    """One diploma as PDF, for the participant themself and the edition's coordinators."""
    diploma = diploma_get_for_user(request.user, pk, action=Action.VIEW)
    if not diploma.is_valid:
        raise Http404  # a revoked diploma is no longer a document anyone should print
    content = pdf.diplomas_pdf(
        [diploma],
        site_url=_site_url(request),
        settings=selectors.settings_for(
            organisation=diploma.participant.edition.programme.organisation
        ),
    )
    return _pdf_response(content, f"diplom-{slugify(diploma.recipient_name)}-{diploma.code}.pdf")
