"""Personal data, declared: every model that holds data about a person says which fields,
whose data (the ORM path from the model to that person's id), for what purpose, on which legal
ground, for how long, who receives it and what erasure does with it. The register extract,
erasure and the record of processing (art. 30) are all read off these declarations, and
tests/privacy/test_declarations.py fails when a model with a person or user link is missing.

Each app declares its own models in `<app>/personal_data.py`, imported when the privacy app
is ready (`load_declarations`)."""

from __future__ import annotations

import importlib
import importlib.util
from collections.abc import Callable
from dataclasses import dataclass
from enum import StrEnum
from typing import Any

from django.apps import apps
from django.db import models
from django.db.models import Q
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _


class Ground(StrEnum):
    """Legal grounds of GDPR art. 6(1) that a municipality's processing rests on."""

    PUBLIC_TASK = "public_task"  # (e) a task in the public interest: developing managers
    CONTRACT = "contract"  # (b) the employment: taking part in what the employer runs
    LEGAL_OBLIGATION = "legal_obligation"  # (c) e.g. keeping public records, accounting
    CONSENT = "consent"  # (a) what the person chose to share, revocable

    @property
    def label(self) -> Promise:
        return GROUND_LABELS[self]


GROUND_LABELS = {
    Ground.PUBLIC_TASK: _("Task in the public interest (GDPR art. 6.1 e)"),
    Ground.CONTRACT: _("Employment contract (GDPR art. 6.1 b)"),
    Ground.LEGAL_OBLIGATION: _("Legal obligation (GDPR art. 6.1 c)"),
    Ground.CONSENT: _("Consent (GDPR art. 6.1 a)"),
}


class Erasure(StrEnum):
    DELETE = "delete"  # the row goes
    BLANK = "blank"  # the declared fields are emptied, the row stays (numbers for statistics)
    KEEP = "keep"  # an archive rule requires keeping it; erasure is refused while it exists


@dataclass(frozen=True)
class Declaration:
    model: type[models.Model]
    subject: str  # ORM path to the person's pk, e.g. "pk", "person_id", "participant__person_id"
    fields: tuple[str, ...]
    category: Promise | str
    purpose: Promise | str
    ground: Ground
    retention: Promise | str
    recipients: Promise | str = ""
    erasure: Erasure = Erasure.DELETE
    # Listed in a register extract by its existence and author role only (e.g. a reference
    # about an applicant): the organisation decides on release (OSL, GDPR art. 15.4).
    withheld: bool = False
    author_role: Promise | str = ""
    sensitive: bool = False  # reads are written to the audit log
    # For rows that reach the person by something other than a relation (a recruitment row
    # carries the employee number): a function from the person to the rows' filter.
    match: Callable[[Any], Q] | None = None

    def rows_for(self, person: Any) -> models.QuerySet[Any]:
        """The declared model's rows about this person."""
        q = self.match(person) if self.match else Q(**{self.subject: person.pk})
        return self.model._default_manager.filter(q).distinct()

    @property
    def label(self) -> str:
        return f"{self.model._meta.app_label}.{self.model._meta.model_name}"


DECLARATIONS: list[Declaration] = []
# Models with a person or user link that hold no personal data of their own, and why.
NOT_PERSONAL: dict[str, str] = {}


def declare(model: type[models.Model], **kwargs: object) -> Declaration:
    declaration = Declaration(model=model, **kwargs)  # type: ignore[arg-type]  # its fields, checked by the dataclass
    for field in declaration.fields:
        model._meta.get_field(field)  # a typo fails at start-up, not in an extract
    DECLARATIONS.append(declaration)
    return declaration


def not_personal(model: type[models.Model], reason: str) -> None:
    NOT_PERSONAL[f"{model._meta.app_label}.{model._meta.model_name}"] = reason


def load_declarations() -> None:
    """Import every plantskola app's `personal_data` module once."""
    for config in apps.get_app_configs():
        name = f"{config.name}.personal_data"
        if config.name.startswith("plantskola.") and importlib.util.find_spec(name):
            importlib.import_module(name)


def declarations_for(model: type[models.Model]) -> list[Declaration]:
    return [d for d in DECLARATIONS if d.model is model]
