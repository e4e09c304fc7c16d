"""The public verification of a diploma: anyone, signed in or not, may check a code."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from plantskola.core.ratelimit import diploma_verify_rate, rate_limited
from plantskola.diplomas.models import format_code, normalise_code
from plantskola.diplomas.verification import selectors
from plantskola.diplomas.verification.forms import VerifyForm


def _no_index(response: HttpResponse) -> HttpResponse:
    response["X-Robots-Tag"] = "noindex, nofollow"
    return response


@never_cache
@require_GET
def diploma_verify_form(request: HttpRequest) -> HttpResponse:
    """Anyone may type a code; a well-formed one goes to its own address."""
    form = VerifyForm(request.GET or None)
    if form.is_bound and form.is_valid():
        code = normalise_code(form.cleaned_data["code"])
        if selectors.code_is_well_formed(code):
            return redirect("diplomas:diploma_verify", code=code)
        form.add_error(
            "code",
            _("A verification code has 12 letters and digits, e.g. 7K2M-9QXB-4TN0."),
        )
    context = {"form": form}
    return _no_index(
        render(request, "diplomas/verify_form.html", context, status=400 if form.errors else 200)
    )


@never_cache
@require_GET
@rate_limited("diploma-verify", diploma_verify_rate)
def diploma_verify(request: HttpRequest, code: str) -> HttpResponse:
    """What a valid code shows: name, programme and edition, date of issue; nothing else."""
    result = selectors.diploma_verify(code=code)
    if result.status == "valid" and code != result.code:
        return redirect("diplomas:diploma_verify", code=result.code)
    context = {
        "result": result,
        "display_code": format_code(result.code)
        if selectors.code_is_well_formed(result.code)
        else "",
        "form": VerifyForm(),
    }
    status = 404 if result.status == "unknown" else 200
    return _no_index(render(request, "diplomas/verify_result.html", context, status=status))
