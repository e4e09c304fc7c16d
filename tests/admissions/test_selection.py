"""The selection: weighted scores, spread rules, locks, explanations and the record."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.utils import timezone, translation

from plantskola.admissions.decision.services import decision_confirm
from plantskola.admissions.models import (
    Application,
    Call,
    Interview,
    Reference,
    ReferenceRating,
    Scorecard,
    ScorecardRating,
    SelectionRun,
)
from plantskola.admissions.selection.rules import Rules, explanation
from plantskola.admissions.selection.selectors import scores
from plantskola.admissions.selection.services import selection_run
from plantskola.core.models import OrgUnit, Person
from plantskola.core.services import unit_create
from plantskola.programmes.models import Participant
from tests.admissions.factories import (
    competencies_of,
    first_name_of,
    make_call,
    person_of,
    user_of,
)
from tests.conftest import World

pytestmark = pytest.mark.django_db


def interviewed(w: World, application: Application, rating: int) -> None:
    """An interview of the application, scored `rating` on every competency by HR."""
    call = application.call
    start = timezone.now() - dt.timedelta(days=2)
    interview = Interview.objects.create(
        application=application,
        starts_at=start,
        ends_at=start + dt.timedelta(hours=1),
        place="Stadshuset",
        uid=f"sel-{application.pk}@plantskola",
    )
    interview.interviewers.add(person_of(w, "hr"))
    card = Scorecard.objects.create(interview=interview, interviewer=person_of(w, "hr"))
    for c in competencies_of(call):
        ScorecardRating.objects.create(scorecard=card, competency=c, rating=rating)


def applicants(
    w: World, spec: list[tuple[str, str, int]], *, interviews: bool = True
) -> dict[str, Application]:
    """spec: (name, administration code, rating) → submitted applications, complete: a
    reference and (unless `interviews` is false) an interview, both with that rating."""
    call = make_call(w)
    competencies = competencies_of(call)
    units = {}
    result = {}
    first = Person.objects.filter(employee_number__startswith="S").count()
    for i, (name, admin, rating) in enumerate(spec, first):
        if admin not in units:
            units[admin] = OrgUnit.objects.filter(
                organisation=w.host, code=f"ADM-{admin}"
            ).first() or unit_create(
                organisation=w.host,
                code=f"ADM-{admin}",
                name=f"Förvaltning {admin}",
                kind="administration",
            )
        person = Person.objects.create(
            organisation=w.host,
            employee_number=f"S{i}",
            first_name=name,
            last_name="Sökande",
            unit=units[admin],
            gender="woman" if i % 2 else "man",
            email=f"s{i}@host.example",
        )
        application = Application.objects.create(
            call=call, applicant=person, status="submitted", manager=w.manager_person
        )
        reference = Reference.objects.create(
            application=application,
            manager=w.manager_person,
            token_hash=f"h{i}",
            expires_on=call.reference_deadline,
            status="given",
        )
        for c in competencies:
            ReferenceRating.objects.create(reference=reference, competency=c, rating=rating)
        if interviews:
            interviewed(w, application, rating)
        result[name] = application
    return result


def test_scores_are_weighted_means_of_the_parts_that_exist(world: World) -> None:
    apps = applicants(world, [("Ada", "A", 5), ("Bo", "B", 3)], interviews=False)
    by_name = {first_name_of(s.application): s for s in scores(call=make_call(world))}
    assert by_name["Ada"].score == 5.0 and by_name["Ada"].reference == 5.0
    assert by_name["Ada"].interview is None and not by_name["Ada"].complete
    assert [s.application for s in scores(call=make_call(world))][0] == apps["Ada"]


def test_spread_rule_keeps_out_a_higher_scorer_and_says_why(world: World) -> None:
    apps = applicants(world, [("Ada", "A", 5), ("Axel", "A", 5), ("Bo", "B", 2)])
    run = selection_run(
        call=make_call(world),
        rules=Rules(capacity=2, max_per_administration=1),
        user=user_of(world, "coordinator"),
    )
    chosen = set(run.result["chosen"])
    assert str(apps["Bo"].pk) in chosen
    assert len(chosen & {str(apps["Ada"].pk), str(apps["Axel"].pk)}) == 1
    assert run.result["status"] == "optimal"
    left_out = ({str(apps["Ada"].pk), str(apps["Axel"].pk)} - chosen).pop()
    assert "max_per_value" in run.result["explanations"][left_out]


def test_locks_are_respected(world: World) -> None:
    apps = applicants(world, [("Ada", "A", 5), ("Bo", "B", 4), ("Cid", "C", 1)])
    run = selection_run(
        call=make_call(world),
        rules=Rules(capacity=2, include=(apps["Cid"].pk,), exclude=(apps["Ada"].pk,)),
        user=user_of(world, "coordinator"),
    )
    assert set(run.result["chosen"]) == {str(apps["Bo"].pk), str(apps["Cid"].pk)}


def test_impossible_rules_are_refused_naming_the_conflict_and_nothing_is_recorded(
    world: World,
) -> None:
    applicants(world, [("Ada", "A", 5), ("Axel", "A", 4)])
    with pytest.raises(ValidationError) as exc:
        selection_run(
            call=make_call(world),
            rules=Rules(capacity=2, min_administrations=2),
            user=user_of(world, "coordinator"),
        )
    text = " ".join(exc.value.messages)
    assert "minst 2 förvaltningar eller bolag" in text
    assert "min_distinct" not in text and "infeasible" not in text
    assert not SelectionRun.objects.exists()


def test_coordinator_runs_the_selection_from_the_page_with_a_reserve_list(world: World) -> None:
    apps = applicants(world, [("Ada", "A", 5), ("Bo", "B", 4), ("Cid", "C", 3)])
    call = make_call(world)
    client = world.client_for("coordinator")
    response = client.post(
        f"/utlysningar/{call.pk}/urval/", {"capacity": 2, "incomplete": "exclude"}
    )
    assert response.status_code == 302
    page = client.get(f"/utlysningar/{call.pk}/urval/")
    assert [s.application for s in page.context["chosen"]] == [apps["Ada"], apps["Bo"]]
    assert [s.application for s in page.context["reserves"]] == [apps["Cid"]]
    run = SelectionRun.objects.get()
    assert run.scores[str(apps["Cid"].pk)]["score"] == 3.0


def test_the_decision_admits_the_chosen_and_mails_everyone_then_locks_the_call(
    world: World, django_capture_on_commit_callbacks: Any
) -> None:
    apps = applicants(world, [("Ada", "A", 5), ("Bo", "B", 4), ("Cid", "C", 3)])
    call = make_call(world)
    user = user_of(world, "coordinator")
    run = selection_run(call=call, rules=Rules(capacity=1), user=user)
    with pytest.raises(ValidationError):
        decision_confirm(call=call, run=run, user=user, reserves=1)
    Call.objects.filter(pk=call.pk).update(closes_at=timezone.now() - dt.timedelta(hours=1))
    call.refresh_from_db()
    with django_capture_on_commit_callbacks(execute=True):
        decision_confirm(call=call, run=run, user=user, reserves=1)
    outcomes = {first_name_of(a): a.outcome for a in Application.objects.filter(call=call)}
    assert outcomes == {"Ada": "admitted", "Bo": "reserve", "Cid": "not_admitted"}
    assert Participant.objects.filter(edition=call.edition, person=apps["Ada"].applicant).exists()
    subjects = sorted(m.subject for m in mail.outbox)
    assert any("antagen" in s for s in subjects) and any("reserv" in s for s in subjects)
    assert len(mail.outbox) == 3
    with pytest.raises(ValidationError):
        selection_run(call=call, rules=Rules(capacity=2), user=user)
    with pytest.raises(ValidationError):
        decision_confirm(call=call, run=run, user=user)


def test_explanations_name_the_coordinators_rule_in_words(world: World) -> None:
    apps = applicants(world, [("Ada", "A", 5), ("Axel", "A", 4), ("Bo", "B", 2)])
    run = selection_run(
        call=make_call(world),
        rules=Rules(capacity=2, max_per_administration=1),
        user=user_of(world, "coordinator"),
    )
    engine_text = run.result["explanations"][str(apps["Axel"].pk)]
    with translation.override("en"):
        text = explanation(run_settings=run.settings, score=4.0, engine_text=engine_text)
    assert text == (
        "Scored 4.00, higher than someone chosen, but choosing them would break: "
        "at most 1 per administration or company."
    )
