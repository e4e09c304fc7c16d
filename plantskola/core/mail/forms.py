"""HR's wording of one e-mail template: a subject and a text, both valid Django templates."""

from __future__ import annotations

from django import forms
from django.template import Template, TemplateSyntaxError
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy


class EmailTemplateForm(forms.Form):
    # Lazy: class attributes are built at import, before any user's language is known.
    subject = forms.CharField(label=gettext_lazy("Subject"), max_length=200)
    body = forms.CharField(label=gettext_lazy("Text"), widget=forms.Textarea(attrs={"rows": 14}))

    def _check(self, field: str) -> str:
        value: str = self.cleaned_data[field]
        try:
            Template(value)
        except TemplateSyntaxError as exc:
            raise forms.ValidationError(
                _("The text has an error in a {{ }} or {%% %%} placeholder: %(error)s")
                % {"error": exc}
            ) from exc
        return value

    def clean_subject(self) -> str:
        return self._check("subject")

    def clean_body(self) -> str:
        return self._check("body")
