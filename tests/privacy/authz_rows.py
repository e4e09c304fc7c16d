"""Authorization-matrix rows for privacy: the weeding page per organisation and register
extracts, rectification and erasure."""

from __future__ import annotations

from tests.authz import Row, no_args, roles

RULES = {
    "admissions.application": 24,
    "admissions.application_admitted": 24,
    "admissions.nomination_unused": 6,
    "events.dietary_needs": 0,
    "evaluations.free_text": 24,
    "core.audit_log": 24,
    "insights.external_post_applicants": 24,
}

# HR administrators of the person's organisation make register extracts; others who see the
# person get 403.
EXTRACT = roles(404, admin=200, hr=200, coordinator=403, manager=403)

ROWS: list[Row] = [
    Row(
        "privacy:records_of_processing",
        no_args,
        roles(404, admin=200, hr=200, partner=200, outsider=200),
    ),
    Row("privacy:register_extract", lambda w: [w.employee.pk], EXTRACT),
    Row(
        "privacy:register_extract",
        lambda w: [w.employee.pk],
        EXTRACT,
        method="post",
        data={"format": "pdf"},
    ),
    # Erasure and rectification: the same people as register extracts. The POSTs carry an
    # empty confirmation (400: nothing is erased) and unchanged details (302).
    Row("privacy:person_erase", lambda w: [w.employee.pk], EXTRACT),
    Row(
        "privacy:person_erase",
        lambda w: [w.employee.pk],
        roles(404, admin=400, hr=400, coordinator=403, manager=403),
        method="post",
        data={"confirmation": "", "reason": ""},
    ),
    Row("privacy:person_rectify", lambda w: [w.employee.pk], EXTRACT),
    Row(
        "privacy:person_rectify",
        lambda w: [w.employee.pk],
        roles(404, admin=302, hr=302, coordinator=403, manager=403),
        method="post",
        data={
            "first_name": "Erik",
            "last_name": "Anställd",
            "email": "erik.anstalld@host.example",
            "title": "Undersköterska",
        },
    ),
    # Staff with one organisation are sent to its page; the others get a (possibly empty) list.
    Row(
        "privacy:weeding_home",
        no_args,
        roles(200, hr=302, coordinator=302, partner=302, outsider=302),
    ),
    # HR administrators and coordinators of the organisation see the page ...
    Row(
        "privacy:weeding",
        lambda w: [w.host.pk],
        roles(404, admin=200, hr=200, coordinator=200),
    ),
    # ... and only HR administrators change the retention rules.
    Row(
        "privacy:weeding",
        lambda w: [w.host.pk],
        roles(404, admin=302, hr=302, coordinator=403),
        method="post",
        data=RULES,
    ),
]
