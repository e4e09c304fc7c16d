"""Copy an edition: choose the source and the new start date → preview → one atomic create."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from plantskola.access.base import Action
from plantskola.access.programmes import editions_for_user, programme_get_for_user
from plantskola.core.pages import breadcrumbs
from plantskola.programmes.copying.forms import EditionCopyConfirmForm, EditionCopyForm
from plantskola.programmes.copying.selectors import copy_plan
from plantskola.programmes.copying.services import edition_copy
from plantskola.programmes.pages import programme_trail


@login_required
@require_http_methods(["GET", "POST"])
def edition_copy_view(request: HttpRequest, programme_pk: int) -> HttpResponse:
    """GET with the choices shows the preview (nothing is written); POST creates the copy."""
    programme = programme_get_for_user(request.user, programme_pk, action=Action.CHANGE)
    sources = editions_for_user(request.user).filter(programme=programme)
    title = _("New edition from a previous one")
    context: dict[str, object] = {
        "programme": programme,
        "title": title,
        "crumbs": breadcrumbs(programme_trail(programme), (None, title)),
    }
    if request.method == "POST":
        confirm = EditionCopyConfirmForm(request.POST, sources=sources, programme_id=programme.pk)
        if confirm.is_valid():
            data = confirm.cleaned_data
            plan = copy_plan(
                source=data["source"], name=data["name"], start_date=data["start_date"]
            )
            if (len(plan.modules), len(plan.sessions)) != (
                data["expected_modules"],
                data["expected_sessions"],
            ):
                confirm.add_error(
                    None,
                    _("The edition to copy has changed since the preview; check it again."),
                )
            else:
                try:
                    edition, _results = edition_copy(plan=plan)
                except ValidationError as exc:
                    confirm.add_error(None, " ".join(exc.messages))
                else:
                    messages.success(
                        request,
                        _(
                            "The edition %(name)s was created from %(source)s: %(m)d modules "
                            "and %(s)d sessions."
                        )
                        % {
                            "name": edition.name,
                            "source": plan.source.name,
                            "m": len(plan.modules),
                            "s": len(plan.sessions),
                        },
                    )
                    return redirect(edition.get_absolute_url())
        form = EditionCopyForm(request.POST, sources=sources, programme_id=programme.pk)
        form.is_valid()
        for error in confirm.non_field_errors():
            form.add_error(None, error)
        context["form"] = form
        return render(request, "programmes/edition_copy.html", context, status=400)
    bound = "source" in request.GET
    form = EditionCopyForm(
        request.GET if bound else None,
        sources=sources,
        programme_id=programme.pk,
        initial={"source": sources.order_by("-start_date").first()},
    )
    context["form"] = form
    if bound and form.is_valid():
        data = form.cleaned_data
        context["plan"] = copy_plan(
            source=data["source"], name=data["name"], start_date=data["start_date"]
        )
    status = 400 if bound and form.errors else 200
    return render(request, "programmes/edition_copy.html", context, status=status)
