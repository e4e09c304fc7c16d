"""Manager posts recorded by HR: access, the records' statistics equal the import's, the
alumni shares, scorecards against the requirement profile, weeding of external applicants,
the register extract and erasure."""

from __future__ import annotations

import dataclasses
import datetime as dt
import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from plantskola.competencies.models import Competency, ProfileRequirement, RequirementProfile
from plantskola.core.models import AuditEntry, OrgUnit, Person
from plantskola.insights.models import ManagerPost, PostApplicant, PostScorecardRating
from plantskola.insights.posts import retention
from plantskola.insights.posts.selectors import application_rows, post_statistics
from plantskola.insights.posts.services import (
    manager_post_create,
    post_applicant_add,
    post_scorecard_save,
)
from plantskola.insights.recruitment import recruitment_import
from plantskola.insights.selectors import (
    alumni_numbers,
    recruitment_statistics,
    statistics_by_year,
)
from plantskola.privacy import weeding
from plantskola.privacy.erasure.services import erase_person
from plantskola.privacy.extract.selectors import build_extract
from plantskola.programmes.models import Edition
from tests.conftest import World

pytestmark = pytest.mark.django_db

HEADER = "tjanst;forvaltning;datum;kon;aldersgrupp;intern;anstallningsnummer;utfall"
# The same applications as `record_posts` records.
SHEET = "\n".join(
    [
        HEADER,
        "Enhetschef Hemtjänst Norr;SOC;2025-03-01;kvinna;30-39;ja;H101;anställd",
        "Enhetschef Hemtjänst Norr;SOC;2025-03-02;man;40-49;nej;;ej anställd",
        "Enhetschef Hemtjänst Norr;SOC;2025-03-03;kvinna;30-39;nej;;återtagen",
        "Avdelningschef HR;KLF;2025-05-10;kvinna;50-59;nej;;anställd",
        "Avdelningschef HR;KLF;2025-05-11;;;ja;H103;ej anställd",
    ]
).encode()


def unit(world: World, code: str) -> OrgUnit:
    return world.host.units.get(code=code)


def record_posts(world: World) -> tuple[ManagerPost, ManagerPost]:
    hr = world.users["hr"]
    employee = world.employee
    employee.gender, employee.birth_year = "woman", 1990
    employee.save()
    hr_person = Person.objects.get(employee_number="H103")
    hr_person.gender, hr_person.birth_year = "", None
    hr_person.save()
    norr = manager_post_create(
        organisation=world.host,
        unit=unit(world, "SOC-1"),
        title="Enhetschef Hemtjänst Norr",
        opened_on=dt.date(2025, 2, 1),
        closed_on=dt.date(2025, 4, 30),
        created_by=hr,
    )
    post_applicant_add(post=norr, person=employee, applied_on=dt.date(2025, 3, 1), outcome="hired")
    post_applicant_add(
        post=norr,
        name="Urban Extern",
        gender="man",
        birth_year=1980,
        applied_on=dt.date(2025, 3, 2),
        outcome="not_hired",
    )
    post_applicant_add(
        post=norr,
        name="Vera Extern",
        gender="woman",
        birth_year=1990,
        applied_on=dt.date(2025, 3, 3),
        outcome="withdrawn",
    )
    hr_post = manager_post_create(
        organisation=world.host,
        unit=unit(world, "KLF"),
        title="Avdelningschef HR",
        opened_on=dt.date(2025, 5, 1),
        closed_on=dt.date(2025, 6, 15),
        advertised_internally=False,
        created_by=hr,
    )
    post_applicant_add(
        post=hr_post,
        name="Wilma Extern",
        gender="woman",
        birth_year=1970,
        applied_on=dt.date(2025, 5, 10),
        outcome="hired",
    )
    # Not yet decided: counts as not hired, as the recruitment system's "ej anställd".
    post_applicant_add(post=hr_post, person=hr_person, applied_on=dt.date(2025, 5, 11))
    return norr, hr_post


def completed_programme(world: World) -> None:
    edition = Edition.objects.create(
        programme=world.programme,
        name="Omgång 2024",
        start_date=dt.date(2024, 1, 10),
        end_date=dt.date(2024, 12, 10),
    )
    edition.participants.create(person=world.employee, status="completed")


# --- the statistics --------------------------------------------------------------------------


