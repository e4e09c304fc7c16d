"""Authorization rows for "Nya chefer" (programmes/introduction): the organisation's HR
administrators and coordinators; anyone else, the host's page does not exist (404)."""

from __future__ import annotations

from typing import Any

from tests.authz import Row, roles
from tests.conftest import World


def host(w: World) -> list[Any]:
    return [w.host.slug]


STAFF = roles(404, admin=200, hr=200, coordinator=200)
# A POST with nothing in it: the rule page shows the errors (400), a proposal goes back to
# the list with a message (302); nothing changes.
RULE_POST = roles(404, admin=400, hr=400, coordinator=400)
BACK = roles(404, admin=302, hr=302, coordinator=302)

ROWS: list[Row] = [
    Row("programmes:new_managers", host, STAFF),
    Row("programmes:new_managers_rule", host, STAFF),
    Row("programmes:new_managers_rule", host, RULE_POST, method="post"),
    Row("programmes:new_manager_propose_one", host, BACK, method="post"),
    Row("programmes:new_managers_propose", host, STAFF),
    Row("programmes:new_managers_propose", host, BACK, method="post"),
]
