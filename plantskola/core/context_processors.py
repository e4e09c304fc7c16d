from __future__ import annotations

from typing import Any

from django.http import HttpRequest

from plantskola.access.admissions import interviews_for_user
from plantskola.access.core import people_can_view, roster_can_import
from plantskola.access.diplomas import diplomas_for_user
from plantskola.access.principal import principal
from plantskola.access.programmes import network_participants_for_user


def navigation(request: HttpRequest) -> dict[str, Any]:
    """Which main menu entries this user gets; the views check again on every request."""
    user = request.user
    p = principal(user)
    if not p.is_authenticated:
        return {"nav": {}}
    return {
        "nav": {
            "people": people_can_view(user),
            "units": bool(p.staff_org_ids) or p.is_manager or p.is_superuser,
            "import": roster_can_import(user),
            "programmes": True,
            "platform": p.person_id is not None or bool(p.staff_org_ids) or p.is_superuser,
            "my_sessions": p.person_id is not None,
            "network": network_participants_for_user(user).exists(),
            "my_shadowing": p.person_id is not None,
            "events": p.person_id is not None or bool(p.managing_org_ids) or p.is_superuser,
            "evaluations": p.person_id is not None or bool(p.managing_org_ids) or p.is_superuser,
            "insights": p.is_superuser or bool(p.managing_org_ids) or bool(p.coordinator_scopes),
            "admin": user.is_staff,
            "outbox": bool(p.staff_org_ids) or p.is_superuser,
            "interviews": p.person_id is not None and interviews_for_user(user).exists(),
            # No queries here: every page renders the menu (pinned query counts). The pages
            # themselves say when there is nothing to show.
            "my_development": p.person_id is not None,
            "my_applications": p.person_id is not None,
            "shared_plans": p.is_manager or bool(p.leader_scopes),
            "diplomas": p.person_id is not None
            and diplomas_for_user(user).filter(participant__person_id=p.person_id).exists(),
        }
    }
