"""Organisations, their unit trees, people from the HR roster, users and organisation roles."""

from __future__ import annotations

import uuid

from django.conf import settings
from django.contrib.auth.models import AbstractUser
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _


class User(AbstractUser):
    """A login. Most users are linked to a `Person` of the roster through `Person.user`."""

    class Meta:
        verbose_name = _("user")
        verbose_name_plural = _("users")


class Organisation(models.Model):
    class Kind(models.TextChoices):
        MUNICIPALITY = "municipality", _("Municipality")
        MUNICIPAL_COMPANY = "municipal_company", _("Municipal company")
        NEIGHBOURING_MUNICIPALITY = "neighbouring_municipality", _("Neighbouring municipality")
        WELFARE_PROVIDER = "welfare_provider", _("Welfare provider")
        CONSULTANCY = "consultancy", _("Consultancy delivering programmes")
        OTHER = "other", _("Other")

    name = models.CharField(_("name"), max_length=200)
    slug = models.SlugField(_("short name"), max_length=60, unique=True)
    kind = models.CharField(
        _("kind"), max_length=40, choices=Kind.choices, default=Kind.MUNICIPALITY
    )

    class Meta:
        ordering = ["name"]
        verbose_name = _("organisation")
        verbose_name_plural = _("organisations")

    def __str__(self) -> str:
        return self.name


class OrgUnit(models.Model):
    """An administration, company, department or unit; units form a tree per organisation."""

    class Kind(models.TextChoices):
        ADMINISTRATION = "administration", _("Administration")
        COMPANY = "company", _("Company")
        DEPARTMENT = "department", _("Department")
        UNIT = "unit", _("Unit")

    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="units", verbose_name=_("organisation")
    )
    parent = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="children",
        verbose_name=_("parent unit"),
    )
    code = models.CharField(
        _("code"), max_length=60, help_text=_("The unit's code in the HR system.")
    )
    name = models.CharField(_("name"), max_length=200)
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices, default=Kind.UNIT)
    # Materialised path of ancestor ids ("/3/17/42/"): a subtree is one indexed prefix query.
    path = models.CharField(max_length=500, editable=False, db_index=True, default="/")

    class Meta:
        ordering = ["path", "name"]
        verbose_name = _("unit")
        verbose_name_plural = _("units")
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "code"], name="unique_unit_code_per_org"
            )
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def depth(self) -> int:
        return self.path.count("/") - 2

    def clean(self) -> None:
        if self.parent_id and self.parent and self.parent.organisation_id != self.organisation_id:
            raise ValidationError(_("The parent unit must belong to the same organisation."))
        if self.pk and self.parent and f"/{self.pk}/" in self.parent.path:
            raise ValidationError(_("A unit cannot be placed under itself."))


class Person(models.Model):
    """A person in an organisation's HR roster. No personal identity numbers, by design."""

    class Gender(models.TextChoices):
        WOMAN = "woman", _("Woman")
        MAN = "man", _("Man")
        OTHER = "other", _("Other")
        UNSTATED = "", _("Not stated")

    organisation = models.ForeignKey(
        Organisation,
        on_delete=models.CASCADE,
        related_name="people",
        verbose_name=_("organisation"),
    )
    employee_number = models.CharField(_("employee number"), max_length=40)
    first_name = models.CharField(_("first name"), max_length=100)
    last_name = models.CharField(_("last name"), max_length=100)
    email = models.EmailField(_("e-mail"), blank=True)
    unit = models.ForeignKey(
        OrgUnit,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="people",
        verbose_name=_("unit"),
    )
    title = models.CharField(_("title"), max_length=200, blank=True)
    is_manager = models.BooleanField(_("is manager"), default=False)
    manager = models.ForeignKey(
        "self",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="reports",
        verbose_name=_("closest manager"),
    )
    gender = models.CharField(
        _("gender (self-reported)"), max_length=10, choices=Gender.choices, blank=True, default=""
    )
    birth_year = models.PositiveSmallIntegerField(_("birth year"), null=True, blank=True)
    is_active = models.BooleanField(_("employed"), default=True)
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="person",
        verbose_name=_("user"),
    )

    class Meta:
        ordering = ["last_name", "first_name"]
        verbose_name = _("person")
        verbose_name_plural = _("people")
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "employee_number"], name="unique_employee_number_per_org"
            )
        ]

    def __str__(self) -> str:
        return self.full_name

    @property
    def full_name(self) -> str:
        return f"{self.first_name} {self.last_name}".strip()


