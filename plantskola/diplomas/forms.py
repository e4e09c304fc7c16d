from __future__ import annotations

import io
from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from plantskola.diplomas.models import LOGO_MAX_BYTES, MAX_SIGNATORIES, DiplomaSettings

# Generous for a logo, far below what could exhaust memory when decoded.
LOGO_MAX_PIXELS = 4000 * 4000
LOGO_FORMATS = {"PNG": "image/png", "JPEG": "image/jpeg"}


def read_logo(upload: Any) -> tuple[bytes, str]:
    """The uploaded file's bytes and content type, if it really is a PNG or JPEG image of at
    most 1 MB; the browser's claimed type and the file name are not trusted."""
    from PIL import Image, UnidentifiedImageError

    if upload.size > LOGO_MAX_BYTES:
        raise ValidationError(_("The logo may be at most 1 MB; this file is larger."))
    content = upload.read(LOGO_MAX_BYTES + 1)
    if len(content) > LOGO_MAX_BYTES:
        raise ValidationError(_("The logo may be at most 1 MB; this file is larger."))
    try:
        with Image.open(io.BytesIO(content)) as image:
            kind = image.format
            width, height = image.size
            image.verify()
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError, Image.DecompressionBombError):
        raise ValidationError(
            _("The logo must be a PNG or JPEG image; this file is not one.")
        ) from None
    if kind not in LOGO_FORMATS:
        raise ValidationError(_("The logo must be a PNG or JPEG image; this file is not one."))
    if width * height > LOGO_MAX_PIXELS:
        raise ValidationError(_("The logo may be at most 4000 × 4000 pixels."))
    return content, LOGO_FORMATS[kind]


class DiplomaSettingsForm(forms.Form):
    extra_text = forms.CharField(
        label=_("Extra text (optional)"),
        required=False,
        max_length=600,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Printed on every diploma under the programme's content, e.g. a greeting."),
    )
    logo = forms.FileField(
        label=_("Logo (optional)"),
        required=False,
        widget=forms.ClearableFileInput(attrs={"accept": "image/png,image/jpeg"}),
        help_text=_("PNG or JPEG, at most 1 MB. Leave empty to keep the current logo."),
    )
    remove_logo = forms.BooleanField(label=_("Remove the current logo"), required=False)

    def __init__(self, *args: Any, instance: DiplomaSettings | None = None, **kwargs: Any) -> None:
        if instance is not None and "initial" not in kwargs:
            kwargs["initial"] = {
                "extra_text": instance.extra_text,
                **{
                    f"signatory{n}_{part}": getattr(instance, f"signatory{n}_{part}")
                    for n in range(1, MAX_SIGNATORIES + 1)
                    for part in ("name", "title")
                },
            }
        super().__init__(*args, **kwargs)
        ordinals = [_("First signatory"), _("Second signatory"), _("Third signatory")]
        signatory_fields: dict[str, forms.Field] = {}
        for n, ordinal in enumerate(ordinals, start=1):
            signatory_fields[f"signatory{n}_name"] = forms.CharField(
                label=_("%(who)s: name") % {"who": ordinal}, max_length=120, required=False
            )
            signatory_fields[f"signatory{n}_title"] = forms.CharField(
                label=_("%(who)s: title") % {"who": ordinal},
                max_length=120,
                required=False,
                help_text=_("e.g. Municipal director") if n == 1 else "",
            )
        self.fields = {**signatory_fields, **self.fields}
        self.has_logo = bool(instance and instance.logo)
        if not self.has_logo:
            del self.fields["remove_logo"]

    def clean_logo(self) -> tuple[bytes, str] | None:
        upload = self.cleaned_data.get("logo")
        if not upload:
            return None
        return read_logo(upload)

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        pairs = []
        for n in range(1, MAX_SIGNATORIES + 1):
            name = (data.get(f"signatory{n}_name") or "").strip()
            title = (data.get(f"signatory{n}_title") or "").strip()
            if name and not title:
                self.add_error(f"signatory{n}_title", _("Give the signatory's title."))
            elif title and not name:
                self.add_error(f"signatory{n}_name", _("Give the signatory's name."))
            elif name:
                pairs.append((name, title))
        if not pairs and not self.errors:
            self.add_error("signatory1_name", _("A diploma needs at least one signatory."))
        data["signatories"] = pairs
        return data


class RevokeForm(forms.Form):
    reason = forms.CharField(
        label=_("Reason"),
        max_length=500,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Kept with the diploma; the public verification page does not show it."),
    )
    reissue = forms.BooleanField(
        label=_("Issue a new diploma with a new code right away"), required=False
    )

    def clean_reason(self) -> str:
        reason: str = self.cleaned_data["reason"].strip()
        if not reason:
            raise ValidationError(_("Give a reason for revoking the diploma."))
        return reason
