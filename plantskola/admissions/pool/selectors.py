"""Reads of a call's interviewer pool and of the conflicts of interest that keep a person out
of interviewing (issue 21): an applicant of the call never interviews in it, an applicant's
closest manager never interviews them, and only the pool's members interview at all."""

from __future__ import annotations

from django.db.models import QuerySet
from django.utils.translation import gettext as _

from plantskola.admissions.models import Application, Call, PoolMember
from plantskola.core.models import OrganisationRole, Person


def call_pool(call: Call) -> QuerySet[PoolMember]:
    return PoolMember.objects.filter(call=call).select_related("person__unit")


def applicant_ids(call: Call) -> QuerySet[Application, int | None]:
    """The people who applied to the call, in any state (a draft counts)."""
    return Application.objects.filter(call=call).values_list("applicant_id", flat=True)


def pool_candidates(call: Call) -> QuerySet[Person]:
    """Who the coordinator can add to the pool: active people of the host organisation with a
    login (they fill in a scorecard), not yet in the pool, who did not apply to the call."""
    return (
        Person.objects.filter(
            organisation_id=call.edition.programme.organisation_id,
            user__isnull=False,
            is_active=True,
        )
        .exclude(pk__in=applicant_ids(call).exclude(applicant_id=None))
        .exclude(interviewer_pools__call=call)
        .order_by("last_name", "first_name")
    )


def is_hr_staff(*, person: Person, call: Call) -> bool:
    """HR staff of the host: their login holds an organisation role there (HR administrator
    or programme coordinator)."""
    if person.user_id is None:
        return False
    return OrganisationRole.objects.filter(
        user_id=person.user_id, organisation_id=call.edition.programme.organisation_id
    ).exists()


def _managers_of(application: Application) -> set[int]:
    ids = {application.manager_id}
    if application.applicant is not None:
        ids.add(application.applicant.manager_id)
    return {i for i in ids if i is not None}


def interviewers_for(*, call: Call, application: Application | None = None) -> QuerySet[Person]:
    """The pool's members who may interview (the applicant of `application`, if given): never an
    applicant of the call, nor the applicant's closest manager."""
    people = Person.objects.filter(interviewer_pools__call=call, is_active=True).exclude(
        pk__in=applicant_ids(call).exclude(applicant_id=None)
    )
    if application is not None:
        people = people.exclude(pk__in=_managers_of(application))
    return people.order_by("last_name", "first_name")


def interviewer_conflicts(
    *, call: Call, people: list[Person], application: Application | None = None
) -> list[str]:
    """Why each of `people` cannot interview in the call (for `application`, if given), in the
    coordinator's words; empty when all of them can."""
    applied = set(applicant_ids(call).filter(applicant_id__in=[p.pk for p in people]))
    pooled = set(
        PoolMember.objects.filter(call=call, person__in=people).values_list("person_id", flat=True)
    )
    managers = _managers_of(application) if application is not None else set()
    problems = []
    for person in people:
        name = {"name": person.full_name}
        if application is not None and person.pk == application.applicant_id:
            problems.append(_("The applicant cannot interview themself."))
        elif person.pk in applied:
            problems.append(
                _("%(name)s has applied to this call and cannot interview in it.") % name
            )
        elif person.pk in managers:
            problems.append(
                _("%(name)s is the applicant's closest manager and cannot interview them.") % name
            )
        elif person.pk not in pooled:
            problems.append(
                _("%(name)s is not in the call's interviewer pool; add them to the pool first.")
                % name
            )
    return problems


def conflicting_roles(*, call: Call, person: Person) -> list[str]:
    """Why the person cannot apply to the call: they are in its interviewer pool or interview
    in it (an interviewer never competes with those they assess)."""
    reasons = []
    if PoolMember.objects.filter(call=call, person=person).exists():
        reasons.append(
            _(
                "You are in this call's interviewer pool and cannot apply to it. Ask the "
                "coordinator to take you out of the pool first."
            )
        )
    elif (
        call.interview_slots.filter(interviewers=person).exists()
        or Application.objects.filter(call=call, interview__interviewers=person).exists()
    ):
        reasons.append(_("You interview applicants of this call and cannot apply to it."))
    return reasons
