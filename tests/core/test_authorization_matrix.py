"""Every URL pattern × every role: the expected status is declared here and checked.

A URL pattern without a row fails `test_every_url_pattern_has_a_row`. Later issues add rows.
Statuses: 200 page, 302 redirect (to login for anonymous), 403 visible but not allowed,
404 not visible (the same as missing), 405 wrong method.
"""

from __future__ import annotations

import importlib
from pathlib import Path

import pytest
from django.contrib import admin
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from plantskola.core.admin_scoping import OrganisationScopedAdmin
from plantskola.core.models import OutgoingEmail
from tests.authz import CHANGE_EDITION, VIEW_EDITION, Row, no_args, roles
from tests.conftest import ROLES, World

ROWS: list[Row] = [
    Row("core:home", no_args, roles(200)),
    Row("core:login", no_args, roles(200, anonymous=200)),
    Row("core:logout", no_args, roles(302, anonymous=302), method="post"),
    Row("set_language", no_args, roles(302, anonymous=302), method="post", data={"language": "en"}),
    Row(
        "core:person_list",
        no_args,
        roles(200, leader=403, steering=403, participant=403),
    ),
    Row(
        "core:person_detail",
        lambda w: [w.employee.pk],
        roles(404, admin=200, hr=200, coordinator=200, manager=200),
    ),
    Row("core:unit_list", no_args, roles(200, leader=403, steering=403, participant=403)),
    Row(
        "core:unit_detail",
        lambda w: [w.unit_id],
        roles(404, admin=200, hr=200, coordinator=200, manager=200),
    ),
    Row(
        "core:roster_upload",
        no_args,
        roles(403, admin=200, hr=200, partner=200, outsider=200),
    ),
    Row(
        "core:roster_preview",
        lambda w: [w.roster_import.pk],
        roles(403, admin=200, hr=200, partner=404, outsider=404),
    ),
    Row("programmes:programme_list", no_args, roles(200)),
    Row(
        "programmes:programme_create",
        no_args,
        roles(403, admin=200, hr=200, coordinator=200, partner=200, outsider=200),
    ),
    Row("programmes:programme_detail", lambda w: [w.programme.pk], VIEW_EDITION),
    Row("programmes:programme_update", lambda w: [w.programme.pk], CHANGE_EDITION),
    Row("programmes:edition_create", lambda w: [w.programme.pk], CHANGE_EDITION),
    Row("programmes:edition_detail", lambda w: [w.edition.pk], VIEW_EDITION),
    Row("programmes:edition_update", lambda w: [w.edition.pk], CHANGE_EDITION),
    Row("programmes:module_create", lambda w: [w.edition.pk], CHANGE_EDITION),
    Row("programmes:module_update", lambda w: [w.module.pk], CHANGE_EDITION),
    Row("programmes:group_create", lambda w: [w.edition.pk], CHANGE_EDITION),
    Row("programmes:group_update", lambda w: [w.group.pk], CHANGE_EDITION),
    Row("programmes:session_create", lambda w: [w.edition.pk], CHANGE_EDITION),
    Row("programmes:session_detail", lambda w: [w.session.pk], VIEW_EDITION),
    Row("programmes:session_update", lambda w: [w.session.pk], CHANGE_EDITION),
    Row(
        "programmes:session_attendance",
        lambda w: [w.session.pk],
        roles(403, admin=200, hr=200, coordinator=200, leader=200, manager=404, outsider=404),
    ),
    Row("programmes:my_sessions", no_args, roles(200)),
    Row(
        "programmes:participant_list",
        lambda w: [w.edition.pk],
        roles(200, participant=403, manager=404, outsider=404),
    ),
    Row(
        "programmes:participant_add",
        lambda w: [w.edition.pk],
        {**CHANGE_EDITION, "admin": 302, "hr": 302, "coordinator": 302},
        method="post",
    ),
    Row("programmes:participant_update", lambda w: [w.participant.pk], CHANGE_EDITION),
    # E-mail: staff of an organisation see its outbox; HR edits its templates.
    Row(
        "core:outbox",
        no_args,
        roles(403, admin=200, hr=200, coordinator=200, partner=200, outsider=200),
    ),
    Row(
        "core:outbox_detail",
        lambda w: [host_email(w).pk],
        roles(404, admin=200, hr=200, coordinator=200),
    ),
    Row(
        "core:outbox_retry",
        lambda w: [host_email(w).pk],
        roles(404, admin=302, hr=302, coordinator=302),
        method="post",
    ),
    Row(
        "core:email_template_list",
        lambda w: [w.host.slug],
        roles(404, admin=200, hr=200, coordinator=403),
    ),
    Row(
        "core:email_template_edit",
        lambda w: [w.host.slug, "test"],
        roles(404, admin=200, hr=200, coordinator=403),
    ),
]


