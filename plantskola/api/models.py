"""API tokens of an organisation, and the pushes already answered (for `Idempotency-Key`)."""

from __future__ import annotations

import datetime

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from plantskola.core.models import Organisation, Person


class ApiToken(models.Model):
    """A secret that lets a program (the HR system, a report server) use the API for one
    organisation, within its scopes. Only the token's SHA-256 is stored; the token itself is
    shown once, when it is created. Who created or revoked it is in the audit log."""

    class Scope(models.TextChoices):
        ROSTER_WRITE = "roster:write", _("Push the staff roster")
        PROGRAMMES_READ = "programmes:read", _("Read programmes, editions and participants")
        PEOPLE_READ = "people:read", _("Read units and people")
        DIPLOMAS_READ = "diplomas:read", _("Read diplomas")
        SCIM_WRITE = "scim:write", _("Provision user accounts from Entra ID (SCIM)")

    organisation = models.ForeignKey(
        Organisation,
        on_delete=models.CASCADE,
        related_name="api_tokens",
        verbose_name=_("organisation"),
    )
    name = models.CharField(_("name"), max_length=100)
    token_hash = models.CharField(max_length=64, unique=True, editable=False)
    # The first characters of the token, to tell tokens apart in the list.
    prefix = models.CharField(max_length=12, editable=False)
    scopes = models.JSONField(_("scopes"), default=list)
    expires_on = models.DateField(_("expires"))
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    last_used_at = models.DateTimeField(_("last used"), null=True, blank=True)
    revoked_at = models.DateTimeField(_("revoked"), null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("API token")
        verbose_name_plural = _("API tokens")
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "name"],
                condition=models.Q(revoked_at__isnull=True),
                name="api_token_name_unique_while_valid",
            )
        ]

    def __str__(self) -> str:
        return self.name

    def is_usable(self, today: datetime.date | None = None) -> bool:
        """Neither revoked nor past its expiry date (it works through that day)."""
        today = today or timezone.localdate()
        return self.revoked_at is None and today <= self.expires_on


class IdempotentRequest(models.Model):
    """A write already answered for a token and an `Idempotency-Key`: a retry with the same
    key and body gets the same answer and writes nothing; the same key with another body is
    refused."""

    token = models.ForeignKey(ApiToken, on_delete=models.CASCADE, related_name="requests")
    key = models.CharField(max_length=255)
    request_hash = models.CharField(max_length=64)
    status = models.PositiveSmallIntegerField()
    body = models.JSONField(default=dict)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["token", "key"], name="idempotency_key_per_token")
        ]

    def __str__(self) -> str:
        return self.key


class ScimUser(models.Model):
    """A person of the roster whom the organisation's identity provider (Entra ID) has
    provisioned with SCIM: the SCIM `Users` resource is the person (its id is the person's),
    matched on the employee number, and the login is the person's user. What SCIM sends that
    the roster has no field for is kept here, so that a GET answers what was sent. Removing
    the provisioning (SCIM DELETE) deletes this row and deactivates the login; the person and
    their history stay."""

    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="scim_users"
    )
    person = models.OneToOneField(Person, on_delete=models.CASCADE, related_name="scim")
    user_name = models.CharField(_("user name"), max_length=255)
    external_id = models.CharField(max_length=255, blank=True)
    department = models.CharField(_("department"), max_length=200, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("SCIM user")
        verbose_name_plural = _("SCIM users")
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "user_name"], name="scim_user_name_unique_per_org"
            )
        ]

    def __str__(self) -> str:
        return self.user_name
