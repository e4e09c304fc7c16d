"""A programme's survey schedule: which template, how many days after a module's last day
its survey opens, and for how long."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from plantskola.access.base import Action
from plantskola.access.programmes import programme_get_for_user
from plantskola.core.pages import breadcrumbs
from plantskola.evaluations.schedule.forms import SurveyScheduleForm
from plantskola.evaluations.schedule.models import SurveySchedule
from plantskola.evaluations.schedule.services import schedule_save
from plantskola.programmes.pages import programme_trail


@login_required
@require_http_methods(["GET", "POST"])
def survey_schedule(request: HttpRequest, programme_pk: int) -> HttpResponse:
    programme = programme_get_for_user(request.user, programme_pk, action=Action.CHANGE)
    existing = SurveySchedule.objects.filter(programme=programme).first()
    form = SurveyScheduleForm(request.POST or None, instance=existing, programme=programme)
    if request.method == "POST" and form.is_valid():
        schedule_save(
            programme=programme,
            template=form.cleaned_data["template"],
            enabled=form.cleaned_data["enabled"],
            open_after_days=form.cleaned_data["open_after_days"],
            open_for_days=form.cleaned_data["open_for_days"],
        )
        messages.success(request, _("The survey schedule was saved."))
        return redirect(programme)
    title = _("Module surveys that open by themselves")
    context = {
        "programme": programme,
        "form": form,
        "title": title,
        "crumbs": breadcrumbs(programme_trail(programme), (None, title)),
    }
    status = 400 if form.errors else 200
    return render(request, "evaluations/survey_schedule.html", context, status=status)
