"""Writes of the survey schedule: saving a programme's schedule, and opening the module
surveys that are due (with their invitations)."""

from __future__ import annotations

import datetime as dt

from django.db import transaction
from django.db.models import Max

from plantskola.evaluations.models import Survey, SurveyTemplate
from plantskola.evaluations.schedule.models import SurveySchedule
from plantskola.evaluations.services import survey_create, survey_send_invitations
from plantskola.programmes.models import Edition, Module, Programme


@transaction.atomic
def schedule_save(
    *,
    programme: Programme,
    template: SurveyTemplate,
    enabled: bool,
    open_after_days: int,
    open_for_days: int,
) -> SurveySchedule:
    schedule, _created = SurveySchedule.objects.update_or_create(
        programme=programme,
        defaults={
            "template": template,
            "enabled": enabled,
            "open_after_days": open_after_days,
            "open_for_days": open_for_days,
        },
    )
    schedule.full_clean()
    return schedule


def module_last_day(module: Module) -> dt.date | None:
    last: dt.date | None = module.sessions.aggregate(last=Max("date"))["last"]
    return last


def module_survey_dates(schedule: SurveySchedule, last_day: dt.date) -> tuple[dt.date, dt.date]:
    opens = last_day + dt.timedelta(days=schedule.open_after_days)
    return opens, opens + dt.timedelta(days=schedule.open_for_days - 1)


@transaction.atomic
def module_surveys_open(*, today: dt.date) -> list[Survey]:
    """Open the survey of every module whose last day was the schedule's number of days ago
    (or fewer than its days open ago: a missed day catches up), if the module has none yet,
    and invite its participants. Idempotent: a second run the same day opens nothing."""
    opened: list[Survey] = []
    schedules = (
        SurveySchedule.objects.filter(enabled=True, template__questions__isnull=False)
        .select_related("programme", "template")
        .distinct()
    )
    for schedule in schedules:
        modules = (
            Module.objects.filter(edition__programme=schedule.programme, surveys__isnull=True)
            .exclude(edition__status=Edition.Status.COMPLETED)
            .select_related("edition__programme")
        )
        for module in modules:
            last_day = module_last_day(module)
            if last_day is None:
                continue
            opens, closes = module_survey_dates(schedule, last_day)
            if not opens <= today <= closes:
                continue
            survey = survey_create(
                template=schedule.template,
                title=f"Utvärdering: {module.name}",
                target=module,
                opens_on=opens,
                closes_on=closes,
            )
            survey_send_invitations(survey=survey, today=today)
            survey.refresh_from_db()
            opened.append(survey)
    return opened