class PersonChange(models.Model):
    """One dated change to a person: later issues read it to see who became a manager and when."""

    class Field(models.TextChoices):
        CREATED = "created", _("Added to the roster")
        UNIT = "unit", _("Unit")
        TITLE = "title", _("Title")
        IS_MANAGER = "is_manager", _("Manager role")
        MANAGER = "manager", _("Closest manager")
        EMAIL = "email", _("E-mail")
        NAME = "name", _("Name")
        LEFT = "left", _("Left the organisation")
        RETURNED = "returned", _("Returned to the organisation")

    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="changes")
    field = models.CharField(max_length=20, choices=Field.choices)
    old_value = models.CharField(max_length=300, blank=True)
    new_value = models.CharField(max_length=300, blank=True)
    effective_date = models.DateField(_("effective date"))
    source = models.CharField(max_length=60, default="roster")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-effective_date", "-id"]
        verbose_name = _("person change")
        verbose_name_plural = _("person changes")

    def __str__(self) -> str:
        return f"{self.effective_date}: {self.get_field_display()}"


class ManagerAppointment(models.Model):
    """A fact: a person managed a unit of an organisation from one day (to another).

    Recorded by the roster import (file or API push, `core.roster.appointments`): when a person
    first manages a unit in the organisation (`FIRST`) and on a change of unit or a return to
    a manager post (`CHANGE`: the old appointment ends on the day the new one starts). At most
    one appointment of a person is open (`ended_on` empty).
    """

    class Kind(models.TextChoices):
        FIRST = "first", _("New manager")
        CHANGE = "change", _("Change of unit")

    person = models.ForeignKey(
        Person, on_delete=models.CASCADE, related_name="appointments", verbose_name=_("person")
    )
    organisation = models.ForeignKey(
        Organisation,
        on_delete=models.CASCADE,
        related_name="manager_appointments",
        verbose_name=_("organisation"),
    )
    unit = models.ForeignKey(
        OrgUnit,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="manager_appointments",
        verbose_name=_("unit"),
    )
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices, default=Kind.FIRST)
    started_on = models.DateField(_("started"))
    ended_on = models.DateField(_("ended"), null=True, blank=True)
    # "roster" (a file), the API token's name, "demo"; the applied file when there is one.
    source = models.CharField(_("source"), max_length=60, default="roster")
    roster_import = models.ForeignKey(
        "RosterImport", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-started_on", "-id"]
        verbose_name = _("manager appointment")
        verbose_name_plural = _("manager appointments")
        constraints = [
            models.UniqueConstraint(
                fields=["person"],
                condition=models.Q(ended_on__isnull=True),
                name="one_open_appointment_per_person",
            )
        ]

    def __str__(self) -> str:
        return f"{self.person} – {self.unit} ({self.started_on})"


class OrganisationRole(models.Model):
    """A role a user holds across a whole organisation."""

    class Role(models.TextChoices):
        HR_ADMIN = "hr_admin", _("HR administrator")
        COORDINATOR = "coordinator", _("Programme coordinator")

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="organisation_roles"
    )
    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="roles")
    role = models.CharField(max_length=20, choices=Role.choices)

    class Meta:
        verbose_name = _("organisation role")
        verbose_name_plural = _("organisation roles")
        constraints = [
            models.UniqueConstraint(
                fields=["user", "organisation", "role"], name="unique_organisation_role"
            )
        ]

    def __str__(self) -> str:
        return f"{self.user} – {self.get_role_display()} – {self.organisation}"


class RosterImport(models.Model):
    """An uploaded roster file waiting for confirmation, or the record of one applied."""

    class Status(models.TextChoices):
        PREVIEWED = "previewed", _("Previewed")
        APPLIED = "applied", _("Applied")

    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="imports")
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    filename = models.CharField(max_length=255)
    content = models.BinaryField()
    effective_date = models.DateField()
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.PREVIEWED)
    summary = models.JSONField(default=dict)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("roster import")
        verbose_name_plural = _("roster imports")

    def __str__(self) -> str:
        return self.filename


class ImportMapping(models.Model):
    """An organisation's columns of one kind of import file, as HR last confirmed them: the
    file's headings (normalised, `core.spreadsheets.normalise`) → the column each fills, or
    "" for a column that is not used. The next file with the same headings is read alike."""

    class Kind(models.TextChoices):
        ROSTER = "roster", _("Staff roster")
        RECRUITMENT = "recruitment", _("Recruitments")

    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="import_mappings"
    )
    kind = models.CharField(max_length=20, choices=Kind.choices)
    columns = models.JSONField(default=dict)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "kind"], name="one_import_mapping_per_kind"
            )
        ]
        verbose_name = _("import column mapping")
        verbose_name_plural = _("import column mappings")

    def __str__(self) -> str:
        return f"{self.organisation} – {self.get_kind_display()}"