def host_email(w: World) -> OutgoingEmail:
    return OutgoingEmail.objects.get_or_create(
        organisation=w.host,
        template_key="test",
        defaults={"to": "a@host.example", "subject": "Test", "body": "Hej", "status": "failed"},
    )[0]


def _app_rows() -> list[Row]:
    """Rows that apps' tests declare in tests/<app>/authz_rows*.py (a list named ROWS)."""
    rows: list[Row] = []
    for path in sorted(Path(__file__).resolve().parents[1].glob("*/authz_rows*.py")):
        module = importlib.import_module(f"tests.{path.parent.name}.{path.stem}")
        rows.extend(module.ROWS)
    return rows


ROWS += _app_rows()

# The admin site: staff with an HR role in some organisation get in; everyone else is sent
# to the admin login. Each registered model's list must have a row.
ADMIN_STAFF = roles(302, admin=200, hr=200, partner=200, outsider=200)
ADMIN_ROWS: list[Row] = [Row("admin:index", no_args, ADMIN_STAFF)] + [
    Row(
        f"admin:{model._meta.app_label}_{model._meta.model_name}_changelist",
        no_args,
        # Lists scoped to an organisation are for its HR administrators; everything else
        # (users, background-task results) is for superusers only: HR staff get 403.
        ADMIN_STAFF
        if isinstance(model_admin, OrganisationScopedAdmin)
        else roles(302, admin=200, hr=403, partner=403, outsider=403),
    )
    for model, model_admin in admin.site._registry.items()
    if model._meta.app_label not in {"auth", "axes"}
]


def all_rows() -> list[Row]:
    return ROWS + ADMIN_ROWS


def _url_names(resolver: URLResolver | None = None, prefix: str = "") -> set[str]:
    names: set[str] = set()
    for entry in (resolver or get_resolver()).url_patterns:
        if isinstance(entry, URLResolver):
            namespace = f"{prefix}{entry.namespace}:" if entry.namespace else prefix
            if entry.namespace == "admin":
                continue  # covered model by model through ADMIN_ROWS
            names |= _url_names(entry, namespace)
        elif isinstance(entry, URLPattern) and entry.name:
            names.add(prefix + entry.name)
    return names


def test_every_url_pattern_has_a_row() -> None:
    declared = {row.name for row in ROWS}
    missing = _url_names() - declared
    assert not missing, f"URL patterns without a row in the authorization matrix: {missing}"


def test_every_registered_admin_model_has_a_row() -> None:
    declared = {row.name for row in ADMIN_ROWS}
    for model in admin.site._registry:
        if model._meta.app_label in {"auth", "axes"}:
            continue
        name = f"admin:{model._meta.app_label}_{model._meta.model_name}_changelist"
        assert name in declared


@pytest.mark.parametrize("row", all_rows(), ids=lambda r: r.name)
def test_url_answers_each_role_as_declared(row: Row, world: World) -> None:
    url = reverse(row.name, args=row.args(world))
    got = {}
    for role in ROLES:
        client = world.client_for(role)
        response = getattr(client, row.method)(url, data=row.data or {})
        got[role] = response.status_code
        if (
            role == "anonymous"
            and response.status_code == 302
            and row.name
            not in {
                "core:logout",
                "set_language",
            }
        ):
            assert response["Location"].startswith(
                (reverse("core:login"), reverse("admin:login"))
            ), f"{row.name}: anonymous not sent to login"
    assert got == row.expected
