"""Diplomas: per-organisation settings (signatories, logo) and the diplomas issued.

A diploma is a document: what it says (name, programme, dates, modules, signatories) is copied
onto it when it is issued, so renaming a programme or changing HR director later does not
rewrite diplomas already handed out. A correction is made by revoking and reissuing.
"""

from __future__ import annotations

import datetime as dt
import secrets

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from plantskola.core.models import Organisation
from plantskola.programmes.models import Participant

# Crockford's base32 without I, L, O and U: nothing to misread when typing a code from paper.
CODE_ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"
CODE_LENGTH = 12  # 60 random bits
CODE_GROUP = 4
# What people may type for a character they misread (Crockford's decoding rules).
_CODE_ALIASES = str.maketrans({"O": "0", "I": "1", "L": "1"})

LOGO_MAX_BYTES = 1024 * 1024
MAX_SIGNATORIES = 3


def new_code() -> str:
    return "".join(secrets.choice(CODE_ALPHABET) for _ in range(CODE_LENGTH))


def normalise_code(text: str) -> str:
    """A typed code in canonical form: upper case, without spaces and dashes, aliases mapped."""
    cleaned = "".join(ch for ch in text.upper() if ch not in " -\t")
    return cleaned.translate(_CODE_ALIASES)


def format_code(code: str) -> str:
    """Grouped for reading aloud and typing: "7K2M-9QXB-4TN0"."""
    return "-".join(code[i : i + CODE_GROUP] for i in range(0, len(code), CODE_GROUP))


class DiplomaSettings(models.Model):
    """How an organisation's diplomas look: who signs them, the logo and an optional text."""

    organisation = models.OneToOneField(
        Organisation,
        on_delete=models.CASCADE,
        related_name="diploma_settings",
        verbose_name=_("organisation"),
    )
    signatory1_name = models.CharField(_("first signatory: name"), max_length=120, blank=True)
    signatory1_title = models.CharField(_("first signatory: title"), max_length=120, blank=True)
    signatory2_name = models.CharField(_("second signatory: name"), max_length=120, blank=True)
    signatory2_title = models.CharField(_("second signatory: title"), max_length=120, blank=True)
    signatory3_name = models.CharField(_("third signatory: name"), max_length=120, blank=True)
    signatory3_title = models.CharField(_("third signatory: title"), max_length=120, blank=True)
    extra_text = models.TextField(
        _("extra text"),
        max_length=600,
        blank=True,
        help_text=_("Printed on every diploma under the programme's content, e.g. a greeting."),
    )
    # The logo lives in the database (a few hundred kilobytes at most), so no media storage is
    # needed; it is embedded into the PDF as a data: URI.
    logo = models.BinaryField(_("logo"), null=True, blank=True, editable=False)
    logo_content_type = models.CharField(max_length=20, blank=True, editable=False)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        verbose_name = _("diploma settings")
        verbose_name_plural = _("diploma settings")
        constraints = [
            models.CheckConstraint(
                condition=Q(logo__isnull=True, logo_content_type="")
                | Q(logo__isnull=False, logo_content_type__in=["image/png", "image/jpeg"]),
                name="diploma_logo_has_type",
            )
        ]

    def __str__(self) -> str:
        return str(self.organisation)

    @property
    def signatories(self) -> list[tuple[str, str]]:
        pairs = [
            (self.signatory1_name, self.signatory1_title),
            (self.signatory2_name, self.signatory2_title),
            (self.signatory3_name, self.signatory3_title),
        ]
        return [(name.strip(), title.strip()) for name, title in pairs if name.strip()]

    def clean(self) -> None:
        errors: dict[str, list[str]] = {}
        for n in range(1, MAX_SIGNATORIES + 1):
            name = getattr(self, f"signatory{n}_name").strip()
            title = getattr(self, f"signatory{n}_title").strip()
            if name and not title:
                errors.setdefault(f"signatory{n}_title", []).append(
                    str(_("Give the signatory's title."))
                )
            if title and not name:
                errors.setdefault(f"signatory{n}_name", []).append(
                    str(_("Give the signatory's name."))
                )
        if not errors and not self.signatories:
            errors["signatory1_name"] = [str(_("A diploma needs at least one signatory."))]
        if errors:
            raise ValidationError(errors)


class DiplomaQuerySet(models.QuerySet["Diploma"]):
    def valid(self) -> DiplomaQuerySet:
        return self.filter(revoked_at__isnull=True)


class Diploma(models.Model):
    """One diploma for one participant. Personal data: `recipient_name` (a copy of the
    person's name at issue); it goes with the participant when the participant is deleted."""

    participant = models.ForeignKey(
        Participant,
        on_delete=models.CASCADE,
        related_name="diplomas",
        verbose_name=_("participant"),
    )
    code = models.CharField(_("verification code"), max_length=CODE_LENGTH, unique=True)
    # What the document says, copied at issue.
    recipient_name = models.CharField(_("name"), max_length=220)
    organisation_name = models.CharField(_("organisation"), max_length=200)
    programme_name = models.CharField(_("programme"), max_length=200)
    edition_name = models.CharField(_("edition"), max_length=200)
    start_date = models.DateField(_("start date"))
    end_date = models.DateField(_("end date"))
    # [{"name": ..., "days": "1.5"}]
    modules = models.JSONField(_("modules"), default=list, blank=True)
    # [{"name": ..., "title": ...}]
    signatories = models.JSONField(_("signatories"), default=list)
    extra_text = models.TextField(_("extra text"), blank=True)
    issued_at = models.DateTimeField(_("issued"))
    # The date the diploma bears: the ceremony's, else the edition's last session's (never the
    # day someone clicked); older diplomas without it show their issue date.
    dated_on = models.DateField(_("dated"), null=True, blank=True)
    issued_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("issued by"),
    )
    revoked_at = models.DateTimeField(_("revoked"), null=True, blank=True)
    revoked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("revoked by"),
    )
    revoke_reason = models.TextField(_("reason for revoking"), blank=True)
    replaces = models.OneToOneField(
        "self",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="replaced_by",
        verbose_name=_("replaces"),
    )

    objects = DiplomaQuerySet.as_manager()

    class Meta:
        ordering = ["participant__person__last_name", "participant__person__first_name", "-id"]
        verbose_name = _("diploma")
        verbose_name_plural = _("diplomas")
        constraints = [
            # Issuing twice for the same participant must not make a second valid diploma.
            models.UniqueConstraint(
                fields=["participant"],
                condition=Q(revoked_at__isnull=True),
                name="one_valid_diploma_per_participant",
            ),
            models.CheckConstraint(
                condition=Q(revoked_at__isnull=True, revoke_reason="")
                | (Q(revoked_at__isnull=False) & ~Q(revoke_reason="")),
                name="diploma_revoked_with_reason",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.recipient_name}: {self.programme_name} ({self.display_code})"

    @property
    def date_shown(self) -> dt.date:
        return self.dated_on or timezone.localdate(self.issued_at)

    @property
    def is_valid(self) -> bool:
        return self.revoked_at is None

    @property
    def display_code(self) -> str:
        return format_code(self.code)

    @property
    def revoked_by_name(self) -> str:
        """Who revoked the diploma by name: the roster's name of the login, else the login's
        own name; the username only for a login that has no name at all."""
        user = self.revoked_by
        if user is None:
            return ""
        person = getattr(user, "person", None)  # a login without a roster person has none
        if person is not None and person.full_name:
            return str(person.full_name)
        return user.get_full_name() or user.get_username()

    def get_verify_url(self) -> str:
        return reverse("diplomas:diploma_verify", args=[self.code])
