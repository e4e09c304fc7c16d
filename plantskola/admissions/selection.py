"""The selection: weighted scores from interviews and references, then the composition
engine's proven-optimal choice under spread rules, with an explanation for everyone left out
who scored higher than someone chosen, and a reserve list in score order."""

from __future__ import annotations

import re
from dataclasses import dataclass
from statistics import mean
from typing import TYPE_CHECKING, Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Prefetch
from django.utils.translation import gettext as _

from plantskola.admissions.models import (
    Application,
    Call,
    Reference,
    ScorecardRating,
    SelectionRun,
)
from plantskola.composition import Infeasible, MalformedInstance, solve
from plantskola.core.models import OrgUnit, Person

if TYPE_CHECKING:
    from plantskola.core.models import User

TIME_LIMIT = 10.0


@dataclass
class Scored:
    application: Application
    interview: float | None
    reference: float | None
    score: float | None
    administration: str
    gender: str

    @property
    def complete(self) -> bool:
        return self.interview is not None and self.reference is not None


def _administration(person: Person, units: dict[int, OrgUnit]) -> str:
    """The person's top unit (the administration or company), from the unit's path."""
    if person.unit is None:
        return ""
    top_id = int(person.unit.path.strip("/").split("/")[0])
    top = units.get(top_id)
    return f"{person.organisation.name}: {top.name}" if top else person.unit.name


def scores(*, call: Call) -> list[Scored]:
    """Every submitted application with its interview and reference averages (1–5) and the
    weighted score; a missing part leaves the score to the part that exists."""
    applications = list(
        Application.objects.filter(call=call, status=Application.Status.SUBMITTED)
        .select_related("applicant__unit", "applicant__organisation")
        .prefetch_related(
            Prefetch(
                "reference",
                queryset=Reference.objects.prefetch_related("ratings"),
            ),
            Prefetch(
                "interview__scorecards__ratings",
                queryset=ScorecardRating.objects.all(),
            ),
        )
    )
    top_ids = {
        int(a.applicant.unit.path.strip("/").split("/")[0])
        for a in applications
        if a.applicant is not None and a.applicant.unit is not None
    }
    # Weeded applications have no person any more: their administration and gender come from
    # the last selection run, which kept them (without names) for statistics.
    recorded: dict[str, Any] = {}
    if any(a.applicant is None for a in applications):
        decision = getattr(call, "decision", None)
        last = (
            decision.run if decision is not None else SelectionRun.objects.filter(call=call).first()
        )
        recorded = last.scores if last is not None else {}
    units = OrgUnit.objects.in_bulk(top_ids)
    result = []
    for application in applications:
        reference = getattr(application, "reference", None)
        ref_ratings = (
            [r.rating for r in reference.ratings.all()]
            if reference is not None and reference.status == Reference.Status.GIVEN
            else []
        )
        interview = getattr(application, "interview", None)
        int_ratings = (
            [r.rating for s in interview.scorecards.all() for r in s.ratings.all()]
            if interview is not None
            else []
        )
        parts = []
        if int_ratings:
            parts.append((call.interview_weight, mean(int_ratings)))
        if ref_ratings:
            parts.append((call.reference_weight, mean(ref_ratings)))
        total_weight = sum(w for w, _v in parts)
        score = sum(w * v for w, v in parts) / total_weight if total_weight else None
        result.append(
            Scored(
                application=application,
                interview=round(mean(int_ratings), 2) if int_ratings else None,
                reference=round(mean(ref_ratings), 2) if ref_ratings else None,
                score=round(score, 3) if score is not None else None,
                administration=(
                    _administration(application.applicant, units)
                    if application.applicant is not None
                    else recorded.get(str(application.pk), {}).get("administration", "")
                ),
                gender=(
                    application.applicant.gender
                    if application.applicant is not None
                    else recorded.get(str(application.pk), {}).get("gender", "")
                ),
            )
        )
    result.sort(
        key=lambda s: (
            -(s.score or 0),
            s.application.applicant.last_name if s.application.applicant else "",
            s.application.pk,
        )
    )
    return result


@dataclass(frozen=True)
class Rules:
    capacity: int
    max_per_administration: int | None = None
    min_administrations: int | None = None
    min_women: int | None = None
    min_men: int | None = None
    include: tuple[int, ...] = ()
    exclude: tuple[int, ...] = ()

    def as_dict(self) -> dict[str, Any]:
        return {
            "capacity": self.capacity,
            "max_per_administration": self.max_per_administration,
            "min_administrations": self.min_administrations,
            "min_women": self.min_women,
            "min_men": self.min_men,
            "include": list(self.include),
            "exclude": list(self.exclude),
        }


def _engine_rules(rules: Rules) -> list[tuple[dict[str, Any], str]]:
    """The engine's rules with the coordinator's words for each, in the same order."""
    result: list[tuple[dict[str, Any], str]] = []
    if rules.max_per_administration:
        result.append(
            (
                {"attribute": "administration", "max_per_value": rules.max_per_administration},
                _("at most %(n)s per administration or company")
                % {"n": rules.max_per_administration},
            )
        )
    if rules.min_administrations:
        result.append(
            (
                {"attribute": "administration", "min_distinct": rules.min_administrations},
                _("at least %(n)s administrations or companies") % {"n": rules.min_administrations},
            )
        )
    minimum = {g: n for g, n in (("woman", rules.min_women), ("man", rules.min_men)) if n}
    if minimum:
        result.append(
            (
                {"attribute": "gender", "min_per_value": minimum},
                _("at least %(w)s women and %(m)s men")
                % {"w": rules.min_women or 0, "m": rules.min_men or 0},
            )
        )
    return result


def explanation(*, run_settings: dict[str, Any], score: float | None, engine_text: str) -> str:
    """The engine's explanation in the coordinator's words: which of their rules kept a
    higher-scoring applicant out."""
    rules = Rules(
        capacity=run_settings["capacity"],
        max_per_administration=run_settings.get("max_per_administration"),
        min_administrations=run_settings.get("min_administrations"),
        min_women=run_settings.get("min_women"),
        min_men=run_settings.get("min_men"),
    )
    labels = [label for _rule, label in _engine_rules(rules)]
    named = [
        labels[int(i)] for i in re.findall(r"rules\[(\d+)\]", engine_text) if int(i) < len(labels)
    ]
    if "include" in engine_text and not named:
        named.append(_("the applicants locked in"))
    if not named:
        return engine_text
    return _(
        "Scored %(score)s, higher than someone chosen, but choosing them would break: %(rules)s."
    ) % {
        "score": f"{score:.1f}".replace(".", ",") if score is not None else "–",
        "rules": "; ".join(dict.fromkeys(named)),
    }


def _instance(scored: list[Scored], rules: Rules) -> dict[str, Any]:
    engine_rules = [rule for rule, _label in _engine_rules(rules)]
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
        "rules": engine_rules,
        "include": [str(pk) for pk in rules.include],
        "exclude": [str(pk) for pk in rules.exclude],
    }


@transaction.atomic
def selection_run(*, call: Call, rules: Rules, user: User) -> SelectionRun:
    """Run the selection and record it. Impossible rules are refused with the conflict named
    and nothing is recorded."""
    from plantskola.admissions.decision import ensure_undecided

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
