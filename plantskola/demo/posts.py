"""Demo manager posts recorded by HR (`insights.posts`): three Kungsbacka posts of 2025 with
their applicants and outcomes, rated against "Chef i Kungsbacka kommun".

- Enhetschef hemtjänst (February–March): seven applicants, an internal hire who completed a
  programme (an alumnus) where the demo has one;
- Rektor (April–May): six applicants, an external hire;
- Avdelningschef (September–October): five applicants, an internal hire who is no alumnus.

The external applicants are fictional (Faker, sv_SE, a fixed seed). Everything goes through
the posts' services; `load()` is idempotent (a post already there is left as it is)."""

from __future__ import annotations

import datetime as dt
import random

from django.db import transaction
from faker import Faker

from plantskola.competencies.models import RequirementProfile
from plantskola.core.models import Organisation, OrganisationRole, OrgUnit, Person, User
from plantskola.insights.models import ManagerPost
from plantskola.insights.posts.selectors import profile_competencies
from plantskola.insights.posts.services import (
    manager_post_create,
    post_applicant_add,
    post_scorecard_save,
)
from plantskola.programmes.models import Participant

PROFILE = "Chef i Kungsbacka kommun"
# (title, opened, closed, externals, internals, who is hired: "alumnus", "external", "internal")
POSTS = [
    ("Enhetschef hemtjänst", dt.date(2025, 2, 3), dt.date(2025, 3, 31), 4, 3, "alumnus"),
    ("Rektor", dt.date(2025, 4, 1), dt.date(2025, 5, 30), 4, 2, "external"),
    ("Avdelningschef", dt.date(2025, 9, 1), dt.date(2025, 10, 31), 2, 3, "internal"),
]


@transaction.atomic
def load() -> None:
    organisation = Organisation.objects.filter(slug="kungsbacka").first()
    if organisation is None:
        return
    rng = random.Random(2025)
    fake = Faker("sv_SE")
    fake.seed_instance(2025)
    profile = RequirementProfile.objects.filter(organisation=organisation, name=PROFILE).first()
    units = list(
        OrgUnit.objects.filter(organisation=organisation, parent__isnull=False).order_by("path")
    )
    if not units:
        return
    alumni = list(
        Person.objects.filter(
            organisation=organisation,
            participations__status=Participant.Status.COMPLETED,
            participations__edition__end_date__lt=POSTS[0][1],
        )
        .distinct()
        .order_by("employee_number")
    )
    others = list(
        Person.objects.filter(organisation=organisation, is_manager=False, is_active=True)
        .exclude(pk__in=[p.pk for p in alumni])
        .order_by("employee_number")[:40]
    )
    hr = (
        User.objects.filter(
            organisation_roles__organisation=organisation,
            organisation_roles__role=OrganisationRole.Role.HR_ADMIN,
        )
        .order_by("pk")
        .first()
    )
    used: set[int] = set()
    for index, (title, opened, closed, externals, internals, hired) in enumerate(POSTS):
        if ManagerPost.objects.filter(
            organisation=organisation, title=title, opened_on=opened
        ).exists():
            continue
        post = manager_post_create(
            organisation=organisation,
            unit=units[(index * 7) % len(units)],
            title=title,
            opened_on=opened,
            closed_on=closed,
            requirement_profile=profile,
            created_by=hr,
        )
        pool = [p for p in (alumni if hired == "alumnus" else []) + others if p.pk not in used]
        people = pool[:internals]
        used.update(p.pk for p in people)
        applicants = []
        for number, person in enumerate(people):
            outcome = "hired" if number == 0 and hired in ("alumnus", "internal") else "not_hired"
            applicants.append(
                post_applicant_add(
                    post=post,
                    person=person,
                    applied_on=opened + dt.timedelta(days=3 + number * 4),
                    outcome=outcome,
                )
            )
        for number in range(externals):
            woman = rng.random() < 0.6
            outcome = "hired" if number == 0 and hired == "external" else "not_hired"
            if number == externals - 1 and outcome != "hired":
                outcome = "withdrawn"
            applicants.append(
                post_applicant_add(
                    post=post,
                    name=fake.name_female() if woman else fake.name_male(),
                    gender="woman" if woman else "man",
                    birth_year=rng.randint(1965, 1995),
                    applied_on=opened + dt.timedelta(days=5 + number * 3),
                    outcome=outcome,
                )
            )
        competencies = profile_competencies(post)
        if hr is None or not competencies:
            continue
        # HR's interview scorecards for the two applicants who came furthest.
        for applicant in [a for a in applicants if a.outcome == "hired"] + applicants[1:2]:
            post_scorecard_save(
                applicant=applicant,
                interviewer=hr,
                ratings={
                    c.pk: (
                        rng.randint(3, 5) if applicant.outcome == "hired" else rng.randint(2, 4),
                        "",
                    )
                    for c in competencies
                },
            )
