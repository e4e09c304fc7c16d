"""The copy itself: one transaction creates the edition, its modules, its sessions and
whatever the registered steps copy (surveys); nothing about people is copied."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.utils.translation import gettext as _

from plantskola.programmes.copying.registry import Copied, StepResult, copy_steps
from plantskola.programmes.copying.selectors import CopyPlan, date_fields
from plantskola.programmes.models import Edition, Module, Session

# Never copied: the row's identity, what ties it to the source edition, and what is about
# people or the source's history (groups, calendar identity and its sequence).
SKIP = {"id", "edition", "module", "group", "uid", "sequence"}
EDITION_FIELDS = ("capacity", "min_attendance_percent")


def copy_values(obj: models.Model, shift: Any) -> dict[str, Any]:
    """The object's own field values, dates shifted; relations and identity left out."""
    shifted = set(date_fields(type(obj)))
    values: dict[str, Any] = {}
    for f in obj._meta.concrete_fields:
        if f.name in SKIP or f.primary_key:
            continue
        value = getattr(obj, f.attname)
        if f.name in shifted and value is not None:
            value = value + shift
        values[f.attname] = value
    return values


@transaction.atomic
def edition_copy(*, plan: CopyPlan) -> tuple[Edition, list[StepResult]]:
    """Create the planned edition: all or nothing. Raises ValidationError (nothing written)
    when the name is taken."""
    source = plan.source
    if Edition.objects.filter(programme_id=source.programme_id, name=plan.name).exists():
        raise ValidationError(
            _("The programme already has an edition called %(name)s.") % {"name": plan.name}
        )
    edition = Edition.objects.create(
        programme_id=source.programme_id,
        name=plan.name,
        start_date=plan.start_date,
        end_date=plan.end_date,
        status=Edition.Status.PLANNED,
        **{name: getattr(source, name) for name in EDITION_FIELDS},
    )
    edition.partners.set(source.partners.all())
    copied = Copied(source=source, target=edition, shift=plan.shift)
    for module in plan.modules:
        copied.modules[module.pk] = Module.objects.create(
            edition=edition, **copy_values(module, plan.shift)
        )
    for row in plan.sessions:
        old = row.source
        copied.sessions[old.pk] = Session.objects.create(
            edition=edition,
            module=copied.modules.get(old.module_id) if old.module_id else None,
            **copy_values(old, plan.shift),
        )
    results = [step(copied, False) for step in copy_steps()]
    return edition, results
