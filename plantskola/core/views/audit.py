"""The audit log of an organisation, searchable by person and by user (HR administrators)."""

from __future__ import annotations

from django import forms
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.db.models import Q
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext_lazy as _

from plantskola.access.actions import get_for_action_or_404
from plantskola.access.base import Action
from plantskola.access.core import organisations_for_user
from plantskola.core.audit import entries_for_organisation
from plantskola.core.models import Person, User
from plantskola.core.selectors import model_labels


class AuditSearchForm(forms.Form):
    person = forms.CharField(
        label=_("Whose data"),
        required=False,
        max_length=100,
        help_text=_("Name or employee number."),
    )
    user = forms.CharField(
        label=_("Who read or changed"),
        required=False,
        max_length=100,
        help_text=_("User name or name."),
    )


@login_required
def audit_log(request: HttpRequest, slug: str) -> HttpResponse:
    organisation = get_for_action_or_404(
        request.user, organisations_for_user(request.user), Action.CHANGE, slug=slug
    )
    form = AuditSearchForm(request.GET or None)
    person_ids = actor_ids = None
    if form.is_valid():
        if words := form.cleaned_data["person"].split():
            people = Person.objects.filter(organisation=organisation)
            for word in words:
                people = people.filter(
                    Q(first_name__icontains=word)
                    | Q(last_name__icontains=word)
                    | Q(employee_number__iexact=word)
                )
            person_ids = list(people.values_list("pk", flat=True)[:200])
        if words := form.cleaned_data["user"].split():
            users = User.objects.all()
            for word in words:
                users = users.filter(
                    Q(username__iexact=word)
                    | Q(first_name__icontains=word)
                    | Q(last_name__icontains=word)
                    | Q(person__first_name__icontains=word)
                    | Q(person__last_name__icontains=word)
                )
            actor_ids = list(users.values_list("pk", flat=True)[:200])
    entries = entries_for_organisation(organisation.pk, person_ids=person_ids, actor_ids=actor_ids)
    page = Paginator(entries, 50).get_page(request.GET.get("page"))
    rows = list(page.object_list)
    subjects = Person.objects.in_bulk({e.subject_person_id for e in rows if e.subject_person_id})
    actors = User.objects.in_bulk({e.actor_id for e in rows if e.actor_id})
    query = request.GET.copy()
    query.pop("page", None)
    context = {
        "organisation": organisation,
        "form": form,
        "page_obj": page,
        "rows": [
            (e, actors.get(e.actor_id or 0), subjects.get(e.subject_person_id or 0)) for e in rows
        ],
        "labels": model_labels(),
        "querystring_base": query.urlencode() + "&" if query else "",
    }
    return render(request, "core/audit_log.html", context)
