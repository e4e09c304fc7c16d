"""Surveys and their results.

A survey's results: whoever runs the organisation's programmes (HR, coordinators) and the
coordinators of its edition; the steering group of its programme or edition (read-only: the
same report, with its suppression and publication rules, but no answers by name and no
sending); a course leader those of the sessions they lead (and of the modules in which they
lead a session). Respondents see only the form; nobody sees anybody's
answers (they are anonymous in the database).
"""

from __future__ import annotations

from django.db.models import Q, QuerySet

from plantskola.access.base import Action, UserLike, deny_unless, get_visible_or_404
from plantskola.access.principal import in_scope, principal, scope_q
from plantskola.access.programmes import can_manage_edition, edition_get_for_user
from plantskola.core.models import Organisation
from plantskola.evaluations.models import Survey, SurveyTemplate
from plantskola.programmes.models import Edition


def surveys_for_user(user: UserLike) -> QuerySet[Survey]:
    """Surveys the user may see: results they may read, or a form they may be asked to fill."""
    p = principal(user)
    if not p.is_authenticated:
        return Survey.objects.none()
    if p.is_superuser:
        return Survey.objects.all()
    q = Q(organisation_id__in=p.managing_org_ids)
    q |= scope_q(p.coordinator_scopes | p.steering_scopes, prefix="edition__")
    if p.person_id is not None:
        q |= Q(session__leaders=p.person_id) | Q(module__sessions__leaders=p.person_id)
        q |= Q(edition__participants__person_id=p.person_id)
        q |= Q(event__registrations__person_id=p.person_id)
    return Survey.objects.filter(pk__in=Survey.objects.filter(q).values("pk"))


def survey_can_manage(user: UserLike, survey: Survey) -> bool:
    """Send invitations, export: HR and coordinators of the organisation or the edition."""
    p = principal(user)
    if p.is_superuser or survey.organisation_id in p.managing_org_ids:
        return True
    return survey.edition is not None and in_scope(
        p.coordinator_scopes, survey.edition.programme_id, survey.edition.pk
    )


def survey_can_view_results(user: UserLike, survey: Survey) -> bool:
    if survey_can_manage(user, survey):
        return True
    p = principal(user)
    if survey.edition is not None and in_scope(
        p.steering_scopes, survey.edition.programme_id, survey.edition.pk
    ):
        return True
    if p.person_id is None:
        return False
    if survey.session is not None:
        return survey.session.leaders.filter(pk=p.person_id).exists()
    if survey.module is not None:
        return survey.module.sessions.filter(leaders=p.person_id).exists()
    return False


def survey_get_for_user(user: UserLike, pk: int, *, action: Action = Action.VIEW) -> Survey:
    """Fetch-and-authorise a survey: 404 if the user cannot see it; 403 if `action` is
    VIEW_RESULTS or MANAGE and they may not read its results or manage it."""
    survey = get_visible_or_404(
        surveys_for_user(user).select_related(
            "organisation", "template", "edition__programme", "module", "session", "event"
        ),
        pk=pk,
    )
    if action == Action.VIEW_RESULTS:
        deny_unless(survey_can_view_results(user, survey))
    elif action == Action.MANAGE:
        deny_unless(survey_can_manage(user, survey))
    elif action != Action.VIEW:
        raise ValueError(f"No rule for {action} on a survey")
    return survey


def survey_templates_for_user(user: UserLike) -> QuerySet[SurveyTemplate]:
    p = principal(user)
    if p.is_superuser:
        return SurveyTemplate.objects.all()
    return SurveyTemplate.objects.filter(organisation_id__in=p.managing_org_ids)


def survey_template_get_for_user(user: UserLike, pk: int) -> SurveyTemplate:
    """A template the user manages (with its organisation): 404 otherwise."""
    return get_visible_or_404(survey_templates_for_user(user).select_related("organisation"), pk=pk)


def evaluation_organisations_for_user(user: UserLike) -> QuerySet[Organisation]:
    """Organisations whose survey templates and threshold the user manages (HR, coordinators)."""
    p = principal(user)
    if p.is_superuser:
        return Organisation.objects.all()
    return Organisation.objects.filter(pk__in=p.managing_org_ids)


def evaluation_organisation_get_for_user(user: UserLike, *, slug: str) -> Organisation:
    """An organisation whose templates and threshold the user manages: 404 otherwise."""
    return get_visible_or_404(evaluation_organisations_for_user(user), slug=slug)


def survey_can_create(user: UserLike) -> bool:
    """Create a survey: whoever manages some organisation's templates (HR, coordinators)."""
    return evaluation_organisations_for_user(user).exists()


def edition_evaluations_can_view(user: UserLike, edition: Edition) -> bool:
    """The edition's comparison across groups and its trend: whoever runs the edition, and its
    programme's or edition's steering group (read-only; the same suppressed numbers)."""
    p = principal(user)
    if not p.is_authenticated:
        return False
    return can_manage_edition(p, edition) or in_scope(
        p.steering_scopes, edition.programme_id, edition.pk
    )


def edition_evaluations_get_for_user(user: UserLike, pk: int) -> Edition:
    """The edition whose evaluations the user asks for: 404 if they cannot see the edition,
    403 if they may not read its evaluations."""
    edition = edition_get_for_user(user, pk)
    deny_unless(edition_evaluations_can_view(user, edition))
    return edition
