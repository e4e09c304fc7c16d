"""The selection run: the composition engine's proven-optimal choice under the coordinator's
spread rules, with an explanation for everyone left out who scored higher than someone
chosen; every change of rules or locks is a new run (what-if), recorded."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from plantskola.admissions.models import Call, SelectionRun
from plantskola.admissions.selection.rules import Rules, engine_rules
from plantskola.admissions.selection.selectors import Scored, scores
from plantskola.admissions.services import ensure_undecided
from plantskola.composition import Infeasible, MalformedInstance, solve

if TYPE_CHECKING:
    from plantskola.core.models import User

TIME_LIMIT = 10.0


def _instance(scored: list[Scored], rules: Rules) -> dict[str, Any]:
    rules_for_engine = [rule for rule, _label in engine_rules(rules)]
    return {
        "kind": "selection",
        "capacity": rules.capacity,
        "candidates": [
            {
                "id": str(s.application.pk),
                "score": s.score or 0.0,
                "attributes": {"administration": s.administration, "gender": s.gender},
            }
            for s in scored
        ],
        "rules": rules_for_engine,
        "include": [str(pk) for pk in rules.include],
        "exclude": [str(pk) for pk in rules.exclude],
    }


@transaction.atomic
def selection_run(*, call: Call, rules: Rules, user: User) -> SelectionRun:
    """Run the selection and record it. Impossible rules are refused with the conflict named
    and nothing is recorded."""
    ensure_undecided(call)
    scored = scores(call=call)
    if not scored:
        raise ValidationError(_("There are no submitted applications to select from."))
    known = {s.application.pk for s in scored}
    if set(rules.include) - known or set(rules.exclude) - known:
        raise ValidationError(_("Lock only applicants who have submitted an application."))
    try:
        solution = solve(_instance(scored, rules), time_limit=TIME_LIMIT, seed=0)
    except Infeasible as exc:
        raise ValidationError(
            _("No selection can meet these rules: %(conflict)s") % {"conflict": exc}
        ) from exc
    except MalformedInstance as exc:
        raise ValidationError(_("The rules are not valid: %(error)s") % {"error": exc}) from exc
    return SelectionRun.objects.create(
        call=call,
        created_by=user,
        settings=rules.as_dict(),
        scores={
            str(s.application.pk): {
                "interview": s.interview,
                "reference": s.reference,
                "score": s.score,
                "administration": s.administration,
                "gender": s.gender,
            }
            for s in scored
        },
        result=solution,
    )
