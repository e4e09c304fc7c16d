"""Groups made by the composition engine: the instance, the engine's result checked
independently, scores, moves and swaps, lock and re-run, saving, and the pages."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, replace
from typing import Any

import pytest
from django.conf import settings as django_settings
from django.core.exceptions import ValidationError
from django.test import Client, TestCase
from django.urls import reverse
from django.utils import translation

from plantskola.composition import checker
from plantskola.core.models import Organisation, OrgUnit, Person
from plantskola.core.services import unit_create
from plantskola.programmes.grouping.compose import GroupingError, grouping_compose
from plantskola.programmes.grouping.instance import GroupingSettings, build_instance
from plantskola.programmes.grouping.proposal import (
    Proposal,
    proposal_move,
    proposal_pin,
    proposal_swap,
)
from plantskola.programmes.grouping.scores import current_score, proposal_score
from plantskola.programmes.grouping.selectors import Member, age_band, grouping_members
from plantskola.programmes.grouping.services import grouping_save
from plantskola.programmes.models import Edition, Group, GroupingDraft, Participant, Programme
from tests.conftest import World

pytestmark = pytest.mark.django_db

ADMINISTRATIONS = [
    ("SOC", "Socialförvaltningen"),
    ("SKOL", "Skolförvaltningen"),
    ("TEK", "Tekniska förvaltningen"),
    ("KLF", "Kommunledningsförvaltningen"),
]
FAST = 0.5  # seconds for the engine in tests


@pytest.fixture(autouse=True)
def _english() -> Iterator[None]:
    """Messages are checked by their English msgids; the interface is Swedish first."""
    with translation.override("en"):
        yield


def english_client(world: World, role: str) -> Client:
    client = world.client_for(role)
    client.cookies[django_settings.LANGUAGE_COOKIE_NAME] = "en"
    return client


@dataclass
class GroupingEdition:
    edition: Edition
    heads: list[Person]
    department_heads: list[Person]
    unit_managers: list[Person]

    @property
    def people(self) -> list[Person]:
        return self.heads + self.department_heads + self.unit_managers


def build_grouping_edition(org: Organisation, programme: Programme) -> GroupingEdition:
    """32 managers from 4 administrations: each administration's head, two department heads
    who report to the head, and five unit managers under the department heads."""
    edition = Edition.objects.create(
        programme=programme,
        name="Grupperingsomgång",
        start_date=dt.date(2026, 9, 1),
        end_date=dt.date(2027, 6, 1),
    )
    heads, departments, units = [], [], []
    n = 0

    def person(unit: OrgUnit, title: str, manager: Person | None) -> Person:
        nonlocal n
        n += 1
        p = Person.objects.create(
            organisation=org,
            employee_number=f"G{n:03d}",
            first_name=f"Förnamn{n}",
            last_name=f"Efternamn{n:02d}",
            unit=unit,
            is_manager=True,
            title=title,
            manager=manager,
            gender="woman" if n % 3 else "man",
            birth_year=1960 + (n * 7) % 38,
        )
        Participant.objects.create(edition=edition, person=p, status="active")
        return p

    for code, name in ADMINISTRATIONS:
        admin = unit_create(organisation=org, code=f"G-{code}", name=name, kind="administration")
        head = person(admin, "Förvaltningschef", None)
        heads.append(head)
        for d in range(2):
            dept = unit_create(
                organisation=org,
                code=f"G-{code}-{d}",
                name=f"{name} avdelning {d + 1}",
                kind="department",
                parent=admin,
            )
            dept_head = person(dept, "Avdelningschef", head)
            departments.append(dept_head)
            for u in range(3 if d == 0 else 2):
                unit = unit_create(
                    organisation=org,
                    code=f"G-{code}-{d}-{u}",
                    name=f"{name} enhet {d + 1}.{u + 1}",
                    parent=dept,
                )
                units.append(person(unit, "Enhetschef", dept_head))
    return GroupingEdition(edition, heads, departments, units)


@pytest.fixture
def ge(world: World) -> GroupingEdition:
    return build_grouping_edition(world.host, world.programme)


def pid(person: Person | None, edition: Edition) -> str:
    return str(Participant.objects.get(edition=edition, person=person).pk)


def settings(**extra: Any) -> GroupingSettings:
    return GroupingSettings(group_count=3, time_limit=FAST, **extra)


def compose(ge: GroupingEdition, **extra: Any) -> tuple[list[Member], Proposal]:
    members = grouping_members(edition=ge.edition)
    return members, grouping_compose(members=members, settings=settings(**extra))


def check_independently(members: list[Member], proposal: Proposal) -> checker.CheckResult:
    built = build_instance(members=members, settings=proposal.settings, pins=proposal.pins)
    return checker.check(built.instance, {"kind": "groups", "groups": proposal.groups()})


# --- the instance ----------------------------------------------------------------------------


def test_members_carry_their_administration_age_band_and_gender(ge: GroupingEdition) -> None:
    members = {m.person_id: m for m in grouping_members(edition=ge.edition)}
    unit_manager = members[ge.unit_managers[0].pk]
    assert unit_manager.administration == "Socialförvaltningen"
    assert unit_manager.organisation == "Värdkommun"
    assert unit_manager.gender in {"woman", "man"}
    assert age_band(1990, 2026) == "30–39"
    assert age_band(2000, 2026) == "<30"
    assert age_band(1960, 2026) == "60+"
    assert age_band(None, 2026) == ""
    assert Counter(m.administration for m in members.values()) == {
        name: 8 for _code, name in ADMINISTRATIONS
    }


def test_withdrawn_participants_are_not_grouped(ge: GroupingEdition) -> None:
    Participant.objects.filter(person=ge.unit_managers[0]).update(status="withdrawn")
    members = grouping_members(edition=ge.edition)
    assert len(members) == 31


def test_management_teams_are_together_and_managers_apart_from_their_boss(
    ge: GroupingEdition,
) -> None:
    members = grouping_members(edition=ge.edition)
    built = build_instance(members=members, settings=settings())
    e = ge.edition
    teams = {frozenset(t) for t in built.instance["together"]}
    expected = {
        frozenset(
            [pid(head, e)] + [pid(d, e) for d in ge.department_heads if d.manager_id == head.pk]
        )
        for head in ge.heads
    }
    assert teams == expected
    apart = {tuple(pair) for pair in built.instance["apart"]}
    # Every unit manager is kept apart from their department head; a department head and
    # their own head share a management team, and the team wins.
    assert apart == {(pid(u, e), pid(u.manager, e)) for u in ge.unit_managers}
    assert any("management team" in note for note in built.notes)
    assert built.instance["groups"] == {"count": 3, "min_size": 10, "max_size": 11}


def test_attributes_and_criteria_follow_the_choices(ge: GroupingEdition) -> None:
    members = grouping_members(edition=ge.edition)
    chosen = settings(role_by="title")
    chosen.weights = {"administration": 3, "organisation": 0, "gender": 1, "age_band": 2, "role": 1}
    built = build_instance(members=members, settings=chosen, pins={members[0].id: 2})
    assert built.instance["criteria"] == [
        {"attribute": "administration", "weight": 3.0},
        {"attribute": "gender", "weight": 1.0},
        {"attribute": "age_band", "weight": 2.0},
        {"attribute": "role", "weight": 1.0},
    ]
    titles = {p["attributes"]["role"] for p in built.instance["people"]}
    assert titles == {"Förvaltningschef", "Avdelningschef", "Enhetschef"}
    assert built.instance["pinned"] == {members[0].id: 2}


def test_rules_can_be_switched_off(ge: GroupingEdition) -> None:
    members = grouping_members(edition=ge.edition)
    built = build_instance(members=members, settings=settings(keep_teams=False, keep_apart=False))
    assert built.instance["together"] == []
    assert built.instance["apart"] == []


def test_a_team_larger_than_a_group_is_not_kept_together_and_a_note_says_so(
    ge: GroupingEdition,
) -> None:
    members = grouping_members(edition=ge.edition)
    built = build_instance(members=members, settings=settings(min_size=1, max_size=2))
    assert built.instance["together"] == []
    assert any("larger than a group" in note for note in built.notes)


# --- the engine's result ---------------------------------------------------------------------


def test_the_engines_groups_keep_every_hard_rule_by_the_independent_checker(
    ge: GroupingEdition,
) -> None:
    members, proposal = compose(ge)
    result = check_independently(members, proposal)
    assert result.ok, result.violations
    score = proposal_score(members=members, proposal=proposal)
    assert score.objective == pytest.approx(result.objective)
    assert score.percent is not None
    assert 0 < score.percent <= 100 + 1e-9
    # Administrations are spread: each group has people from every administration.
    for group in proposal.groups():
        assert len({m.administration for m in members if m.id in group}) == 4


def test_pinned_people_end_up_in_their_group(ge: GroupingEdition) -> None:
    members = grouping_members(edition=ge.edition)
    someone = pid(ge.unit_managers[3], ge.edition)
    proposal = grouping_compose(members=members, settings=settings(), pins={someone: 2})
    assert proposal.assignment[someone] == 2
    assert check_independently(members, proposal).ok


def test_management_teams_can_go_first(ge: GroupingEdition) -> None:
    members, proposal = compose(ge, teams_in_first=2)
    team_people = {pid(p, ge.edition) for p in ge.heads + ge.department_heads}
    assert {proposal.assignment[p] for p in team_people} <= {0, 1}
    assert check_independently(members, proposal).ok
    assert proposal.pins == {}  # the teams' placement is not a pin the coordinator made


def test_conflicting_choices_give_the_conflict_in_words_and_change_nothing(
    ge: GroupingEdition,
) -> None:
    members = grouping_members(edition=ge.edition)
    head, dept = ge.heads[0], ge.department_heads[0]
    pins = {pid(head, ge.edition): 0, pid(dept, ge.edition): 1}
    with pytest.raises(GroupingError) as caught:
        grouping_compose(members=members, settings=settings(), pins=pins)
    message = caught.value.message
    assert head.full_name in message
    assert "management team" in message
    assert not Participant.objects.filter(edition=ge.edition, group__isnull=False).exists()


def test_impossible_sizes_are_explained(ge: GroupingEdition) -> None:
    members = grouping_members(edition=ge.edition)
    with pytest.raises(GroupingError) as caught:
        grouping_compose(members=members, settings=settings(min_size=12, max_size=12))
    assert "group sizes" in caught.value.message


# --- moves and swaps -------------------------------------------------------------------------


def _free_unit_manager(members: list[Member], proposal: Proposal) -> Member:
    """A unit manager (in no team) with a group they can move to without meeting their boss."""
    by_person = {m.person_id: m for m in members}
    for m in members:
        if m.title == "Enhetschef":
            return m
    raise AssertionError(by_person)


def test_a_move_that_breaks_the_size_range_is_refused(ge: GroupingEdition) -> None:
    members, proposal = compose(ge)
    sizes = Counter(proposal.assignment.values())
    small = min(sizes, key=lambda g: sizes[g])  # 10 people: may not lose anyone
    mover = next(
        m for m in members if proposal.assignment[m.id] == small and m.title == "Enhetschef"
    )
    target = next(g for g in range(3) if g != small)
    with pytest.raises(ValidationError) as caught:
        proposal_move(members=members, proposal=proposal, participant_id=mover.id, group=target)
    assert "allowed are 10–11" in " ".join(caught.value.messages)


def test_a_move_that_splits_a_management_team_is_refused(ge: GroupingEdition) -> None:
    members, proposal = compose(ge, min_size=5, max_size=20)
    head = pid(ge.heads[0], ge.edition)
    target = (proposal.assignment[head] + 1) % 3
    with pytest.raises(ValidationError) as caught:
        proposal_move(members=members, proposal=proposal, participant_id=head, group=target)
    assert "would be split" in " ".join(caught.value.messages)


def test_a_swap_that_puts_a_manager_with_their_boss_is_refused(ge: GroupingEdition) -> None:
    members, proposal = compose(ge)
    unit_manager = ge.unit_managers[0]
    boss = pid(unit_manager.manager, ge.edition)
    mine = pid(unit_manager, ge.edition)
    # Someone in the boss's group who is free to move (a unit manager of another team).
    partner = next(
        m.id
        for m in members
        if proposal.assignment[m.id] == proposal.assignment[boss]
        and m.title == "Enhetschef"
        and m.manager_person_id != unit_manager.manager_id
    )
    with pytest.raises(ValidationError) as caught:
        proposal_swap(members=members, proposal=proposal, first=mine, second=partner)
    assert "same group as their manager" in " ".join(caught.value.messages)


def test_an_allowed_swap_changes_the_groups_and_keeps_every_rule(ge: GroupingEdition) -> None:
    members, proposal = compose(ge, keep_apart=False)
    a, b = next(
        (x.id, y.id)
        for x in members
        for y in members
        if x.title == y.title == "Enhetschef"
        and proposal.assignment[x.id] < proposal.assignment[y.id]
    )
    swapped = proposal_swap(members=members, proposal=proposal, first=a, second=b)
    assert swapped.assignment[a] == proposal.assignment[b]
    assert swapped.assignment[b] == proposal.assignment[a]
    assert check_independently(members, swapped).ok
    score = proposal_score(members=members, proposal=swapped)
    assert score.percent is not None and score.percent <= 100 + 1e-9


def test_a_pinned_person_cannot_be_moved(ge: GroupingEdition) -> None:
    members, proposal = compose(ge, min_size=5, max_size=20)
    someone = pid(ge.unit_managers[0], ge.edition)
    pinned = proposal_pin(proposal=proposal, participant_id=someone, pinned=True)
    target = (pinned.assignment[someone] + 1) % 3
    with pytest.raises(ValidationError):
        proposal_move(members=members, proposal=pinned, participant_id=someone, group=target)
    unpinned = proposal_pin(proposal=pinned, participant_id=someone, pinned=False)
    assert unpinned.pins == {}


# --- lock and re-run -------------------------------------------------------------------------


def test_lock_and_rerun_keeps_the_locked_groups_identical(ge: GroupingEdition) -> None:
    members, proposal = compose(ge)
    locked_before = {pid for pid, g in proposal.assignment.items() if g == 1}
    # Upset the other groups by re-running with different weights; group 1 stays as it was.
    other = replace(
        proposal.settings,
        weights={"administration": 0, "organisation": 0, "gender": 5, "age_band": 0, "role": 0},
    )
    again = grouping_compose(
        members=members, settings=other, pins={}, locked_from=proposal, locked=[1]
    )
    assert {pid for pid, g in again.assignment.items() if g == 1} == locked_before
    assert again.locked == [1]
    assert check_independently(members, again).ok
    score = proposal_score(members=members, proposal=again)
    assert score.percent is not None and score.percent <= 100 + 1e-9


def test_every_group_locked_is_refused(ge: GroupingEdition) -> None:
    members, proposal = compose(ge)
    with pytest.raises(GroupingError):
        grouping_compose(
            members=members,
            settings=proposal.settings,
            locked_from=proposal,
            locked=[0, 1, 2],
        )


def test_the_proposal_survives_the_session_as_json(ge: GroupingEdition) -> None:
    import json

    _members, proposal = compose(ge, teams_in_first=2)
    assert Proposal.from_dict(json.loads(json.dumps(proposal.as_dict()))) == proposal


# --- saving ----------------------------------------------------------------------------------


def test_saving_gives_everyone_a_group_and_creates_missing_groups(
    ge: GroupingEdition, world: World
) -> None:
    Group.objects.create(edition=ge.edition, name="Grupp A", order=1)
    members, proposal = compose(ge)
    groups = grouping_save(edition=ge.edition, proposal=proposal)
    assert [g.name for g in groups][0] == "Grupp A"
    assert Group.objects.filter(edition=ge.edition).count() == 3
    for p in Participant.objects.filter(edition=ge.edition):
        assert p.group == groups[proposal.assignment[str(p.pk)]]
    now = current_score(
        members=grouping_members(edition=ge.edition),
        settings=proposal.settings,
        group_ids=[g.pk for g in groups],
    )
    assert now is not None and now.objective == pytest.approx(
        proposal_score(members=members, proposal=proposal).objective
    )


def test_saving_a_stale_proposal_changes_nothing(ge: GroupingEdition, world: World) -> None:
    _members, proposal = compose(ge)
    Participant.objects.create(edition=ge.edition, person=world.employee)
    with pytest.raises(ValidationError):
        grouping_save(edition=ge.edition, proposal=proposal)
    assert not Group.objects.filter(edition=ge.edition).exists()
    assert not Participant.objects.filter(edition=ge.edition, group__isnull=False).exists()


def test_saving_a_proposal_that_breaks_a_rule_changes_nothing(ge: GroupingEdition) -> None:
    _members, proposal = compose(ge)
    broken = replace(proposal, assignment=dict.fromkeys(proposal.assignment, 0))
    with pytest.raises(ValidationError):
        grouping_save(edition=ge.edition, proposal=broken)
    assert not Group.objects.filter(edition=ge.edition).exists()
    assert not Participant.objects.filter(edition=ge.edition, group__isnull=False).exists()


# --- pages -----------------------------------------------------------------------------------

FORM = {
    "group_count": "3",
    "weight_administration": "3",
    "weight_organisation": "0",
    "weight_gender": "1",
    "weight_age_band": "1",
    "weight_role": "1",
    "role_by": "manager",
    "keep_teams": "on",
    "keep_apart": "on",
    "time_limit": "1",
}


def _draft(client: Any, edition: Edition, **extra: str) -> GroupingDraft:
    """Ask for groups: the engine runs in the task queue (immediately in the tests, once the
    request's transaction commits) and its groups become a draft."""
    with TestCase.captureOnCommitCallbacks(execute=True):
        response = client.post(
            reverse("programmes:grouping_start", args=[edition.pk]), {**FORM, **extra}
        )
    assert response.status_code == 302
    draft = GroupingDraft.objects.filter(edition=edition).order_by("-created_at").first()
    assert draft is not None
    assert response["Location"] == reverse("programmes:grouping_draft", args=[draft.pk])
    draft.refresh_from_db()
    return draft


def _made(client: Any, edition: Edition) -> dict[str, Any]:
    """A draft taken as the proposal under way (to move, swap, pin and re-run)."""
    draft = _draft(client, edition)
    assert draft.state == GroupingDraft.State.READY, draft.message
    response = client.post(reverse("programmes:grouping_draft_edit", args=[draft.pk]))
    assert response.status_code == 302
    assert response["Location"] == reverse("programmes:grouping_result", args=[edition.pk])
    return dict(client.session["grouping"][str(edition.pk)])


def test_the_coordinator_makes_moves_and_saves_groups(ge: GroupingEdition, world: World) -> None:
    client = english_client(world, "coordinator")
    page = client.get(reverse("programmes:grouping_start", args=[ge.edition.pk]))
    assert page.status_code == 200
    assert "Make groups" in page.content.decode()
    state = _made(client, ge.edition)
    result = client.get(reverse("programmes:grouping_result", args=[ge.edition.pk]))
    assert result.status_code == 200
    html = result.content.decode()
    assert "of the proven bound" in html and "Socialförvaltningen" in html

    proposal = Proposal.from_dict(state)
    mover = next(p for p in ge.unit_managers if True)
    mover_id = pid(mover, ge.edition)
    target = next(
        g
        for g in range(3)
        if g != proposal.assignment[mover_id]
        and g != proposal.assignment[pid(mover.manager, ge.edition)]
    )
    # htmx: only the result region comes back, with the status line out of band.
    response = client.post(
        reverse("programmes:grouping_move", args=[ge.edition.pk]),
        {"participant": mover_id, "group": str(target)},
        headers={"HX-Request": "true"},
    )
    assert response.status_code == 200
    body = response.content.decode()
    assert "<html" not in body and 'id="grouping-result"' in body
    assert 'hx-swap-oob="innerHTML"' in body
    # Sizes 11/11/10: the move is allowed only into the group of 10; either way the page says.
    after = Proposal.from_dict(client.session["grouping"][str(ge.edition.pk)])
    if "Not moved" in body:
        assert after.assignment == proposal.assignment
    else:
        assert after.assignment[mover_id] == target

    response = client.post(reverse("programmes:grouping_save", args=[ge.edition.pk]))
    assert response.status_code == 302
    assert response["Location"] == reverse("programmes:edition_detail", args=[ge.edition.pk])
    assert not Participant.objects.filter(edition=ge.edition, group__isnull=True).exists()
    assert str(ge.edition.pk) not in client.session["grouping"]


def test_without_htmx_a_refused_move_redirects_with_a_message(
    ge: GroupingEdition, world: World
) -> None:
    client = english_client(world, "coordinator")
    state = _made(client, ge.edition)
    head = pid(ge.heads[0], ge.edition)
    target = (state["assignment"][head] + 1) % 3
    response = client.post(
        reverse("programmes:grouping_move", args=[ge.edition.pk]),
        {"participant": head, "group": str(target)},
        follow=True,
    )
    assert response.redirect_chain[0][0].startswith(
        reverse("programmes:grouping_result", args=[ge.edition.pk])
    )
    assert "would be split" in response.content.decode() or "allowed are" in (
        response.content.decode()
    )
    assert client.session["grouping"][str(ge.edition.pk)]["assignment"] == state["assignment"]


def test_a_swap_and_a_pin_and_a_rerun_through_the_pages(ge: GroupingEdition, world: World) -> None:
    client = english_client(world, "coordinator")
    state = _made(client, ge.edition)
    someone = pid(ge.unit_managers[2], ge.edition)
    response = client.post(
        reverse("programmes:grouping_pin", args=[ge.edition.pk]),
        {"participant": someone, "pinned": "1"},
        headers={"HX-Request": "true"},
    )
    assert response.status_code == 200 and "Unpin" in response.content.decode()
    # The re-run goes through the task queue too: its groups are a new draft.
    with TestCase.captureOnCommitCallbacks(execute=True):
        response = client.post(
            reverse("programmes:grouping_rerun", args=[ge.edition.pk]), {"locked": ["0"]}
        )
    assert response.status_code == 302
    rerun = GroupingDraft.objects.filter(edition=ge.edition).order_by("-created_at").first()
    assert rerun is not None
    assert response["Location"] == reverse("programmes:grouping_draft", args=[rerun.pk])
    rerun.refresh_from_db()
    assert rerun.state == GroupingDraft.State.READY, rerun.message
    client.post(reverse("programmes:grouping_draft_edit", args=[rerun.pk]))
    after = client.session["grouping"][str(ge.edition.pk)]
    assert after["locked"] == [0]
    assert after["pins"] == {someone: state["assignment"][someone]}
    kept = {p for p, g in state["assignment"].items() if g == 0}
    assert {p for p, g in after["assignment"].items() if g == 0} == kept
    response = client.post(
        reverse("programmes:grouping_swap", args=[ge.edition.pk]),
        {"first": someone, "second": someone},
        headers={"HX-Request": "true"},
    )
    assert "Not moved" in response.content.decode()


def test_impossible_choices_show_the_reason_and_change_nothing(
    ge: GroupingEdition, world: World
) -> None:
    client = english_client(world, "coordinator")
    draft = _draft(client, ge.edition, min_size="20", max_size="20")
    assert draft.state == GroupingDraft.State.FAILED and draft.proposal is None
    assert "group sizes" in draft.message
    page = client.get(reverse("programmes:grouping_draft", args=[draft.pk]))
    assert "group sizes" in page.content.decode() and "Apply the draft" not in page.content.decode()
    assert "grouping" not in client.session or str(ge.edition.pk) not in client.session["grouping"]
    assert not Participant.objects.filter(edition=ge.edition, group__isnull=False).exists()


def test_a_participant_cannot_make_groups(ge: GroupingEdition, world: World) -> None:
    Participant.objects.create(edition=ge.edition, person=world.participant.person)
    client = world.client_for("participant")
    assert client.get(reverse("programmes:grouping_start", args=[ge.edition.pk])).status_code == 403
    assert client.post(reverse("programmes:grouping_save", args=[ge.edition.pk])).status_code == 403
    outsider = world.client_for("outsider")
    assert (
        outsider.post(reverse("programmes:grouping_move", args=[ge.edition.pk])).status_code == 404
    )


def test_the_saved_groups_are_scored_for_comparison(ge: GroupingEdition, world: World) -> None:
    client = english_client(world, "coordinator")
    _made(client, ge.edition)
    client.post(reverse("programmes:grouping_save", args=[ge.edition.pk]))
    page = client.get(reverse("programmes:grouping_start", args=[ge.edition.pk]))
    assert "The groups as saved now" in page.content.decode()


def test_teams_that_do_not_fit_in_the_first_groups_may_go_anywhere(ge: GroupingEdition) -> None:
    members, proposal = compose(ge, teams_in_first=1)
    assert any("did not fit" in note for note in proposal.notes)
    assert check_independently(members, proposal).ok


def test_a_proposal_for_other_participants_is_dropped_with_a_message(
    ge: GroupingEdition, world: World
) -> None:
    client = english_client(world, "coordinator")
    _made(client, ge.edition)
    Participant.objects.create(edition=ge.edition, person=world.employee)
    response = client.get(reverse("programmes:grouping_result", args=[ge.edition.pk]), follow=True)
    assert "The participants have changed" in response.content.decode()
    assert str(ge.edition.pk) not in client.session["grouping"]


def test_a_swap_of_the_two_ticked_people_and_a_clear_message_for_one(
    ge: GroupingEdition, world: World
) -> None:
    client = english_client(world, "coordinator")
    state = _made(client, ge.edition)
    by_group: dict[int, list[str]] = {}
    for participant, group in state["assignment"].items():
        by_group.setdefault(group, []).append(participant)
    url = reverse("programmes:grouping_swap", args=[ge.edition.pk])
    page = client.get(reverse("programmes:grouping_start", args=[ge.edition.pk]))
    assert page.status_code == 200
    # One ticked: nothing changes, and the page says what to do.
    response = client.post(url, {"swap": [by_group[0][0]]}, headers={"HX-Request": "true"})
    assert "Tick exactly two people to swap (1 ticked)." in response.content.decode()
    assert client.session["grouping"][str(ge.edition.pk)]["assignment"] == state["assignment"]
    # Two ticked in different groups: they trade places, if the rules allow it; a refusal
    # names its rule and changes nothing, exactly as for a swap by name.
    for a in by_group[0]:
        for b in by_group[1]:
            response = client.post(url, {"swap": [a, b]}, headers={"HX-Request": "true"})
            after = client.session["grouping"][str(ge.edition.pk)]["assignment"]
            if after != state["assignment"]:
                assert (after[a], after[b]) == (state["assignment"][b], state["assignment"][a])
                assert "swapped groups" in response.content.decode()
                return
    raise AssertionError("no allowed swap between groups 1 and 2")
