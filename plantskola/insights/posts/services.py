"""Writes of manager posts: the post, its applicants and their outcome, and the interview
scorecards. Each is one transaction; the privacy app's signals write changes of these declared
records to the audit log (ids and field names only)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from plantskola.competencies.models import RequirementProfile
from plantskola.core.models import Organisation, OrgUnit, Person, User
from plantskola.insights.models import (
    ManagerPost,
    PostApplicant,
    PostScorecard,
    PostScorecardRating,
)
from plantskola.insights.posts.models import age_band
from plantskola.insights.posts.selectors import profile_competencies

POST_FIELDS = (
    "unit",
    "title",
    "opened_on",
    "closed_on",
    "advertised_internally",
    "advertised_externally",
    "requirement_profile",
)


def _check_post(post: ManagerPost) -> None:
    if not (post.advertised_internally or post.advertised_externally):
        raise ValidationError(
            _("A post is advertised internally, externally or both."), code="not_advertised"
        )
    post.full_clean(exclude=["organisation", "created_by"])


@transaction.atomic
def manager_post_create(
    *,
    organisation: Organisation,
    unit: OrgUnit,
    title: str,
    opened_on: dt.date,
    closed_on: dt.date | None = None,
    advertised_internally: bool = True,
    advertised_externally: bool = True,
    requirement_profile: RequirementProfile | None = None,
    created_by: User | None,
) -> ManagerPost:
    post = ManagerPost(
        organisation=organisation,
        unit=unit,
        title=title.strip(),
        opened_on=opened_on,
        closed_on=closed_on,
        advertised_internally=advertised_internally,
        advertised_externally=advertised_externally,
        requirement_profile=requirement_profile,
        created_by=created_by,
    )
    _check_post(post)
    post.save()
    return post


@transaction.atomic
def manager_post_update(*, post: ManagerPost, **changes: Any) -> ManagerPost:
    """Change the post's fields (`POST_FIELDS`); applicants dated after a new closing date
    are refused."""
    unknown = set(changes) - set(POST_FIELDS)
    if unknown:
        raise ValueError(f"Not a field of a manager post: {sorted(unknown)}")
    for name, value in changes.items():
        setattr(post, name, value.strip() if isinstance(value, str) else value)
    _check_post(post)
    if post.closed_on and post.applicants.filter(applied_on__gt=post.closed_on).exists():
        raise ValidationError(
            {"closed_on": _("Some applications are dated after this closing date.")},
            code="applications_after_closing",
        )
    post.save()
    return post


@transaction.atomic
def manager_post_delete(*, post: ManagerPost) -> None:
    post.delete()


def _check_applicant(applicant: PostApplicant) -> None:
    post = applicant.post
    if applicant.applied_on < post.opened_on or (
        post.closed_on is not None and applicant.applied_on > post.closed_on
    ):
        raise ValidationError(
            {"applied_on": _("The application date is outside the time the post was open.")},
            code="outside_post",
        )
    if (
        applicant.outcome == PostApplicant.Outcome.HIRED
        and post.applicants.filter(outcome=PostApplicant.Outcome.HIRED)
        .exclude(pk=applicant.pk)
        .exists()
    ):
        raise ValidationError(
            {"outcome": _("Someone else is already recorded as hired to this post.")},
            code="two_hired",
        )
    applicant.full_clean(exclude=["post", "person"])


@transaction.atomic
def post_applicant_add(
    *,
    post: ManagerPost,
    applied_on: dt.date,
    person: Person | None = None,
    name: str = "",
    gender: str = "",
    birth_year: int | None = None,
    outcome: str = "",
) -> PostApplicant:
    """An internal applicant (a person of the roster: gender and age band are taken from the
    roster) or an external one (name, self-reported gender and birth year)."""
    ManagerPost.objects.select_for_update().filter(pk=post.pk).first()
    if person is not None:
        if person.organisation_id != post.organisation_id:
            raise ValidationError(_("The person belongs to another organisation."))
        if post.applicants.filter(person=person).exists():
            raise ValidationError(
                _("%(name)s has already applied for this post.") % {"name": person.full_name},
                code="duplicate",
            )
        applicant = PostApplicant(
            post=post,
            person=person,
            internal=True,
            gender=person.gender,
            age_band=age_band(person.birth_year, applied_on.year),
            applied_on=applied_on,
            outcome=outcome,
        )
    else:
        if not name.strip():
            raise ValidationError(
                {"name": _("Give the external applicant's name.")}, code="no_name"
            )
        if birth_year is not None and not 1900 <= birth_year <= applied_on.year - 15:
            raise ValidationError(
                {"birth_year": _("The birth year is not plausible; check it.")},
                code="bad_birth_year",
            )
        applicant = PostApplicant(
            post=post,
            internal=False,
            name=name.strip(),
            gender=gender,
            birth_year=birth_year,
            age_band=age_band(birth_year, applied_on.year),
            applied_on=applied_on,
            outcome=outcome,
        )
    _check_applicant(applicant)
    applicant.save()
    return applicant


@transaction.atomic
def post_applicant_update(
    *,
    applicant: PostApplicant,
    applied_on: dt.date,
    outcome: str,
    name: str | None = None,
    gender: str | None = None,
    birth_year: int | None = None,
) -> PostApplicant:
    """Change the date and the outcome; for an external applicant not yet weeded also the
    name, gender and birth year (an internal applicant's are the roster's)."""
    ManagerPost.objects.select_for_update().filter(pk=applicant.post_id).first()
    applicant.applied_on, applicant.outcome = applied_on, outcome
    if not applicant.internal and applicant.weeded_at is None:
        if name is not None:
            if not name.strip():
                raise ValidationError(
                    {"name": _("Give the external applicant's name.")}, code="no_name"
                )
            applicant.name = name.strip()
        if gender is not None:
            applicant.gender = gender
        applicant.birth_year = birth_year
        applicant.age_band = age_band(birth_year, applied_on.year)
    elif applicant.person is not None:
        applicant.age_band = age_band(applicant.person.birth_year, applied_on.year)
    _check_applicant(applicant)
    applicant.save()
    return applicant


@transaction.atomic
def post_applicant_remove(*, applicant: PostApplicant) -> None:
    applicant.delete()


@transaction.atomic
def post_scorecard_save(
    *, applicant: PostApplicant, interviewer: User, ratings: dict[int, tuple[int, str]]
) -> PostScorecard:
    """The interviewer's ratings (competency id → rating 1–5 and evidence) of the applicant,
    against the competencies of the post's requirement profile; saved again, it replaces."""
    competencies = {c.pk for c in profile_competencies(applicant.post)}
    if not competencies:
        raise ValidationError(
            _("The post has no requirement profile to rate against."), code="no_profile"
        )
    if set(ratings) != competencies:
        raise ValidationError(_("Rate every competency of the requirement profile."))
    if any(not 1 <= rating <= 5 for rating, _evidence in ratings.values()):
        raise ValidationError(_("A rating is from 1 to 5."))
    scorecard, _created = PostScorecard.objects.get_or_create(
        applicant=applicant, interviewer=interviewer
    )
    scorecard.ratings.all().delete()
    PostScorecardRating.objects.bulk_create(
        PostScorecardRating(scorecard=scorecard, competency_id=pk, rating=rating, evidence=text)
        for pk, (rating, text) in ratings.items()
    )
    scorecard.save()  # the time it was submitted
    return scorecard
