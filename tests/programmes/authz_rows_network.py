"""Authorization rows for the network directory (programmes/network)."""

from __future__ import annotations

from tests.authz import Row, no_args, roles

ROWS: list[Row] = [
    # Everyone logged in gets the directory; what it lists is scoped (see test_network.py).
    Row("programmes:network_directory", no_args, roles(200)),
    # Only participants and alumni have an entry of their own to edit.
    Row("programmes:network_profile", no_args, roles(404, participant=200)),
    Row(
        "programmes:network_profile",
        no_args,
        roles(404, participant=302),
        method="post",
        data={"listed": "on", "share_email": "on", "phone": "", "presentation": ""},
    ),
]
