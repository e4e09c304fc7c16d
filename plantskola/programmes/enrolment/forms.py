"""Forms of enrolment by rule and of the participants' mass actions."""

from __future__ import annotations

from typing import Any, cast

from django import forms
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from plantskola.access.base import UserLike
from plantskola.access.programmes import editions_for_user
from plantskola.core.models import OrgUnit
from plantskola.core.widgets import SearchChoiceField
from plantskola.programmes.enrolment.selectors import (
    EnrolmentRule,
    FromEdition,
    Who,
    split_identifiers,
    unknown_identifiers,
)
from plantskola.programmes.models import Edition, Group, Participant
from plantskola.programmes.services import BULK_STATUSES


class EditionChoiceField(forms.ModelChoiceField[Edition]):
    def label_from_instance(self, obj: Edition) -> str:
        return f"{obj.programme.name}: {obj.name}"


class EnrolmentRuleForm(forms.Form):
    who = forms.ChoiceField(
        label=_("Who"),
        choices=[
            (Who.PERMANENT_MANAGERS, _("Permanent managers")),
            (Who.MANAGERS, _("All managers (acting managers too)")),
            (Who.STAFF, _("Everyone employed")),
            (
                Who.EDITION,
                _("The participants of another edition (for example those a call admitted)"),
            ),
            (Who.LIST, _("A list of e-mail addresses or employee numbers")),
        ],
        initial=Who.PERMANENT_MANAGERS,
        widget=forms.RadioSelect,
        help_text=_(
            "A manager whose title starts with “tf.”, “tillförordnad”, “vikarierande” or "
            "“interim” is acting, not permanent."
        ),
    )
    source_edition = EditionChoiceField(
        label=_("Other edition"),
        queryset=Edition.objects.none(),
        required=False,
        empty_label=_("Choose an edition"),
        help_text=_(
            "A call's decision makes those admitted participants of its edition: choose that "
            "edition to enrol them here too."
        ),
    )
    source_status = forms.ChoiceField(
        label=_("Who of its participants"),
        choices=[
            (FromEdition.TAKING_PART, _("Those taking part (invited or active)")),
            (FromEdition.COMPLETED, _("Those who completed it")),
        ],
        initial=FromEdition.TAKING_PART,
        required=False,
    )
    people_list = forms.CharField(
        label=_("E-mail addresses or employee numbers"),
        required=False,
        max_length=100_000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_(
            "One per line, or separated by commas or semicolons, for example pasted from a "
            "column in Excel."
        ),
    )
    title = forms.CharField(
        label=_("Title contains"),
        required=False,
        max_length=100,
        help_text=_("For example “rektor” or “enhetschef”. Leave empty for every title."),
    )
    unit = SearchChoiceField(
        OrgUnit.objects.none(),
        source="units",
        label=_("Unit"),
        required=False,
        help_text=_("Leave empty for the whole organisation."),
    )
    include_subunits = forms.BooleanField(
        label=_("Include the unit's sub-units"), required=False, initial=True
    )
    leave_out_alumni = forms.BooleanField(
        label=_("Leave out those who have completed an edition of this programme"),
        required=False,
    )
    group = forms.ModelChoiceField(
        label=_("Group"), queryset=Group.objects.none(), required=False, empty_label=_("No group")
    )

    def __init__(self, *args: Any, edition: Edition, user: UserLike, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.edition = edition
        source = cast("forms.ModelChoiceField[Edition]", self.fields["source_edition"])
        source.queryset = (
            editions_for_user(user)
            .filter(programme__organisation_id=edition.programme.organisation_id)
            .exclude(pk=edition.pk)
            .select_related("programme")
            .order_by("-start_date", "pk")
        )
        cast(SearchChoiceField, self.fields["unit"]).queryset = OrgUnit.objects.filter(
            organisation_id=edition.programme.organisation_id
        ).order_by("path")
        group = cast("forms.ModelChoiceField[Group]", self.fields["group"])
        group.queryset = Group.objects.filter(edition=edition)

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        who = data.get("who")
        if who == Who.EDITION and not data.get("source_edition"):
            self.add_error("source_edition", _("Choose the edition whose participants to add."))
        if who == Who.LIST:
            identifiers = split_identifiers(data.get("people_list", ""))
            if not identifiers:
                self.add_error(
                    "people_list", _("Paste at least one e-mail address or employee number.")
                )
            else:
                unknown = unknown_identifiers(edition=self.edition, identifiers=identifiers)
                if unknown:
                    shown = ", ".join(unknown[:10])
                    more = len(unknown) - 10
                    message = _("Nobody employed here has: %(list)s.") % {"list": shown}
                    if more > 0:
                        message += " " + _("And %(count)s more.") % {"count": more}
                    self.add_error("people_list", message + " " + _("Nothing was added."))
        return data

    def rule(self) -> EnrolmentRule:
        data = self.cleaned_data
        return EnrolmentRule(
            who=data["who"],
            title=data["title"],
            unit=data["unit"],
            include_subunits=data["include_subunits"],
            leave_out_alumni=data["leave_out_alumni"],
            group=data["group"],
            source_edition=data.get("source_edition") if data["who"] == Who.EDITION else None,
            source_status=data.get("source_status") or FromEdition.TAKING_PART,
            identifiers=split_identifiers(data.get("people_list", ""))
            if data["who"] == Who.LIST
            else (),
        )


class EnrolmentConfirmForm(EnrolmentRuleForm):
    expected = forms.IntegerField(min_value=1, widget=forms.HiddenInput)
    invite = forms.BooleanField(label=_("Send the invitation to those added"), required=False)


class ParticipantChangeForm(forms.Form):
    """The change itself, shown under the participant list's check boxes."""

    status = forms.ChoiceField(
        label=_("New status"),
        choices=[(s.value, s.label) for s in BULK_STATUSES],
        help_text=_("Completion is marked on the completion page, by attendance."),
    )
    reason = forms.CharField(
        label=_("Reason for withdrawal"),
        required=False,
        max_length=300,
        help_text=_("Needed when the participants withdraw (removal from the edition)."),
    )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        withdrawn = data.get("status") == Participant.Status.WITHDRAWN
        if withdrawn and not data.get("reason", "").strip():
            self.add_error("reason", _("Give a reason for the withdrawal."))
        return data


class ParticipantBulkForm(ParticipantChangeForm):
    participants = forms.ModelMultipleChoiceField(
        label=_("Participants"),
        queryset=Participant.objects.none(),
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": _("Tick the participants to change.")},
    )

    def __init__(self, *args: Any, edition: Edition, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        participants = cast(
            "forms.ModelMultipleChoiceField[Participant]", self.fields["participants"]
        )
        participants.queryset = Participant.objects.filter(edition=edition).select_related("person")


class AttendanceBulkForm(forms.Form):
    absent = forms.ModelMultipleChoiceField(
        label=_("Absent"),
        queryset=Participant.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Everyone not ticked is marked present."),
    )

    def __init__(self, *args: Any, participants: QuerySet[Participant], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        absent = cast("forms.ModelMultipleChoiceField[Participant]", self.fields["absent"])
        absent.queryset = participants
