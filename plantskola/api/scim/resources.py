"""A SCIM `User` as Plantskola keeps it (`UserData`), read from a full resource (POST, PUT)
and changed by a PatchOp (PATCH), as Entra ID sends them. Pure: no database.

SCIM's attribute names are case-insensitive (RFC 7643 §2.1), and so are Entra ID's `op`
values ("Replace"). Attributes Plantskola does not keep (phone numbers, addresses, roles, a
preferred language) are ignored rather than refused, so that Entra ID's default attribute
mapping provisions without changes; a body that is not SCIM is refused with `invalidSyntax`.
"""

from __future__ import annotations

import dataclasses
import re
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.utils.translation import gettext as _

from plantskola.api.scim.errors import ScimError

USER_SCHEMA = "urn:ietf:params:scim:schemas:core:2.0:User"
ENTERPRISE_SCHEMA = "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User"
PATCH_SCHEMA = "urn:ietf:params:scim:api:messages:2.0:PatchOp"
_ENTERPRISE = ENTERPRISE_SCHEMA.lower()
_CORE = USER_SCHEMA.lower()


@dataclass(frozen=True)
class UserData:
    """What Plantskola keeps of a SCIM user. `manager_id` is the manager's SCIM id ("" for
    none); None in `employee_number`, `department` or `title` means "not given"."""

    user_name: str
    active: bool = True
    external_id: str = ""
    given_name: str = ""
    family_name: str = ""
    email: str = ""
    title: str = ""
    employee_number: str = ""
    department: str = ""
    manager_id: str = ""


def _invalid(detail: str, scim_type: str = "invalidSyntax") -> ScimError:
    return ScimError(400, detail, scim_type=scim_type)


def _lower_keys(value: Any) -> dict[str, Any]:
    if not isinstance(value, dict):
        return {}
    return {str(k).lower(): v for k, v in value.items()}


def _text(value: Any, attribute: str, *, limit: int) -> str:
    if value is None:
        return ""
    if isinstance(value, dict) and "value" in _lower_keys(value):
        value = _lower_keys(value)["value"]
    if isinstance(value, bool) or not isinstance(value, str | int):
        raise _invalid(
            _("The attribute %(attribute)s must be text.") % {"attribute": attribute},
            "invalidValue",
        )
    text = " ".join(str(value).split())
    if any(ord(character) < 32 or ord(character) == 127 for character in text):
        raise _invalid(
            _("The attribute %(attribute)s contains control characters.")
            % {"attribute": attribute},
            "invalidValue",
        )
    if len(text) > limit:
        raise _invalid(
            _("The attribute %(attribute)s may be at most %(limit)d characters.")
            % {"attribute": attribute, "limit": limit},
            "invalidValue",
        )
    return text


def _bool(value: Any) -> bool:
    # Entra ID sent "True" and "False" as text before its 2020 SCIM compliance fixes, and
    # still does for applications without the `aadOptscim062020` flag.
    if isinstance(value, bool):
        return value
    if isinstance(value, str) and value.strip().lower() in {"true", "false"}:
        return value.strip().lower() == "true"
    raise _invalid(_("The attribute active must be true or false."), "invalidValue")


def _work_email(emails: Any) -> str:
    """The work address of `emails` (the primary one, else the first)."""
    if isinstance(emails, str):
        return _text(emails, "emails", limit=254)
    if not isinstance(emails, list):
        raise _invalid(_("The attribute emails must be a list."), "invalidValue")
    entries = [_lower_keys(e) for e in emails if isinstance(e, dict)]
    work = [e for e in entries if str(e.get("type", "work")).lower() == "work"] or entries
    primary = [e for e in work if e.get("primary") in (True, "true", "True")] or work
    address = _text(primary[0].get("value"), "emails", limit=254) if primary else ""
    if address:
        try:
            validate_email(address)
        except ValidationError as exc:
            raise _invalid(
                _("The e-mail address %(address)s is not valid.") % {"address": address},
                "invalidValue",
            ) from exc
    return address


