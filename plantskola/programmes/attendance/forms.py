"""One tap on the attendance page: a participant and their status."""

from __future__ import annotations

from django import forms

from plantskola.programmes.models import Attendance


class AttendanceForm(forms.Form):
    participant = forms.IntegerField(widget=forms.HiddenInput)
    status = forms.ChoiceField(choices=Attendance.Status.choices)
