"""SCIM's writes: provisioning a user (matched to the roster's person by employee number),
changing one, and removing the provisioning (the login is deactivated; the person and their
history stay). Every write is one transaction, dated in the person's history
(`PersonChange`, source "SCIM: <token>") and audited with the token's name."""

from __future__ import annotations

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from plantskola.access.api import scim_people_for_token, scim_users_for_token
from plantskola.api.models import ApiToken, ScimUser
from plantskola.api.scim.errors import ScimError
from plantskola.api.scim.resources import UserData
from plantskola.core.audit.services import audit_record
from plantskola.core.models import (
    AuditEntry,
    Organisation,
    OrgUnit,
    Person,
    PersonChange,
    User,
)

# The longest manager chain walked when checking for a cycle (a roster is far shallower).
MAX_CHAIN = 100


def _source(token: ApiToken) -> str:
    return f"SCIM: {token.name}"[:60]


def _conflict(detail: str) -> ScimError:
    return ScimError(409, detail, scim_type="uniqueness")


def _invalid(detail: str) -> ScimError:
    return ScimError(400, detail, scim_type="invalidValue")


def _require_employee_number(data: UserData) -> str:
    if not data.employee_number:
        raise _invalid(
            _(
                "Plantskola matches a user with the roster by employee number: map "
                "employeeNumber of the enterprise extension (urn:ietf:params:scim:schemas:"
                "extension:enterprise:2.0:User) in Entra ID."
            )
        )
    return data.employee_number


def _check_user_name(token: ApiToken, data: UserData, *, person: Person) -> None:
    taken = ScimUser.objects.filter(
        organisation_id=token.organisation_id, user_name__iexact=data.user_name
    )
    if person.pk is not None:
        taken = taken.exclude(person_id=person.pk)
    login = User.objects.filter(username__iexact=data.user_name)
    if person.user_id:
        login = login.exclude(pk=person.user_id)
    if taken.exists() or (person.user_id is None and login.exists()):
        raise _conflict(
            _("The user name %(name)s is already provisioned for someone else.")
            % {"name": data.user_name}
        )


def _manager(token: ApiToken, data: UserData, person: Person) -> Person | None:
    """The manager `data` names by SCIM id: a provisioned user of the token, never the
    person themselves or one of their reports (a cycle)."""
    if not data.manager_id:
        return None
    found = None
    if data.manager_id.isdigit() and len(data.manager_id) <= 18:
        found = (
            scim_users_for_token(token)
            .filter(person_id=int(data.manager_id))
            .select_related("person")
            .first()
        )
    if found is None:
        raise _invalid(
            _("The manager %(id)s is not a user provisioned to Plantskola.")
            % {"id": data.manager_id}
        )
    manager = found.person
    chain: Person | None = manager
    step = 0
    while chain is not None and step < MAX_CHAIN:
        if person.pk is not None and chain.pk == person.pk:
            raise _invalid(
                _("The manager %(id)s reports to this user: a manager chain may not be a cycle.")
                % {"id": data.manager_id}
            )
        chain = chain.manager
        step += 1
    return manager


def _unit(token: ApiToken, department: str) -> OrgUnit | None:
    """The unit a department names, by its code or name in the roster (None: no such unit;
    the department is kept as sent and the person's unit stays as the roster has it)."""
    if not department:
        return None
    units = OrgUnit.objects.filter(organisation_id=token.organisation_id)
    return units.filter(code=department).first() or units.filter(name__iexact=department).first()


def _write_person(token: ApiToken, person: Person, data: UserData) -> list[str]:
    """Set the person's fields from `data` and date each change in their history; the
    fields changed. A name SCIM leaves out stays as the roster has it."""
    manager = _manager(token, data, person)
    unit = _unit(token, data.department)
    given = data.given_name or person.first_name
    family = data.family_name or person.last_name
    old_name = person.full_name
    new: dict[str, object] = {
        "first_name": given,
        "last_name": family,
        "email": data.email,
        "title": data.title,
        "manager": manager,
        "employee_number": data.employee_number,
    }
    if unit is not None:
        new["unit"] = unit
    fields = sorted(name for name, value in new.items() if getattr(person, name) != value)
    history: list[tuple[str, str, str]] = []
    for name, kind in (
        ("email", PersonChange.Field.EMAIL),
        ("title", PersonChange.Field.TITLE),
        ("manager", PersonChange.Field.MANAGER),
        ("unit", PersonChange.Field.UNIT),
    ):
        if name in fields:
            history.append((kind, str(getattr(person, name) or ""), str(new[name] or "")))
    for name in fields:
        setattr(person, name, new[name])
    if {"first_name", "last_name"} & set(fields):
        history.append((PersonChange.Field.NAME, old_name, person.full_name))
    if person.pk is None or not fields:
        return fields
    person.save(update_fields=fields)
    PersonChange.objects.bulk_create(
        PersonChange(
            person=person,
            field=kind,
            old_value=old[:300],
            new_value=value[:300],
            effective_date=timezone.localdate(),
            source=_source(token),
        )
        for kind, old, value in history
    )
    return fields


