"""The coordinator's choices for the engine, and what they start from."""

from __future__ import annotations

from typing import Any

from django import forms
from django.conf import settings as django_settings
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from plantskola.programmes.grouping.instance import CRITERIA, DEFAULT_TIME_LIMIT, GroupingSettings
from plantskola.programmes.models import Edition


class GroupingForm(forms.Form):
    draft_name = forms.CharField(
        label=gettext_lazy("Name of the draft"),
        max_length=200,
        required=False,
        help_text=gettext_lazy(
            "The engine's groups are kept as a draft you can compare, share and apply."
        ),
    )
    group_count = forms.IntegerField(
        label=gettext_lazy("Number of groups"), min_value=1, max_value=60, required=False
    )
    use_existing_groups = forms.BooleanField(
        label=gettext_lazy("Use the edition's existing groups"), required=False
    )
    min_size = forms.IntegerField(
        label=gettext_lazy("Smallest group"),
        min_value=0,
        required=False,
        help_text=gettext_lazy("Leave both sizes empty for groups as even as possible."),
    )
    max_size = forms.IntegerField(label=gettext_lazy("Largest group"), min_value=1, required=False)
    weight_administration = forms.IntegerField(
        label=gettext_lazy("Mix administrations (weight)"), min_value=0, max_value=10
    )
    weight_organisation = forms.IntegerField(
        label=gettext_lazy("Mix organisations (weight)"), min_value=0, max_value=10
    )
    weight_gender = forms.IntegerField(
        label=gettext_lazy("Mix genders (weight)"), min_value=0, max_value=10
    )
    weight_age_band = forms.IntegerField(
        label=gettext_lazy("Mix age bands (weight)"),
        min_value=0,
        max_value=10,
        help_text=gettext_lazy("Age bands: under 30, 30–39, 40–49, 50–59, 60 and over."),
    )
    weight_role = forms.IntegerField(
        label=gettext_lazy("Mix roles (weight)"), min_value=0, max_value=10
    )
    role_by = forms.ChoiceField(
        label=gettext_lazy("Role means"),
        choices=[
            ("manager", gettext_lazy("Manager or not")),
            ("title", gettext_lazy("Title")),
        ],
    )
    keep_teams = forms.BooleanField(
        label=gettext_lazy("Keep management teams together"),
        required=False,
        help_text=gettext_lazy(
            "A management team: an administration's head and the managers who report "
            "directly to them, among the participants."
        ),
    )
    teams_in_first = forms.IntegerField(
        label=gettext_lazy("Put the management teams in the first groups (how many)"),
        min_value=0,
        max_value=60,
        required=False,
        help_text=gettext_lazy("0 or empty: the teams may go in any group."),
    )
    keep_apart = forms.BooleanField(
        label=gettext_lazy("Keep a manager apart from their own manager"),
        required=False,
        help_text=gettext_lazy("Keeping a management team together wins over this."),
    )
    time_limit = forms.IntegerField(
        label=gettext_lazy("Time for the engine (seconds)"), min_value=1, max_value=30
    )

    def __init__(self, *args: Any, existing_groups: int, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.existing_groups = existing_groups

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("use_existing_groups"):
            if not self.existing_groups:
                self.add_error(
                    "use_existing_groups", _("The edition has no groups yet: choose a number.")
                )
        elif not data.get("group_count"):
            self.add_error("group_count", _("Choose the number of groups."))
        lo, hi = data.get("min_size"), data.get("max_size")
        if (lo is None) != (hi is None):
            self.add_error("max_size", _("Give both sizes, or neither."))
        elif lo is not None and hi is not None and lo > hi:
            self.add_error("max_size", _("The largest group cannot be smaller than the smallest."))
        return data

    def to_settings(self) -> GroupingSettings:
        data = self.cleaned_data
        count = self.existing_groups if data["use_existing_groups"] else data["group_count"]
        return GroupingSettings(
            group_count=count,
            use_existing_groups=data["use_existing_groups"],
            min_size=data["min_size"],
            max_size=data["max_size"],
            weights={name: float(data[f"weight_{name}"]) for name in CRITERIA},
            role_by=data["role_by"],
            keep_teams=data["keep_teams"],
            keep_apart=data["keep_apart"],
            teams_in_first=data["teams_in_first"] or 0,
            time_limit=float(data["time_limit"]),
        )


class DraftKeepForm(forms.Form):
    name = forms.CharField(label=gettext_lazy("Name of the draft"), max_length=200, required=False)


class DraftApplyForm(forms.Form):
    expected_moves = forms.IntegerField(min_value=0, required=False, widget=forms.HiddenInput)


def settings_initial(settings: GroupingSettings) -> dict[str, object]:
    """The form's initial values for these choices."""
    return {
        "group_count": settings.group_count,
        "use_existing_groups": settings.use_existing_groups,
        "min_size": settings.min_size,
        "max_size": settings.max_size,
        **{f"weight_{k}": int(v) for k, v in settings.weights.items()},
        "role_by": settings.role_by,
        "keep_teams": settings.keep_teams,
        "teams_in_first": settings.teams_in_first or None,
        "keep_apart": settings.keep_apart,
        "time_limit": int(settings.time_limit),
    }


def default_settings(edition: Edition, existing: int) -> GroupingSettings:
    """The choices a first grouping of the edition starts from."""
    settings = GroupingSettings(
        group_count=existing or 2,
        use_existing_groups=bool(existing),
        time_limit=float(getattr(django_settings, "GROUPING_TIME_LIMIT", DEFAULT_TIME_LIMIT)),
    )
    if edition.partners.exists():
        settings.weights["organisation"] = 2.0
    return settings