def test_statistics_from_records_equal_those_from_the_same_data_imported(world: World) -> None:
    completed_programme(world)
    record_posts(world)
    recorded = post_statistics(organisation=world.host)
    assert recorded is not None
    result = recruitment_import(
        organisation=world.host,
        content=SHEET,
        filename="rekrytering.csv",
        uploaded_by=world.users["hr"],
        today=dt.date(2026, 1, 1),
    )
    assert result.ok, result.errors
    imported = recruitment_statistics(organisation=world.host)
    assert recorded.years == imported
    assert dataclasses.replace(recorded.period, label="") == imported[0]
    # And the figures are the real ones, not two equal mistakes.
    [y] = imported
    assert (y.applications, y.post_count, y.hires, y.internal_hires, y.alumni_hires) == (
        5,
        2,
        2,
        1,
        1,
    )
    assert y.by_age_gender[0][1:] == ([2, 0, 0], 2)  # 30–39: two women


def test_the_period_and_the_administration_choose_the_records(world: World) -> None:
    record_posts(world)
    march = post_statistics(
        organisation=world.host, date_from=dt.date(2025, 3, 1), date_to=dt.date(2025, 3, 31)
    )
    assert march is not None
    assert (march.period.applications, march.period.post_count) == (3, 1)
    assert march.period.heading == "2025-03-01 – 2025-03-31"
    soc = post_statistics(organisation=world.host, administration=unit(world, "SOC"))
    assert soc is not None and soc.period.applications == 3
    assert post_statistics(organisation=world.host, date_from=dt.date(2026, 1, 1)) is None
    # Administration: the top unit above the post's unit.
    assert {r.administration.code for r in application_rows(organisation=world.host)} == {
        "SOC",
        "KLF",
    }


def test_alumni_shares_are_over_what_they_say_and_not_drawn_among_counts(world: World) -> None:
    completed_programme(world)
    record_posts(world)
    [y] = statistics_by_year(application_rows(organisation=world.host), alumni_numbers(world.host))
    # One of two hires is internal, and that one is an alumnus.
    assert y.alumni_share == pytest.approx(0.5)
    assert y.alumni_share_of_internal == pytest.approx(1.0)
    page = world.client_for("hr").get(f"/insikter/{world.host.pk}/rekrytering/")
    assert page.status_code == 200
    html = page.content.decode()
    table = re.search(r'aria-labelledby="alumni-table-records">(.*?)</table>', html, re.S)
    assert table is not None
    cells = re.findall(r'<td class="num">([^<]*)</td>', table.group(1))
    assert cells == ["1", "50 %", "100 %"]  # number, of all hires, of internal hires
    # The hires chart holds the two counts only.
    hires_chart = re.search(r'<svg[^>]*aria-labelledby="hires-records-title.*?</svg>', html, re.S)
    assert hires_chart is not None
    desc = re.search(r'<desc id="hires-records-desc">([^<]*)</desc>', hires_chart.group(0))
    assert desc is not None and "1" in desc.group(1)
    labels = re.findall(r"<text[^>]*>([^<]*)</text>", hires_chart.group(0))
    assert "Interna" in labels and "Externa" in labels
    assert "Har gått ett program" not in labels  # alumni are some of the internal, not a bar


# --- pages and access ------------------------------------------------------------------------


def test_hr_records_a_post_with_applicants_and_an_outcome(world: World) -> None:
    client = world.client_for("hr")
    response = client.post(
        f"/insikter/{world.host.pk}/chefstjanster/ny/",
        {
            "title": "Enhetschef Hemtjänst Syd",
            "unit": unit(world, "SOC-1").pk,
            "opened_on": "2025-09-01",
            "closed_on": "2025-10-15",
            "advertised_internally": "on",
            "advertised_externally": "on",
        },
    )
    assert response.status_code == 302
    post = ManagerPost.objects.get()
    assert response["Location"] == f"/insikter/chefstjanster/{post.pk}/"
    add = f"/insikter/chefstjanster/{post.pk}/sokande/ny/"
    assert (
        client.post(add, {"employee_number": "H101", "applied_on": "2025-09-10"}).status_code == 302
    )
    external = {"name": "Ester Extern", "gender": "woman", "birth_year": "1985"}
    assert client.post(add, {**external, "applied_on": "2025-09-12"}).status_code == 302
    internal, outside = post.applicants.order_by("applied_on")
    assert (internal.internal, internal.person, internal.name) == (True, world.employee, "")
    assert (outside.internal, outside.name, outside.age_band) == (False, "Ester Extern", "40-49")
    # The outcome: the external applicant is hired.
    response = client.post(
        f"/insikter/chefstjanster/sokande/{outside.pk}/",
        {**external, "applied_on": "2025-09-12", "outcome": "hired"},
    )
    assert response.status_code == 302
    outside.refresh_from_db()
    assert outside.outcome == "hired"
    page = client.get(f"/insikter/chefstjanster/{post.pk}/").content.decode()
    assert "Ester Extern" in page and "Erik Anställd" in page
    # A second hire to the same post is refused, nothing changed.
    response = client.post(
        f"/insikter/chefstjanster/sokande/{internal.pk}/",
        {"applied_on": "2025-09-10", "outcome": "hired"},
    )
    assert response.status_code == 400
    internal.refresh_from_db()
    assert internal.outcome == ""
    # An application outside the post's open time is refused.
    response = client.post(add, {"name": "Sen Sökande", "applied_on": "2025-11-01"})
    assert response.status_code == 400
    assert post.applicants.count() == 2
    # Someone of another organisation cannot be added by employee number.
    response = client.post(add, {"employee_number": "O100", "applied_on": "2025-09-10"})
    assert response.status_code == 400
    # Changes to applicants are in the audit log (ids and field names, no values).
    logged = AuditEntry.objects.filter(object_type="insights.postapplicant")
    assert logged.filter(action="create").count() == 2
    assert logged.filter(action="update", object_id=str(outside.pk)).exists()
    assert not logged.filter(note__contains="Ester").exists()
    # Remove an applicant, then the post.
    client.post(f"/insikter/chefstjanster/sokande/{internal.pk}/ta-bort/")
    assert post.applicants.count() == 1
    client.post(f"/insikter/chefstjanster/{post.pk}/ta-bort/")
    assert not ManagerPost.objects.exists() and not PostApplicant.objects.exists()


