"""Authorization-matrix rows for the API app's URLs with the pages' session roles
(tests/core/test_authorization_matrix.py). The API itself takes no session: every role gets
401 there; tests/api/test_authorization.py has its rows per token kind."""

from __future__ import annotations

from tests.authz import Row, no_args, roles
from tests.conftest import World


def _host(w: World) -> list[str]:
    return [w.host.slug]


def _a_user(w: World) -> list[str]:
    return [str(w.employee.pk)]


# The token page of the host: its HR administrator (and superusers); its coordinator sees the
# organisation but may not manage tokens; to everyone else the page does not exist.
TOKENS = roles(404, admin=200, hr=200, coordinator=403)
API = roles(401, anonymous=401)
# The OpenAPI document and docs: staff of some organisation.
DOCS = roles(200, leader=403, steering=403, participant=403, manager=403)

ROWS: list[Row] = [
    Row("api:token_list", _host, TOKENS),
    # No token id sent: a 404 for those who may revoke.
    Row("api:token_revoke", _host, {**TOKENS, "admin": 404, "hr": 404}, method="post"),
    Row("api_v1:openapi-json", no_args, DOCS),
    Row("api_v1:openapi-view", no_args, DOCS),
    Row("api_v1:api-root", no_args, roles(404, anonymous=404)),
    Row("api_v1:organisation_list", no_args, API),
    Row("api_v1:unit_list", _host, API),
    Row("api_v1:person_list", _host, API),
    Row("api_v1:programme_list", no_args, API),
    Row("api_v1:edition_list", no_args, API),
    Row("api_v1:session_list", no_args, API),
    Row("api_v1:participant_list", no_args, API),
    Row("api_v1:diploma_list", no_args, API),
    Row("api_v1:roster_push", _host, API, method="put"),
    # SCIM (tests/api/test_scim_authorization.py has its rows per token kind).
    Row("scim_v2:api-root", no_args, roles(404, anonymous=404)),
    Row("scim_v2:user_list", no_args, API),
    Row("scim_v2:user_create", no_args, API, method="post"),
    Row("scim_v2:user_detail", _a_user, API),
    Row("scim_v2:user_replace", _a_user, API, method="put"),
    Row("scim_v2:user_patch", _a_user, API, method="patch"),
    Row("scim_v2:user_delete", _a_user, API, method="delete"),
    Row("scim_v2:service_provider_config", no_args, API),
    Row("scim_v2:resource_types", no_args, API),
    Row("scim_v2:schemas", no_args, API),
]
