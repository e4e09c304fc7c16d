"""The interviewer pool page: the coordinator adds HR staff and manager recruiters to a call's
pool and takes them out again."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from plantskola.access.admissions import call_get_for_user
from plantskola.admissions.pool import services
from plantskola.admissions.pool.forms import PoolMemberForm
from plantskola.admissions.pool.selectors import call_pool


@login_required
@require_http_methods(["GET", "POST"])
def interviewer_pool(request: HttpRequest, call_pk: int) -> HttpResponse:
    call = call_get_for_user(request.user, call_pk)
    form = PoolMemberForm(request.POST or None, call=call)
    if request.method == "POST" and form.is_valid():
        try:
            member = services.pool_add(
                call=call,
                person=form.cleaned_data["person"],
                role=form.cleaned_data["role"],
                user=request.user,  # type: ignore[arg-type]  # login_required: a User
            )
        except ValidationError as exc:
            for message in exc.messages:
                form.add_error("person", message)
        else:
            messages.success(
                request, _("%(name)s was added to the pool.") % {"name": member.person.full_name}
            )
            return redirect("admissions:interviewer_pool", call_pk=call.pk)
    context = {"call": call, "members": call_pool(call), "form": form}
    return render(
        request, "admissions/interviewer_pool.html", context, status=400 if form.errors else 200
    )


@login_required
@require_POST
def pool_remove(request: HttpRequest, call_pk: int, pk: int) -> HttpResponse:
    call = call_get_for_user(request.user, call_pk)
    member = call_pool(call).filter(pk=pk).first()
    if member is None:
        raise Http404
    try:
        services.pool_remove(member=member)
    except ValidationError as exc:
        for message in exc.messages:
            messages.error(request, message)
    else:
        messages.success(
            request, _("%(name)s was taken out of the pool.") % {"name": member.person.full_name}
        )
    return redirect("admissions:interviewer_pool", call_pk=call.pk)
