"""The manager-supply pipeline, career events and recruitment statistics.

HR administrators (and superusers) see everything of their organisation: the pipeline, career
events and recruitment statistics. Coordinators (of the organisation, or of a programme) see
the pipeline of the programmes they coordinate, nothing else. Nobody else sees any of it.
Manager posts, their applicants and scorecards are HR's: 403 for the organisation's
coordinators (who see its insights), 404 for everyone else.
"""

from __future__ import annotations

from django.db.models import Q, QuerySet

from plantskola.access.base import Action, UserLike, deny_unless, get_visible_or_404
from plantskola.access.principal import principal
from plantskola.core.models import Organisation
from plantskola.insights.models import CareerEvent, ManagerPost, PostApplicant
from plantskola.programmes.models import Programme


def insights_organisations_for_user(user: UserLike) -> QuerySet[Organisation]:
    """Organisations whose pipeline this user may see (some of its programmes, for a
    programme coordinator)."""
    p = principal(user)
    if not p.is_authenticated:
        return Organisation.objects.none()
    if p.is_superuser:
        return Organisation.objects.all()
    coordinated = Programme.objects.filter(
        pk__in=[programme for programme, _ in p.coordinator_scopes]
    ).values("organisation_id")
    return Organisation.objects.filter(Q(pk__in=p.managing_org_ids) | Q(pk__in=coordinated))


def insights_programmes_for_user(user: UserLike, organisation: Organisation) -> QuerySet[Programme]:
    """The organisation's programmes whose pipeline this user may see."""
    p = principal(user)
    programmes = Programme.objects.filter(organisation=organisation)
    if p.is_superuser or organisation.pk in p.managing_org_ids:
        return programmes
    return programmes.filter(pk__in=[programme for programme, _ in p.coordinator_scopes])


def insights_can_view_hr(user: UserLike, organisation: Organisation) -> bool:
    """Career events and recruitment statistics: the organisation's HR administrators."""
    p = principal(user)
    return p.is_superuser or organisation.pk in p.hr_org_ids


def insights_organisation_get_for_user(
    user: UserLike, pk: int, *, action: Action = Action.VIEW
) -> Organisation:
    """An organisation whose insights the user may see: 404 otherwise. With VIEW_PEOPLE (career
    events and recruitment statistics, which are about people), 403 unless HR there."""
    organisation = get_visible_or_404(insights_organisations_for_user(user), pk=pk)
    if action == Action.VIEW_PEOPLE:
        deny_unless(insights_can_view_hr(user, organisation))
    elif action != Action.VIEW:
        raise ValueError(f"No rule for {action} on an organisation's insights")
    return organisation


def career_event_get_for_user(user: UserLike, pk: int) -> CareerEvent:
    """A career event HR may remove (with its person and organisation): 404 unless its person's
    organisation is among the user's insights organisations, 403 unless HR there."""
    organisation_ids = insights_organisations_for_user(user).values("pk")
    event = get_visible_or_404(
        CareerEvent.objects.select_related("person__organisation").filter(
            person__organisation_id__in=organisation_ids
        ),
        pk=pk,
    )
    deny_unless(insights_can_view_hr(user, event.person.organisation))
    return event


def manager_posts_for_user(user: UserLike) -> QuerySet[ManagerPost]:
    """The manager posts (and so applicants) the user may see and record: HR's of the
    organisation."""
    p = principal(user)
    if not p.is_authenticated:
        return ManagerPost.objects.none()
    if p.is_superuser:
        return ManagerPost.objects.all()
    return ManagerPost.objects.filter(organisation_id__in=p.hr_org_ids)


def manager_post_get_for_user(user: UserLike, pk: int) -> ManagerPost:
    """A manager post HR may see and change: 404 unless its organisation is among the user's
    insights organisations, 403 unless HR there."""
    post = get_visible_or_404(
        ManagerPost.objects.select_related("organisation", "unit", "requirement_profile").filter(
            organisation_id__in=insights_organisations_for_user(user).values("pk")
        ),
        pk=pk,
    )
    deny_unless(insights_can_view_hr(user, post.organisation))
    return post


def post_applicant_get_for_user(user: UserLike, pk: int) -> PostApplicant:
    """An applicant for a manager post, by the rule of its post."""
    applicant = get_visible_or_404(
        PostApplicant.objects.select_related(
            "post__organisation", "post__unit", "post__requirement_profile", "person"
        ).filter(post__organisation_id__in=insights_organisations_for_user(user).values("pk")),
        pk=pk,
    )
    deny_unless(insights_can_view_hr(user, applicant.post.organisation))
    return applicant
