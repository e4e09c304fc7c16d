"""The admissions' section of core's start page: the user's own applications, each with where
it stands (registered from `AdmissionsConfig.ready`)."""

from __future__ import annotations

from plantskola.access.base import UserLike
from plantskola.access.principal import principal
from plantskola.admissions.applicant.selectors import application_status_text
from plantskola.admissions.models import Application
from plantskola.admissions.nominations.pages import home_sections as nomination_sections
from plantskola.core.pages import register_sections


def _home_sections(*, user: UserLike) -> dict[str, object]:
    person_id = principal(user).person_id
    if person_id is None:
        return {"my_applications": []}
    applications = list(
        Application.objects.filter(applicant_id=person_id)
        .exclude(status=Application.Status.WITHDRAWN)
        .select_related("call")
        .order_by("-created_at")[:5]
    )
    for application in applications:
        application.status_text = application_status_text(application)  # type: ignore[attr-defined]  # for the page only
    return {"my_applications": applications}


def register_page_sections() -> None:
    register_sections("home", "admissions", _home_sections)
    register_sections("home", "nominations", nomination_sections)