class EmailTemplate(models.Model):
    """An organisation's own wording of one of Plantskola's e-mails (see `core.mail`)."""

    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="email_templates"
    )
    key = models.CharField(_("e-mail"), max_length=60)
    subject = models.CharField(_("subject"), max_length=200)
    body = models.TextField(
        _("text"), help_text=_("Words in double braces, like {{ name }}, are filled in when sent.")
    )

    class Meta:
        ordering = ["key"]
        verbose_name = _("e-mail template")
        verbose_name_plural = _("e-mail templates")
        constraints = [
            models.UniqueConstraint(fields=["organisation", "key"], name="unique_email_template")
        ]

    def __str__(self) -> str:
        return self.key


class OutgoingEmail(models.Model):
    """One e-mail in the outbox: queued, sent or failed (and retried)."""

    class Status(models.TextChoices):
        QUEUED = "queued", _("Queued")
        SENT = "sent", _("Sent")
        FAILED = "failed", _("Failed")

    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, null=True, blank=True, related_name="outbox"
    )
    template_key = models.CharField(max_length=60)
    to = models.TextField(_("to"))
    subject = models.CharField(_("subject"), max_length=300)
    body = models.TextField(_("text"))
    attachments = models.JSONField(default=list)
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.QUEUED
    )
    attempts = models.PositiveSmallIntegerField(_("attempts"), default=0)
    last_error = models.TextField(_("last error"), blank=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    sent_at = models.DateTimeField(_("sent"), null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("outgoing e-mail")
        verbose_name_plural = _("outbox")

    def __str__(self) -> str:
        return self.subject


class GeneratedDocument(models.Model):
    """A document (a large PDF: name badges, table lists, a ceremony's diplomas) rendered by the
    task worker so the page that asked for it never waits. Only the user who asked for it may
    fetch it, and only while the rule of its kind still lets them; it is deleted a day later."""

    class Status(models.TextChoices):
        PENDING = "pending", _("Being prepared")
        READY = "ready", _("Ready")
        FAILED = "failed", _("Failed")

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    kind = models.CharField(max_length=60)
    params = models.JSONField(default=dict)
    title = models.CharField(_("heading"), max_length=200)
    filename = models.CharField(_("file name"), max_length=200)
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+"
    )
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.PENDING
    )
    content = models.BinaryField(null=True, blank=True, editable=False)
    created_at = models.DateTimeField(_("requested"), auto_now_add=True)
    finished_at = models.DateTimeField(_("finished"), null=True, blank=True)

    class Meta:
        verbose_name = _("generated document")
        verbose_name_plural = _("generated documents")
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return self.filename


class AuditQuerySet(models.QuerySet["AuditEntry"]):
    def update(self, **kwargs: object) -> int:
        raise PermissionError("The audit log is append-only.")

    def delete(self) -> tuple[int, dict[str, int]]:
        raise PermissionError("The audit log is append-only.")

    def weed(self, due: models.QuerySet[AuditEntry]) -> int:
        """Delete entries more than a year old, the only deletion there is (weeding)."""
        from datetime import timedelta

        from django.utils import timezone

        limit = timezone.now() - timedelta(days=365)
        old = due.filter(at__lt=limit)
        return models.QuerySet.delete(old)[0]


class AuditEntry(models.Model):
    """Who read or changed whose personal data, and when. Append-only: the model, its
    queryset and (on PostgreSQL) a database trigger refuse updates and deletes. It holds ids
    and field names, never values, so an erasure leaves nothing of the person here but a
    number that no longer leads anywhere; an entry records that the erasure happened."""

    class Action(models.TextChoices):
        READ = "read", _("Read")
        CREATE = "create", _("Created")
        UPDATE = "update", _("Changed")
        DELETE = "delete", _("Deleted")
        EXPORT = "export", _("Exported")
        ERASE = "erase", _("Erased")
        IMPORT = "import", _("Imported")

    at = models.DateTimeField(_("when"), auto_now_add=True, db_index=True)
    # Plain ids, not foreign keys: a deleted user or organisation must not cascade into here.
    actor_id = models.IntegerField(_("user"), null=True, blank=True, db_index=True)
    organisation_id = models.IntegerField(null=True, blank=True)
    action = models.CharField(_("action"), max_length=10, choices=Action.choices)
    object_type = models.CharField(_("record type"), max_length=60)
    object_id = models.CharField(_("record"), max_length=40, blank=True)
    subject_person_id = models.IntegerField(_("person"), null=True, blank=True, db_index=True)
    fields = models.JSONField(_("fields"), default=list, blank=True)
    note = models.CharField(_("note"), max_length=200, blank=True)

    objects = AuditQuerySet.as_manager()

    class Meta:
        verbose_name = _("audit entry")
        verbose_name_plural = _("audit log")
        ordering = ["-at", "-pk"]

    def __str__(self) -> str:
        return f"{self.at:%Y-%m-%d %H:%M} {self.action} {self.object_type} {self.object_id}"

    def save(self, *args: object, **kwargs: object) -> None:
        if not self._state.adding:
            raise PermissionError("The audit log is append-only.")
        super().save(*args, **kwargs)  # type: ignore[arg-type]  # passed through as given

    def delete(self, *args: object, **kwargs: object) -> tuple[int, dict[str, int]]:
        raise PermissionError("The audit log is append-only.")


