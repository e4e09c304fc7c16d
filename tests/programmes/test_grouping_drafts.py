"""Grouping drafts: the engine run in the task queue makes a draft the independent checker
accepts; drafts compared, shared read-only, kept from the proposal under way, and applied
moving exactly the people the confirmation names."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import translation

from plantskola.composition import checker
from plantskola.programmes.grouping.comparison import draft_moves, draft_proposal
from plantskola.programmes.grouping.instance import build_instance
from plantskola.programmes.grouping.running import grouping_draft_run
from plantskola.programmes.grouping.selectors import grouping_members
from plantskola.programmes.models import GroupingDraft, Participant
from tests.conftest import World
from tests.programmes.test_grouping import (
    FORM,
    GroupingEdition,
    _draft,
    _made,
    build_grouping_edition,
    english_client,
)

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _english() -> Iterator[None]:
    with translation.override("en"):
        yield


@pytest.fixture
def ge(world: World) -> GroupingEdition:
    return build_grouping_edition(world.host, world.programme)


def _groups_now(ge: GroupingEdition) -> dict[int, int | None]:
    return dict(Participant.objects.filter(edition=ge.edition).values_list("pk", "group_id"))


def test_the_engine_job_makes_a_draft_the_independent_checker_accepts(
    ge: GroupingEdition, world: World
) -> None:
    client = english_client(world, "coordinator")
    draft = _draft(client, ge.edition, draft_name="Tre grupper")
    assert draft.name == "Tre grupper" and draft.state == GroupingDraft.State.READY
    assert draft.started_at is not None and draft.finished_at is not None
    proposal = draft_proposal(draft)
    assert proposal is not None
    members = grouping_members(edition=ge.edition)
    built = build_instance(members=members, settings=proposal.settings, pins=proposal.pins)
    result = checker.check(built.instance, {"kind": "groups", "groups": proposal.groups()})
    assert result.ok, result.violations
    # Nothing changed for the participants: the draft is not applied.
    assert not Participant.objects.filter(edition=ge.edition, group__isnull=False).exists()
    page = client.get(reverse("programmes:grouping_draft", args=[draft.pk]))
    html = page.content.decode()
    assert page.status_code == 200 and "of the proven bound" in html
    assert "Applying the draft moves 32 people" in html
    # A task delivered twice runs the engine once.
    assert grouping_draft_run(draft_id=str(draft.pk)).proposal == draft.proposal


def test_a_waiting_draft_shows_its_progress_and_the_page_polls(
    ge: GroupingEdition, world: World
) -> None:
    client = english_client(world, "coordinator")
    # Without running the on-commit callbacks the job stays in the queue.
    client.post(reverse("programmes:grouping_start", args=[ge.edition.pk]), FORM)
    draft = GroupingDraft.objects.get(edition=ge.edition)
    assert draft.state == GroupingDraft.State.PENDING
    url = reverse("programmes:grouping_draft", args=[draft.pk])
    page = client.get(url).content.decode()
    assert 'hx-trigger="every 1s"' in page and "<progress" in page
    grouping_draft_run(draft_id=str(draft.pk))
    partial = client.get(url, headers={"HX-Request": "true"}).content.decode()
    assert "<html" not in partial and "hx-get" not in partial
    assert "Show the groups" in partial


def test_two_drafts_are_compared_side_by_side(ge: GroupingEdition, world: World) -> None:
    client = english_client(world, "coordinator")
    three = _draft(client, ge.edition, draft_name="Tre")
    four = _draft(client, ge.edition, draft_name="Fyra", group_count="4")
    listing = client.get(reverse("programmes:grouping_drafts", args=[ge.edition.pk]))
    assert "Tre" in listing.content.decode() and "Fyra" in listing.content.decode()
    page = client.get(
        reverse("programmes:grouping_draft_compare", args=[ge.edition.pk]),
        {"draft": [str(three.pk), str(four.pk)]},
    )
    assert page.status_code == 200
    html = page.content.decode()
    assert "11, 11, 10" in html or "10, 11, 11" in html or "11, 10, 11" in html
    assert "8, 8, 8, 8" in html
    assert "4 of 4" in html  # every management team kept together in both
    one = client.get(
        reverse("programmes:grouping_draft_compare", args=[ge.edition.pk]),
        {"draft": [str(three.pk)]},
    )
    assert one.status_code == 400


def test_applying_a_draft_moves_exactly_the_people_it_names(
    ge: GroupingEdition, world: World
) -> None:
    client = english_client(world, "coordinator")
    first = _draft(client, ge.edition, draft_name="Först")
    url = reverse("programmes:grouping_draft_apply", args=[first.pk])
    preview = client.post(url)
    assert preview.status_code == 200 and "32 people change group" in preview.content.decode()
    assert not Participant.objects.filter(edition=ge.edition, group__isnull=False).exists()
    response = client.post(url, {"confirm": "1", "expected_moves": "32"})
    assert response.status_code == 302
    before = _groups_now(ge)
    assert None not in before.values()

    second = _draft(client, ge.edition, draft_name="Sedan", group_count="4")
    proposal = draft_proposal(second)
    assert proposal is not None
    members = grouping_members(edition=ge.edition)
    named = {
        int(m.member.id)
        for m in draft_moves(edition=ge.edition, members=members, proposal=proposal)
    }
    assert named  # a fourth group is new: at least its members move
    preview = client.post(reverse("programmes:grouping_draft_apply", args=[second.pk]))
    html = preview.content.decode()
    assert f"{len(named)} people change group" in html
    # A count that no longer holds is refused and changes nothing.
    stale = client.post(
        reverse("programmes:grouping_draft_apply", args=[second.pk]),
        {"confirm": "1", "expected_moves": str(len(named) + 1)},
        follow=True,
    )
    assert "have changed since you confirmed" in stale.content.decode()
    assert _groups_now(ge) == before
    client.post(
        reverse("programmes:grouping_draft_apply", args=[second.pk]),
        {"confirm": "1", "expected_moves": str(len(named))},
    )
    after = _groups_now(ge)
    assert {pk for pk in after if after[pk] != before[pk]} == named
    second.refresh_from_db()
    assert second.applied_at is not None


def test_a_shared_draft_is_read_only_for_course_leaders_and_hidden_from_partners(
    ge: GroupingEdition, world: World
) -> None:
    draft = _draft(english_client(world, "coordinator"), ge.edition)
    url = reverse("programmes:grouping_draft", args=[draft.pk])
    leader = english_client(world, "leader")
    page = leader.get(url)
    assert page.status_code == 200
    assert "Apply the draft" not in page.content.decode()
    apply_url = reverse("programmes:grouping_draft_apply", args=[draft.pk])
    assert leader.post(apply_url, {"confirm": "1", "expected_moves": "32"}).status_code == 403
    assert world.client_for("partner").get(url).status_code == 404
    assert world.client_for("outsider").get(url).status_code == 404
    assert not Participant.objects.filter(edition=ge.edition, group__isnull=False).exists()


def test_the_proposal_under_way_is_kept_as_a_draft(ge: GroupingEdition, world: World) -> None:
    client: Client = english_client(world, "coordinator")
    state = _made(client, ge.edition)
    response = client.post(
        reverse("programmes:grouping_draft_keep", args=[ge.edition.pk]), {"name": "För hand"}
    )
    kept = GroupingDraft.objects.get(name="För hand")
    assert response["Location"] == reverse("programmes:grouping_draft", args=[kept.pk])
    assert kept.state == GroupingDraft.State.READY
    assert kept.proposal is not None and kept.proposal["assignment"] == state["assignment"]


def test_the_list_of_drafts_issues_as_many_queries_for_many_drafts_as_for_one(
    ge: GroupingEdition, world: World
) -> None:
    client = english_client(world, "coordinator")
    url = reverse("programmes:grouping_drafts", args=[ge.edition.pk])

    def add(n: int) -> None:
        GroupingDraft.objects.bulk_create(
            GroupingDraft(edition=ge.edition, name=f"Utkast {i}", created_by=world.users["hr"])
            for i in range(n)
        )

    def queries() -> int:
        with CaptureQueriesContext(connection) as captured:
            assert client.get(url).status_code == 200
        return len(captured)

    add(1)
    few = queries()
    add(30)
    assert queries() == few


def test_a_rerun_with_every_group_locked_is_refused_and_queues_nothing(
    ge: GroupingEdition, world: World
) -> None:
    client = english_client(world, "coordinator")
    _made(client, ge.edition)
    drafts = GroupingDraft.objects.count()
    response = client.post(
        reverse("programmes:grouping_rerun", args=[ge.edition.pk]),
        {"locked": ["0", "1", "2"]},
        follow=True,
    )
    assert "Every group is locked" in response.content.decode()
    assert GroupingDraft.objects.count() == drafts