def _set(data: UserData, path: str, value: Any) -> UserData:
    """`data` with the attribute at `path` (lower case, without the core schema) set."""
    if path.startswith(_ENTERPRISE + ":"):
        sub = path[len(_ENTERPRISE) + 1 :]
        if sub == "employeenumber":
            return dataclasses.replace(
                data, employee_number=_text(value, "employeeNumber", limit=40)
            )
        if sub == "department":
            return dataclasses.replace(data, department=_text(value, "department", limit=200))
        if sub in {"manager", "manager.value"}:
            return dataclasses.replace(data, manager_id=_text(value, "manager", limit=20))
        return data
    if path == _ENTERPRISE:
        for key, item in _lower_keys(value).items():
            data = _set(data, f"{_ENTERPRISE}:{key}", item)
        return data
    simple = {
        "username": ("user_name", 150),  # the login's username has at most 150
        "externalid": ("external_id", 255),
        "name.givenname": ("given_name", 100),
        "name.familyname": ("family_name", 100),
        "title": ("title", 200),
    }
    if path in simple:
        name, limit = simple[path]
        changed: dict[str, Any] = {name: _text(value, path, limit=limit)}
        return dataclasses.replace(data, **changed)
    if path == "active":
        return dataclasses.replace(data, active=_bool(value))
    if path == "name":
        for key, item in _lower_keys(value).items():
            data = _set(data, f"name.{key}", item)
        return data
    if path == "emails" or re.fullmatch(r'emails\[type eq "work"\](\.value)?', path):
        return dataclasses.replace(
            data, email=_work_email(value if path == "emails" else [{"value": value}])
        )
    return data  # an attribute Plantskola does not keep


def user_from_resource(body: Any) -> UserData:
    """A full `User` resource (POST, PUT) as Plantskola keeps it."""
    if not isinstance(body, dict):
        raise _invalid(_("The request body must be a SCIM User object in JSON."))
    data = UserData(user_name="")
    for key, value in _lower_keys(body).items():
        if key in {"schemas", "meta", "id"}:
            continue
        data = _set(data, key, value)
    if not data.user_name:
        raise _invalid(_("The attribute userName is required."), "invalidValue")
    return data


_VALUE_FILTER = re.compile(r"\[\s*type\s+eq\s+\"work\"\s*\]", re.IGNORECASE)


def _normalise_path(path: str) -> str:
    path = path.strip().lower()
    if path.startswith(_CORE + ":"):
        path = path[len(_CORE) + 1 :]
    return _VALUE_FILTER.sub('[type eq "work"]', path)


def user_patch(data: UserData, body: Any) -> UserData:
    """`data` after the operations of a PatchOp (RFC 7644 §3.5.2): add and replace set an
    attribute (with a path, or a value object of attributes without one), remove empties it."""
    fields = _lower_keys(body)
    operations = fields.get("operations")
    if not isinstance(operations, list) or not operations:
        raise _invalid(_("A PATCH needs a PatchOp with at least one operation in Operations."))
    for raw in operations:
        operation = _lower_keys(raw)
        op = str(operation.get("op", "")).lower()
        path = operation.get("path")
        if op not in {"add", "replace", "remove"} or (
            path is not None and not isinstance(path, str)
        ):
            raise _invalid(
                _("Each operation needs op add, replace or remove, and a path as text."),
            )
        if op == "remove":
            if not path:
                raise _invalid(_("A remove operation needs a path."), "noTarget")
            target = _normalise_path(path)
            if target in {"username", "active"}:
                raise _invalid(
                    _("The attribute %(attribute)s cannot be removed.") % {"attribute": path},
                    "mutability",
                )
            data = _set(data, target, "" if not target.startswith("emails") else [])
        elif path:
            data = _set(data, _normalise_path(path), operation.get("value"))
        else:
            value = operation.get("value")
            if not isinstance(value, dict):
                raise _invalid(_("An operation without a path needs an object as its value."))
            for key, item in value.items():
                data = _set(data, _normalise_path(str(key)), item)
    if not data.user_name:
        raise _invalid(_("The attribute userName is required."), "invalidValue")
    return data
