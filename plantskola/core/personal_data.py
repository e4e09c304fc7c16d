"""What the core app holds about people (see plantskola/core/declarations.py)."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from plantskola.core.declarations import Erasure, Ground, declare, not_personal
from plantskola.core.models import (
    AuditEntry,
    GeneratedDocument,
    ManagerAppointment,
    OrganisationRole,
    OutgoingEmail,
    Person,
    PersonChange,
    RosterImport,
    SSOIdentity,
    User,
)

ROSTER = _("The HR roster: employment data imported from the personnel system")
WHILE_EMPLOYED = _("While employed and for two years after leaving, then pseudonymised")

declare(
    Person,
    subject="pk",
    fields=(
        "employee_number",
        "first_name",
        "last_name",
        "email",
        "title",
        "is_manager",
        "gender",
        "birth_year",
        "is_active",
    ),
    category=_("Identity, employment and contact details"),
    purpose=ROSTER,
    ground=Ground.CONTRACT,
    retention=WHILE_EMPLOYED,
    recipients=_("Coordinators and course leaders of the programmes the person takes part in"),
    erasure=Erasure.BLANK,
)
declare(
    PersonChange,
    subject="person_id",
    fields=("field", "old_value", "new_value", "effective_date", "source"),
    category=_("History of employment changes"),
    purpose=_("Following up who became a manager after a programme"),
    ground=Ground.PUBLIC_TASK,
    retention=WHILE_EMPLOYED,
)
declare(
    ManagerAppointment,
    subject="person_id",
    fields=("unit", "kind", "started_on", "ended_on", "source"),
    category=_("Manager appointments"),
    purpose=_("Introducing new managers and following up who became a manager after a programme"),
    ground=Ground.PUBLIC_TASK,
    retention=WHILE_EMPLOYED,
)
declare(
    User,
    subject="person__pk",
    fields=("username", "first_name", "last_name", "email", "last_login", "date_joined"),
    category=_("Login account"),
    purpose=_("Logging in to Plantskola"),
    ground=Ground.CONTRACT,
    retention=_("While the person has a role or takes part; removed on erasure"),
    erasure=Erasure.DELETE,
)
declare(
    OrganisationRole,
    subject="user__person__pk",
    fields=("role",),
    category=_("Roles in the organisation"),
    purpose=_("Deciding who may see and do what"),
    ground=Ground.CONTRACT,
    retention=_("While the role is held"),
)
declare(
    RosterImport,
    subject="uploaded_by__person__pk",
    fields=("filename", "effective_date", "status", "created_at"),
    category=_("Roster imports made"),
    purpose=ROSTER,
    ground=Ground.CONTRACT,
    retention=_("The uploaded file is kept until the import is applied or discarded"),
    erasure=Erasure.KEEP,
)
declare(
    GeneratedDocument,
    subject="requested_by__person__pk",
    fields=("title", "filename", "created_at"),
    category=_("Documents requested"),
    purpose=_("Printing lists, badges and diplomas"),
    ground=Ground.PUBLIC_TASK,
    retention=_("One day"),
)
declare(
    SSOIdentity,
    subject="user__person__pk",
    fields=("issuer", "subject", "linked_at", "last_login_at"),
    category=_("Single sign-on identity"),
    purpose=_("Logging in to Plantskola"),
    ground=Ground.CONTRACT,
    retention=_("While the person has a role or takes part; removed on erasure"),
)
not_personal(AuditEntry, "ids and field names only; read by HR through the audit log page")
not_personal(OutgoingEmail, "found by address in the register extract (privacy/extract.py)")
