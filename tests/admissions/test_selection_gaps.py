"""A selection honest about gaps (issue 21): incomplete applications are treated as the call
says (left out by default; the missing part as the lowest score; only when locked in), the
page says which rule applied to whom, impossible rules are explained in Swedish with the
smallest change that makes them possible, and no stale result is shown as current."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from plantskola.admissions.decision.services import decision_confirm
from plantskola.admissions.models import Application, Call, Reference, ScorecardRating, SelectionRun
from plantskola.admissions.selection.rules import Rules
from plantskola.admissions.selection.services import selection_run
from tests.admissions.factories import make_call, user_of
from tests.admissions.test_selection import applicants, interviewed
from tests.conftest import World

pytestmark = pytest.mark.django_db


def gap_world(w: World) -> dict[str, Application]:
    """Ada is complete at 4,5; Ivar has only a reference of 5 (no interview) and would win on
    the part that exists; Rut has only an interview of 3 (her reference was declined)."""
    apps = applicants(w, [("Ada", "A", 4), ("Ivar", "B", 5)], interviews=False)
    interviewed(w, apps["Ada"], 5)  # Ada: interview 5, reference 4 → 0,6·5 + 0,4·4 = 4,6
    rut = applicants(w, [("Rut", "C", 3)])["Rut"]
    Reference.objects.filter(application=rut).update(status="declined")
    apps["Rut"] = rut
    return apps


def run(w: World, **rules: Any) -> SelectionRun:
    return selection_run(call=make_call(w), rules=Rules(**rules), user=user_of(w, "coordinator"))


def test_incomplete_applications_are_left_out_by_default_and_told_why(world: World) -> None:
    apps = gap_world(world)
    assert make_call(world).incomplete_applications == "exclude"
    result = run(world, capacity=2)
    assert result.result["chosen"] == [str(apps["Ada"].pk)]
    assert sorted(result.settings["left_out_incomplete"]) == sorted(
        [apps["Ivar"].pk, apps["Rut"].pk]
    )
    page = world.client_for("coordinator").get(f"/utlysningar/{make_call(world).pk}/urval/")
    treated = {t.scored.application.pk: t.text for t in page.context["treated"]}
    assert "saknar intervju" in treated[apps["Ivar"].pk]
    assert "saknar referens" in treated[apps["Rut"].pk]
    assert "lämnar ofullständiga ansökningar utanför" in treated[apps["Ivar"].pk]
    assert page.context["reserves"] == []
    # Left out means no reserve place either.
    call = make_call(world)
    Call.objects.filter(pk=call.pk).update(closes_at=timezone.now() - dt.timedelta(hours=1))
    call.refresh_from_db()
    decision_confirm(call=call, run=result, user=user_of(world, "coordinator"), reserves=2)
    outcomes = {a.pk: a.outcome for a in Application.objects.filter(call=call)}
    assert outcomes[apps["Ada"].pk] == "admitted"
    assert outcomes[apps["Ivar"].pk] == outcomes[apps["Rut"].pk] == "not_admitted"


def test_the_missing_part_can_count_as_the_lowest_score(world: World) -> None:
    apps = gap_world(world)
    result = run(world, capacity=2, incomplete="lowest")
    # Ivar: 0,6·1 + 0,4·5 = 2,6; Rut: 0,6·3 + 0,4·1 = 2,2; Ada 4,6 stays first.
    assert result.scores[str(apps["Ivar"].pk)]["score"] == 2.6
    assert result.scores[str(apps["Rut"].pk)]["score"] == 2.2
    assert set(result.result["chosen"]) == {str(apps["Ada"].pk), str(apps["Ivar"].pk)}
    assert make_call(world).incomplete_applications == "lowest"  # kept as the call's setting
    page = world.client_for("coordinator").get(f"/utlysningar/{make_call(world).pk}/urval/")
    treated = {t.scored.application.pk: t.text for t in page.context["treated"]}
    assert "lägsta betyg, 1; totalt 2,60" in treated[apps["Ivar"].pk]
    assert [s.application for s in page.context["reserves"]] == [apps["Rut"]]


def test_incomplete_ones_only_when_locked_in_by_hand(world: World) -> None:
    apps = gap_world(world)
    result = run(world, capacity=2, incomplete="locked_only")
    assert result.result["chosen"] == [str(apps["Ada"].pk)]
    result = run(world, capacity=2, incomplete="locked_only", include=(apps["Rut"].pk,))
    assert set(result.result["chosen"]) == {str(apps["Ada"].pk), str(apps["Rut"].pk)}
    page = world.client_for("coordinator").get(f"/utlysningar/{make_call(world).pk}/urval/")
    assert page.context["locked"] == {apps["Rut"].pk}
    html = page.content.decode()
    assert "alltid med" in html
    treated = {t.scored.application.pk: t.text for t in page.context["treated"]}
    assert "låst hen som alltid med" in treated[apps["Rut"].pk]
    assert "bara när de låses" in treated[apps["Ivar"].pk]


def test_locking_in_an_incomplete_one_is_refused_when_they_are_left_out(world: World) -> None:
    apps = gap_world(world)
    with pytest.raises(ValidationError, match="kan inte låsas in"):
        run(world, capacity=2, include=(apps["Ivar"].pk,))
    assert not SelectionRun.objects.exists()


def men_and_women(w: World, men: int, women: int) -> None:
    """`men` men and `women` women, all complete; the men score higher."""
    spec = [(f"M{i}", f"A{i % 3}", 5) for i in range(men)]
    spec += [(f"K{i}", f"A{i % 3}", 3) for i in range(women)]
    apps = applicants(w, spec)
    for name, application in apps.items():
        assert application.applicant is not None
        application.applicant.gender = "man" if name.startswith("M") else "woman"
        application.applicant.save(update_fields=["gender"])


def test_impossible_rules_are_explained_in_swedish_with_the_smallest_change(
    world: World,
) -> None:
    men_and_women(world, 10, 4)
    with pytest.raises(ValidationError) as exc:
        run(world, capacity=8, min_men=9, min_women=3)
    text = " ".join(exc.value.messages)
    assert "”8 platser”" in text and "”minst 9 män”" in text
    # Keeping "at least 3 women", at most 5 men fit in 8 places; or 12 places fit both.
    assert "ändra ”minst 9 män” till ”minst 5 män”" in text
    assert "ändra antalet platser från 8 till 12" in text
    assert "infeasible" not in text and "rules[" not in text and "min_per_value" not in text
    assert not SelectionRun.objects.exists()


def test_a_failed_run_never_shows_the_previous_result_as_current(world: World) -> None:
    men_and_women(world, 4, 2)
    call = make_call(world)
    client = world.client_for("coordinator")
    url = f"/utlysningar/{call.pk}/urval/"
    assert client.post(url, {"capacity": 3, "incomplete": "exclude"}).status_code == 302
    page = client.get(url).content.decode()
    assert "Föregående resultat" not in page and "Bekräfta beslutet" not in page  # still open
    response = client.post(url, {"capacity": 3, "min_women": 3, "incomplete": "exclude"})
    assert response.status_code == 400
    html = response.content.decode()
    assert "Föregående resultat (inte aktuellt)" in html
    assert "reglerna du just provade gav inget urval" in html
    assert "”minst 3 kvinnor”" in html
    assert "infeasible" not in html and "min_per_value" not in html
    assert SelectionRun.objects.count() == 1


def test_a_run_is_no_longer_current_once_the_scores_change(world: World) -> None:
    apps = applicants(world, [("Ada", "A", 5), ("Bo", "B", 4)])
    call = make_call(world)
    run(world, capacity=1)
    Call.objects.filter(pk=call.pk).update(closes_at=timezone.now() - dt.timedelta(hours=1))
    client = world.client_for("coordinator")
    page = client.get(f"/utlysningar/{call.pk}/urval/")
    assert not page.context["changed"] and "Bekräfta beslutet" in page.content.decode()
    ScorecardRating.objects.filter(scorecard__interview__application=apps["Bo"]).update(rating=1)
    page = client.get(f"/utlysningar/{call.pk}/urval/")
    html = page.content.decode()
    assert page.context["changed"]
    assert "Poängen har ändrats sedan den här körningen" in html
    assert "Bekräfta beslutet" not in html
    # Nor can the outdated run be confirmed behind the page's back.
    call.refresh_from_db()
    with pytest.raises(ValidationError, match="Poängen har ändrats"):
        decision_confirm(
            call=call, run=SelectionRun.objects.get(), user=user_of(world, "coordinator")
        )
    assert not hasattr(Call.objects.get(pk=call.pk), "decision")


def test_figures_read_the_same_everywhere(world: World) -> None:
    apps = gap_world(world)
    run(world, capacity=1, incomplete="lowest")
    html = world.client_for("coordinator").get(f"/utlysningar/{make_call(world).pk}/urval/")
    text = html.content.decode()
    # Ada's 4,6 with two decimals in the result and in the table of scores, never 4.6 or 4,600.
    assert text.count("4,60") >= 2 and "4,600" not in text and "4.6" not in text
    assert apps["Ada"].pk in {s.application.pk for s in html.context["chosen"]}