def test_only_hr_of_the_organisation_reaches_the_posts(world: World) -> None:
    norr, _hr_post = record_posts(world)
    applicant = norr.applicants.first()
    assert applicant is not None
    urls = [
        f"/insikter/{world.host.pk}/chefstjanster/",
        f"/insikter/{world.host.pk}/chefstjanster/ny/",
        f"/insikter/chefstjanster/{norr.pk}/",
        f"/insikter/chefstjanster/{norr.pk}/andra/",
        f"/insikter/chefstjanster/{norr.pk}/ta-bort/",
        f"/insikter/chefstjanster/{norr.pk}/sokande/ny/",
        f"/insikter/chefstjanster/sokande/{applicant.pk}/",
        f"/insikter/chefstjanster/sokande/{applicant.pk}/ta-bort/",
        f"/insikter/chefstjanster/sokande/{applicant.pk}/bedomning/",
    ]
    for url in urls:
        assert world.client_for("hr").get(url).status_code == 200, url
        assert world.client_for("coordinator").get(url).status_code == 403, url
        for role in ("outsider", "partner", "manager", "participant"):
            assert world.client_for(role).get(url).status_code == 404, (role, url)
    # Writes are refused alike, and change nothing.
    assert world.client_for("outsider").post(urls[4]).status_code == 404
    assert world.client_for("coordinator").post(urls[7]).status_code == 403
    assert ManagerPost.objects.count() == 2 and PostApplicant.objects.count() == 5


def _profile(world: World) -> RequirementProfile:
    profile = RequirementProfile.objects.create(organisation=world.host, name="Chef")
    for order, name in enumerate(["Leder verksamheten", "Kommunicerar"]):
        competency = Competency.objects.create(
            organisation=world.host, name=name, order=order, anchor_low=f"Svagt {name}"
        )
        ProfileRequirement.objects.create(profile=profile, competency=competency, level=3)
    return profile


def test_hr_rates_an_applicant_against_the_requirement_profile(world: World) -> None:
    norr, _hr_post = record_posts(world)
    norr.requirement_profile = _profile(world)
    norr.save()
    applicant = norr.applicants.get(name="Urban Extern")
    a, b = Competency.objects.filter(organisation=world.host).order_by("order")
    client = world.client_for("hr")
    url = f"/insikter/chefstjanster/sokande/{applicant.pk}/bedomning/"
    form = client.get(url).content.decode()
    assert "Svagt Leder verksamheten" in form  # the anchor at 1
    # Every competency must be rated.
    assert client.post(url, {f"rating_{a.pk}": "4"}).status_code == 400
    response = client.post(
        url, {f"rating_{a.pk}": "4", f"rating_{b.pk}": "2", f"evidence_{a.pk}": "Ledde ett lag"}
    )
    assert response.status_code == 302
    ratings = PostScorecardRating.objects.filter(scorecard__applicant=applicant)
    assert sorted(r.rating for r in ratings) == [2, 4]
    page = client.get(f"/insikter/chefstjanster/{norr.pk}/").content.decode()
    assert ">4,0<" in page or ">4.0<" in page


# --- retention, the register extract and erasure ---------------------------------------------


