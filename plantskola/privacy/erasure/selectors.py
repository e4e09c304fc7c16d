"""What erasing a person would do, declaration by declaration (`erasure_plan`); the erasure
itself is in `services.py`, whose docstring says what each strategy does."""

from __future__ import annotations

from dataclasses import dataclass, field

from django.utils.translation import gettext as _

from plantskola.core.declarations import DECLARATIONS, Declaration, Erasure
from plantskola.core.models import OutgoingEmail, Person, PersonChange

DELETED = "delete"
BLANKED = "blank"
KEPT = "keep"


@dataclass
class PlanLine:
    declaration: Declaration
    action: str  # DELETED, BLANKED or KEPT
    rows: int
    note: str = ""

    @property
    def category(self) -> str:
        return str(self.declaration.category)

    @property
    def record_type(self) -> str:
        return str(self.declaration.model._meta.verbose_name_plural)

    @property
    def action_label(self) -> str:
        return {
            DELETED: _("Deleted"),
            BLANKED: _("Emptied, the numbers kept"),
            KEPT: _("Kept, the person's identity removed"),
        }[self.action]


@dataclass
class Plan:
    person: Person
    lines: list[PlanLine]
    emails: int
    history: int
    warnings: list[str] = field(default_factory=list)
    blocked: bool = False  # no archive rule blocks today (see the module's docstring)

    @property
    def rows(self) -> int:
        return sum(line.rows for line in self.lines)


# Declarations handled by their own code rather than the generic strategy.
PERSON_DECLARATION = "core.person"
USER_DECLARATION = "core.user"
_APPLICATION = "admissions.application"


def _note(declaration: Declaration) -> str:
    if declaration.label == _APPLICATION and declaration.subject == "applicant_id":
        return _("Pseudonymised as in weeding: the applicant is called by a number")
    if declaration.label == PERSON_DECLARATION:
        return _("Names, e-mail, employee number and title replaced by a pseudonym")
    if declaration.label == USER_DECLARATION:
        return _("The login is deactivated and its names and e-mail removed")
    if declaration.erasure == Erasure.KEEP:
        return _("Kept by an archive rule; linked only to the pseudonym")
    return ""


def _action(declaration: Declaration) -> str:
    if declaration.label == USER_DECLARATION:
        return BLANKED  # the login is pseudonymised, not deleted: kept records point at it
    return {Erasure.DELETE: DELETED, Erasure.BLANK: BLANKED, Erasure.KEEP: KEPT}[
        declaration.erasure
    ]


def erasure_plan(person: Person) -> Plan:
    """What erasing the person would do, per declaration with rows about them."""
    lines = []
    for declaration in DECLARATIONS:
        count = declaration.rows_for(person).count()
        if count:
            lines.append(PlanLine(declaration, _action(declaration), count, _note(declaration)))
    emails = OutgoingEmail.objects.filter(to__icontains=person.email).count() if person.email else 0
    warnings = []
    if person.is_active:
        warnings.append(
            _(
                "The person is still employed according to the roster: the next roster import "
                "that includes them adds them again as a new person."
            )
        )
    return Plan(
        person=person,
        lines=lines,
        emails=emails,
        history=PersonChange.objects.filter(person=person).count(),
        warnings=warnings,
    )
