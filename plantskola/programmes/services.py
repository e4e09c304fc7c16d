"""Writes to programmes, editions, modules, groups, sessions and participants."""

from __future__ import annotations

from typing import TypeVar

from django import forms
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Model
from django.utils.translation import gettext as _

from plantskola.core.models import Person
from plantskola.programmes.models import Edition, Group, Participant

M = TypeVar("M", bound=Model)


@transaction.atomic
def form_save(*, form: forms.ModelForm[M]) -> M:
    """Save a valid form of the programme pages, the object with its many-to-many fields
    (an edition's partners, a session's course leaders), whole or not at all."""
    return form.save()


@transaction.atomic
def participant_add(*, edition: Edition, person: Person, group: Group | None = None) -> Participant:
    """Add a person to an edition; they must belong to the host or a partner organisation."""
    allowed = {edition.programme.organisation_id, *edition.partners.values_list("pk", flat=True)}
    if person.organisation_id not in allowed:
        raise ValidationError(
            _("%(name)s belongs to an organisation that is not part of this edition.")
            % {"name": person.full_name}
        )
    if not person.is_active:
        raise ValidationError(_("%(name)s has left the organisation.") % {"name": person.full_name})
    if group is not None and group.edition_id != edition.pk:
        raise ValidationError(_("The group belongs to another edition."))
    if Participant.objects.filter(edition=edition, person=person).exists():
        raise ValidationError(_("%(name)s is already a participant.") % {"name": person.full_name})
    return Participant.objects.create(edition=edition, person=person, group=group)
