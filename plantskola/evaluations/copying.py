"""The surveys of an edition, its modules and its sessions, copied with the edition
(`programmes.copying`, which cannot import evaluations: this step is registered from
`EvaluationsConfig.ready`). A copy uses the same survey template and shifts its dates;
no invitations, reminders, tokens or responses come along."""

from __future__ import annotations

import datetime as dt

from django.utils import formats
from django.utils.translation import gettext as _

from plantskola.evaluations.models import Survey
from plantskola.programmes.copying.registry import Copied, StepResult, register_copy_step

# What a survey that has not started yet has: no invitations, no reminders.
RESET = {"invitations_sent_on": None, "last_reminder_on": None}


def _date(d: dt.date) -> str:
    return formats.date_format(d, "SHORT_DATE_FORMAT")


def surveys_copy(copied: Copied, dry_run: bool) -> StepResult:
    surveys = list(
        Survey.objects.filter(edition=copied.source)
        .exclude(target=Survey.Target.EVENT)
        .select_related("template")
        .order_by("opens_on", "pk")
    )
    shift = copied.shift
    lines = [
        _("%(title)s (%(template)s): open %(old)s → %(new)s")
        % {
            "title": s.title,
            "template": s.template.name,
            "old": _date(s.opens_on),
            "new": _date(s.opens_on + shift),
        }
        for s in surveys
    ]
    result = StepResult(label=_("Surveys"), count=len(surveys), lines=lines)
    if dry_run or copied.target is None:
        return result
    for s in surveys:
        Survey.objects.create(
            template_id=s.template_id,
            organisation_id=s.organisation_id,
            title=s.title,
            target=s.target,
            edition=copied.target,
            module=copied.modules.get(s.module_id) if s.module_id else None,
            session=copied.sessions.get(s.session_id) if s.session_id else None,
            opens_on=s.opens_on + shift,
            closes_on=s.closes_on + shift,
            is_anonymous=s.is_anonymous,
            **RESET,
        )
    return result


def register() -> None:
    register_copy_step("evaluations.surveys", surveys_copy)