def _write_login(person: Person, data: UserData) -> list[str]:
    """The person's login: created (no password: they sign in with single sign-on) or
    activated and deactivated as `data.active` says."""
    user = person.user
    if user is None:
        user = User(
            username=data.user_name,
            first_name=person.first_name,
            last_name=person.last_name,
            email=person.email,
            is_active=data.active,
        )
        user.set_unusable_password()
        user.save()
        person.user = user
        person.save(update_fields=["user"])
        return ["user"]
    if user.is_active != data.active:
        user.is_active = data.active
        user.save(update_fields=["is_active"])
        return ["active"]
    return []


def _audit(token: ApiToken, action: str, person: Person, fields: list[str]) -> None:
    audit_record(
        action,
        object_type="core.person",
        object_id=person.pk,
        subject_person_id=person.pk,
        organisation_id=token.organisation_id,
        fields=fields,
        note=_source(token),
    )


@transaction.atomic
def scim_user_create(*, token: ApiToken, data: UserData) -> ScimUser:
    """Provision a user: the roster's person with the employee number if there is one (the
    same person, from now on also provisioned), else a new person of the token's organisation."""
    number = _require_employee_number(data)
    # One write of an organisation's people at a time, as the roster import: two creates with
    # one new employee number (Entra ID retries) must not race on the unique number.
    Organisation.objects.select_for_update().filter(pk=token.organisation_id).first()
    person = (
        scim_people_for_token(token)
        .select_for_update(of=("self",))
        .filter(employee_number=number)
        .select_related("user", "manager")
        .first()
    )
    if person is not None and ScimUser.objects.filter(person=person).exists():
        raise _conflict(
            _("The person with employee number %(number)s is already provisioned.")
            % {"number": number}
        )
    created = person is None
    if person is None:
        if Person.objects.filter(
            organisation_id=token.organisation_id, employee_number=number
        ).exists():
            # Someone the token may not see has the number: refuse without saying who.
            raise _conflict(_("The employee number %(number)s is taken.") % {"number": number})
        person = Person(organisation_id=token.organisation_id, employee_number=number)
        if not (data.given_name or data.family_name):
            raise _invalid(_("A new person needs name.givenName or name.familyName."))
    _check_user_name(token, data, person=person)
    fields = _write_person(token, person, data)
    if created:
        person.save()
        PersonChange.objects.create(
            person=person,
            field=PersonChange.Field.CREATED,
            new_value=person.employee_number,
            effective_date=timezone.localdate(),
            source=_source(token),
        )
    fields += _write_login(person, data)
    scim = ScimUser.objects.create(
        organisation_id=token.organisation_id,
        person=person,
        user_name=data.user_name,
        external_id=data.external_id,
        department=data.department,
    )
    _audit(token, AuditEntry.Action.CREATE, person, ["scim", *fields])
    return scim


@transaction.atomic
def scim_user_replace(*, token: ApiToken, scim: ScimUser, data: UserData) -> ScimUser:
    """Change a provisioned user to `data` (PUT, and PATCH after its operations)."""
    number = _require_employee_number(data)
    Organisation.objects.select_for_update().filter(pk=token.organisation_id).first()
    person = (
        Person.objects.select_for_update(of=("self",))
        .select_related("user", "manager")
        .get(pk=scim.person_id)
    )
    if (
        number != person.employee_number
        and Person.objects.filter(
            organisation_id=person.organisation_id, employee_number=number
        ).exists()
    ):
        raise _conflict(_("The employee number %(number)s is taken.") % {"number": number})
    _check_user_name(token, data, person=person)
    fields = _write_person(token, person, data)
    fields += _write_login(person, data)
    kept = {
        "user_name": data.user_name,
        "external_id": data.external_id,
        "department": data.department,
    }
    changed = [name for name, value in kept.items() if getattr(scim, name) != value]
    for name in changed:
        setattr(scim, name, kept[name])
    scim.person = person
    scim.save()
    if fields or changed:
        _audit(token, AuditEntry.Action.UPDATE, person, [*fields, *changed])
    return scim


@transaction.atomic
def scim_user_deprovision(*, token: ApiToken, scim: ScimUser) -> None:
    """SCIM DELETE: the login is deactivated and the provisioning removed (a GET answers 404
    from now on); the person, their programmes and their history stay. Provisioning them
    again links the same person."""
    person = Person.objects.select_related("user").get(pk=scim.person_id)
    if person.user is not None and person.user.is_active:
        person.user.is_active = False
        person.user.save(update_fields=["is_active"])
    scim.delete()
    _audit(token, AuditEntry.Action.DELETE, person, ["scim", "active"])
