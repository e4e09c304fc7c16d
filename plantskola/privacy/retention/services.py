"""Writes of the retention rules: how long an organisation keeps each record type."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from plantskola.core.models import Organisation, User
from plantskola.privacy import weeding
from plantskola.privacy.models import RetentionRule

MAX_MONTHS = 1200


@transaction.atomic
def retention_rules_save(
    *, organisation: Organisation, months: dict[str, int], user: User
) -> list[RetentionRule]:
    """Set the organisation's months per record type (all or nothing). A value equal to the
    record type's default is stored too, so that a later change of the default in code does
    not silently change what HR decided."""
    known = {r.key for r in weeding.record_types()}
    unknown = set(months) - known
    if unknown:
        raise ValidationError(
            _("Unknown record type: %(keys)s.") % {"keys": ", ".join(sorted(unknown))}
        )
    for key, value in months.items():
        if not 0 <= value <= MAX_MONTHS:
            raise ValidationError(
                _("Retention for %(label)s must be between 0 and %(max)s months.")
                % {"label": weeding.get(key).label, "max": MAX_MONTHS}
            )
    saved = []
    for key, value in months.items():
        rule, _created = RetentionRule.objects.update_or_create(
            organisation=organisation,
            record_type=key,
            defaults={"months": value, "changed_by": user},
        )
        saved.append(rule)
    return saved
