"""The selection run: the composition engine's proven-optimal choice under the coordinator's
spread rules, with an explanation for everyone left out who scored higher than someone
chosen; every change of rules or locks is a new run (what-if), recorded. Incomplete
applications are treated as the coordinator chooses for the call (`treat_incomplete`)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from plantskola.admissions.models import Call, SelectionRun
from plantskola.admissions.selection.engine import run_engine
from plantskola.admissions.selection.rules import INCOMPLETE, Rules
from plantskola.admissions.selection.selectors import scores, treat_incomplete
from plantskola.admissions.services import ensure_undecided

if TYPE_CHECKING:
    from plantskola.core.models import User


@transaction.atomic
def selection_run(*, call: Call, rules: Rules, user: User) -> SelectionRun:
    """Run the selection and record it, and keep the treatment of incomplete applications as
    the call's setting. Impossible rules are refused with the conflict and the smallest change
    that resolves it named, and nothing is recorded."""
    ensure_undecided(call)
    if rules.incomplete not in INCOMPLETE.values:
        raise ValidationError(_("Choose how incomplete applications are treated."))
    scored = scores(call=call)
    if not scored:
        raise ValidationError(_("There are no submitted applications to select from."))
    known = {s.application.pk for s in scored}
    if set(rules.include) - known or set(rules.exclude) - known:
        raise ValidationError(_("Lock only applicants who have submitted an application."))
    if rules.incomplete == INCOMPLETE.EXCLUDED:
        locked_incomplete = [
            s.application.applicant_name
            for s in scored
            if not s.complete and s.application.pk in rules.include
        ]
        if locked_incomplete:
            raise ValidationError(
                _(
                    "%(names)s cannot be locked in: their application is incomplete and the call "
                    "leaves incomplete applications out. Choose “Included only when locked in "
                    "by hand” to lock them in."
                )
                % {"names": ", ".join(locked_incomplete)}
            )
    considered, treated = treat_incomplete(call=call, scored=scored, rules=rules)
    if not considered:
        raise ValidationError(
            _(
                "No application is complete (with an interview and a reference), and the call "
                "leaves incomplete ones out: there is no one to select from."
            )
        )
    solution = run_engine(considered, rules)
    if call.incomplete_applications != rules.incomplete:
        call.incomplete_applications = rules.incomplete
        call.save(update_fields=["incomplete_applications"])
    used = {s.application.pk: s for s in considered}
    return SelectionRun.objects.create(
        call=call,
        created_by=user,
        settings={
            **rules.as_dict(),
            "left_out_incomplete": [t.scored.application.pk for t in treated if not t.considered],
        },
        scores={
            str(s.application.pk): {
                "interview": s.interview,
                "reference": s.reference,
                "score": used[s.application.pk].score if s.application.pk in used else s.score,
                "considered": s.application.pk in used,
                "administration": s.administration,
                "gender": s.gender,
            }
            for s in scored
        },
        result=solution,
    )