def test_external_applicants_are_weeded_two_years_after_the_post_closed(world: World) -> None:
    norr, _hr_post = record_posts(world)
    norr.requirement_profile = _profile(world)
    norr.save()
    urban = norr.applicants.get(name="Urban Extern")
    profile = norr.requirement_profile
    hr = world.users["hr"]
    assert profile is not None and hr is not None
    ratings = {c.pk: (3, "Sa något klokt") for c in profile.competencies.all()}
    post_scorecard_save(applicant=urban, interviewer=hr, ratings=ratings)
    [first, second] = retention.schedule(world.host, retention.DEFAULT_MONTHS)
    assert (first.due_on, first.count) == (dt.date(2027, 4, 30), 2)
    assert (second.due_on, second.count) == (dt.date(2027, 6, 15), 1)
    keys = [retention.KEY]
    before = weeding.run(today=dt.date(2027, 4, 29), keys=keys, organisations=[world.host])
    assert before.records == 0
    report = weeding.run(today=dt.date(2027, 4, 30), keys=keys, organisations=[world.host])
    assert report.records == 2 and report.total("notes") == 2
    urban.refresh_from_db()
    assert (urban.name, urban.birth_year, urban.weeded_at is not None) == ("", None, True)
    # What the statistics need stays: gender, age band, outcome and the ratings.
    assert (urban.gender, urban.age_band, urban.outcome) == ("man", "40-49", "not_hired")
    assert set(PostScorecardRating.objects.values_list("evidence", flat=True)) == {""}
    assert PostScorecardRating.objects.filter(rating=3).count() == 2
    # Internal applicants and the other post's external applicant are untouched.
    assert norr.applicants.get(internal=True).person == world.employee
    assert PostApplicant.objects.get(name="Wilma Extern").birth_year == 1970
    # A second run weeds nothing; the organisation's own rule is followed.
    again = weeding.run(today=dt.date(2027, 4, 30), keys=keys, organisations=[world.host])
    assert again.records == 0
    assert weeding.months_for(world.host, retention.KEY) == 24


def test_the_register_extract_lists_internal_applications_and_erasure_keeps_statistics(
    world: World,
) -> None:
    record_posts(world)
    extract = build_extract(world.employee)
    record_type = str(PostApplicant._meta.verbose_name_plural)
    [section] = [s for s in extract.sections if s.record_type == record_type]
    assert len(section.rows) == 1
    assert any("Enhetschef Hemtjänst Norr" in cell for cell in section.rows[0])
    erase_person(person=world.employee, actor=world.users["hr"], reason="Begäran")
    applicant = PostApplicant.objects.get(applied_on=dt.date(2025, 3, 1))
    assert (applicant.person, applicant.internal, applicant.outcome) == (None, True, "hired")
    stats = post_statistics(organisation=world.host)
    assert stats is not None and stats.period.internal_hires == 1


def _queries(world: World, url: str) -> int:
    client = world.client_for("hr")
    client.get(url)  # the session and the principal warmed alike for both counts
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


def test_the_list_and_a_post_make_as_many_queries_for_more_rows(world: World) -> None:
    norr, hr_post = record_posts(world)
    hr_post.requirement_profile = _profile(world)
    hr_post.save()
    list_url = f"/insikter/{world.host.pk}/chefstjanster/"
    post_url = f"/insikter/chefstjanster/{hr_post.pk}/"
    few_posts, few_applicants = _queries(world, list_url), _queries(world, post_url)
    for number in range(3):
        extra = manager_post_create(
            organisation=world.host,
            unit=unit(world, "SOC-1"),
            title=f"Rektor {number}",
            opened_on=dt.date(2025, 8, 1),
            created_by=None,
        )
        post_applicant_add(post=extra, name="Någon", applied_on=dt.date(2025, 8, 2))
        post_applicant_add(post=hr_post, name=f"Fler {number}", applied_on=dt.date(2025, 5, 12))
    assert _queries(world, list_url) == few_posts
    assert _queries(world, post_url) == few_applicants


def test_a_post_cannot_close_before_it_opened_and_nothing_is_saved(world: World) -> None:
    response = world.client_for("hr").post(
        f"/insikter/{world.host.pk}/chefstjanster/ny/",
        {
            "title": "Rektor",
            "unit": unit(world, "SOC-1").pk,
            "opened_on": "2025-09-01",
            "closed_on": "2025-08-01",
            "advertised_internally": "on",
        },
    )
    assert response.status_code == 400
    assert response.content.decode().count('<ul class="errorlist') == 1
    assert not ManagerPost.objects.exists()