class OrganisationSSO(models.Model):
    """An organisation's identity provider for single sign-on (OpenID Connect).

    The endpoints come from the issuer's discovery document. The client secret is read from the
    environment variable named in `client_secret_env` when that is set (so it need not be kept
    in the database), otherwise from `client_secret`."""

    class Match(models.TextChoices):
        EMAIL = "email", _("E-mail address in the roster")
        EMPLOYEE_NUMBER = "employee_number", _("Employee number in the roster")

    organisation = models.OneToOneField(
        Organisation, on_delete=models.CASCADE, related_name="sso", verbose_name=_("organisation")
    )
    issuer = models.URLField(
        _("issuer"),
        help_text=_(
            "The identity provider's issuer URL, e.g. "
            "https://login.microsoftonline.com/<tenant id>/v2.0 for Entra ID."
        ),
    )
    client_id = models.CharField(_("client id"), max_length=200)
    client_secret = models.CharField(_("client secret"), max_length=500, blank=True)
    client_secret_env = models.CharField(
        _("environment variable with the client secret"), max_length=100, blank=True
    )
    match_on = models.CharField(
        _("link first login by"), max_length=20, choices=Match.choices, default=Match.EMAIL
    )
    employee_number_claim = models.CharField(
        _("claim with the employee number"), max_length=100, blank=True, default="employee_number"
    )
    enabled = models.BooleanField(_("enabled"), default=True)

    class Meta:
        verbose_name = _("single sign-on configuration")
        verbose_name_plural = _("single sign-on configurations")

    def __str__(self) -> str:
        return f"{self.organisation} – {self.issuer}"

    def get_client_secret(self) -> str:
        import os

        if self.client_secret_env:
            return os.environ.get(self.client_secret_env, "")
        return self.client_secret


class SSOIdentity(models.Model):
    """A user's identity at an identity provider: the issuer and subject (`sub`) of its ID
    tokens. Logins through single sign-on find the user by this pair, never by e-mail."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="sso_identities",
        verbose_name=_("user"),
    )
    sso = models.ForeignKey(
        OrganisationSSO,
        on_delete=models.CASCADE,
        related_name="identities",
        verbose_name=_("single sign-on configuration"),
    )
    issuer = models.CharField(_("issuer"), max_length=300)
    subject = models.CharField(_("subject"), max_length=300)
    linked_at = models.DateTimeField(_("linked"), auto_now_add=True)
    last_login_at = models.DateTimeField(_("last login"), null=True, blank=True)

    class Meta:
        verbose_name = _("single sign-on identity")
        verbose_name_plural = _("single sign-on identities")
        constraints = [
            models.UniqueConstraint(fields=["issuer", "subject"], name="unique_sso_identity"),
            models.UniqueConstraint(fields=["user", "sso"], name="unique_sso_identity_per_user"),
        ]

    def __str__(self) -> str:
        return f"{self.user} – {self.issuer}"


class QueuedJob(models.Model):
    """What every queued mass action keeps for its progress page (an edition's `BulkJob`, an
    event's `EventJob`): its parameters (ids and choices only), how far it has come, its
    outcome and who asked for it. The subclass gives what it acts on, its kinds and statuses."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    params = models.JSONField(default=dict)
    total = models.PositiveIntegerField(_("total"), default=0)
    done = models.PositiveIntegerField(_("done"), default=0)
    message = models.CharField(_("message"), max_length=300, blank=True)
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(_("requested"), auto_now_add=True)
    finished_at = models.DateTimeField(_("finished"), null=True, blank=True)

    class Meta:
        abstract = True
        ordering = ["-created_at"]

    def __str__(self) -> str:
        kind = getattr(self, "get_kind_display", lambda: "")()
        return f"{kind} ({self.created_at:%Y-%m-%d %H:%M})"

    @property
    def percent(self) -> int:
        return round(self.done * 100 / self.total) if self.total else 100
