"""The exception that allows completion before the edition's last session."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _


class CompletionExceptionForm(forms.Form):
    reason = forms.CharField(
        label=_("Reason for completing before the last session"),
        max_length=300,
        help_text=_("Kept with the edition and written to the audit log."),
    )
