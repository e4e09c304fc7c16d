"""Authorization rows for login: the two-factor pages and single sign-on.

The role clients have logged in and given their second factor (or need none), so the
two-factor pages send them on (302); anonymous visitors are sent to the login page. Single
sign-on starts only for an organisation that has it configured (the world's have not: 404)
and its callback answers only a login this session started (404 otherwise); the full flow is
tested against a real provider in tests/core/test_sso.py.
"""

from __future__ import annotations

from tests.authz import Row, no_args, roles

ROWS: list[Row] = [
    Row("core:otp_setup", no_args, roles(302)),
    Row("core:otp_verify", no_args, roles(302)),
    Row("core:sso_login", lambda w: [w.host.slug], roles(404, anonymous=404)),
    Row("core:sso_callback", no_args, roles(404, anonymous=404)),
]
