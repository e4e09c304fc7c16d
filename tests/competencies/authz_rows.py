"""Authorization-matrix rows for the leadership platform's URLs."""

from __future__ import annotations

from plantskola.competencies.models import Competency, RequirementProfile, Value
from tests.authz import Row, no_args, roles
from tests.conftest import World


def value(w: World) -> Value:
    return Value.objects.get_or_create(organisation=w.host, name="Säker")[0]


def competency(w: World) -> Competency:
    return Competency.objects.get_or_create(organisation=w.host, name="Helhetssyn")[0]


def profile(w: World) -> RequirementProfile:
    return RequirementProfile.objects.get_or_create(organisation=w.host, name="Chef")[0]


# Everyone employed by or holding a role in the host reads its platform; only HR edits.
# The leader, steering-group member and participant are host employees; the partner and
# outsider belong to other organisations; the admin has no person but is a superuser.
READ = roles(200, partner=404, outsider=404)
EDIT = roles(403, admin=200, hr=200, partner=404, outsider=404)

ROWS: list[Row] = [
    Row("competencies:platform_home", no_args, roles(302, anonymous=302, admin=200)),
    Row("competencies:platform_detail", lambda w: [w.host.slug], READ),
    Row("competencies:value_create", lambda w: [w.host.slug], EDIT),
    Row("competencies:value_update", lambda w: [w.host.slug, value(w).pk], EDIT),
    Row("competencies:competency_create", lambda w: [w.host.slug], EDIT),
    Row("competencies:competency_update", lambda w: [w.host.slug, competency(w).pk], EDIT),
    Row("competencies:profile_create", lambda w: [w.host.slug], EDIT),
    Row("competencies:profile_update", lambda w: [w.host.slug, profile(w).pk], EDIT),
    Row(
        "competencies:platform_item_delete",
        lambda w: [w.host.slug, "kompetens", competency(w).pk],
        EDIT,
    ),
]
