"""The forms of "Nya chefer": the filter, the introduction's rule and the proposals."""

from __future__ import annotations

from typing import Any, cast

from django import forms
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from plantskola.core.models import OrgUnit, Person
from plantskola.programmes.introduction.models import DEFAULT_WITHIN_DAYS
from plantskola.programmes.models import Programme


class NewManagersFilterForm(forms.Form):
    administration = forms.ModelChoiceField(
        label=_("Administration"),
        queryset=OrgUnit.objects.none(),
        required=False,
        empty_label=_("All administrations"),
    )

    def __init__(self, *args: Any, administrations: QuerySet[OrgUnit], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        cast(
            forms.ModelChoiceField[OrgUnit], self.fields["administration"]
        ).queryset = administrations


class IntroductionRuleForm(forms.Form):
    programme = forms.ModelChoiceField(
        label=_("Introduction programme for new managers"), queryset=Programme.objects.none()
    )
    within_days = forms.IntegerField(
        label=_("Within how many days of starting"),
        min_value=1,
        max_value=730,
        initial=DEFAULT_WITHIN_DAYS,
        help_text=_("A new manager who is not enrolled by then is shown as overdue."),
    )

    def __init__(self, *args: Any, programmes: QuerySet[Programme], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        cast(forms.ModelChoiceField[Programme], self.fields["programme"]).queryset = programmes


class ProposeOneForm(forms.Form):
    person = forms.ModelChoiceField(queryset=Person.objects.none())

    def __init__(self, *args: Any, people: QuerySet[Person], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        cast(forms.ModelChoiceField[Person], self.fields["person"]).queryset = people


class ProposeAllForm(forms.Form):
    expected = forms.IntegerField(min_value=0, widget=forms.HiddenInput)
