"""What the SCIM endpoints read: the token's users (`access.api.scim_users_for_token`),
Entra ID's filters, the `User` document, and the discovery documents."""

from __future__ import annotations

import re
from typing import Any

from django.db.models import QuerySet
from django.utils.translation import gettext as _

from plantskola.access.api import scim_users_for_token
from plantskola.api.models import ApiToken, ScimUser
from plantskola.api.scim.errors import ScimError
from plantskola.api.scim.resources import ENTERPRISE_SCHEMA, USER_SCHEMA, UserData

LIST_SCHEMA = "urn:ietf:params:scim:api:messages:2.0:ListResponse"
DEFAULT_COUNT = 100
MAX_COUNT = 200

# `attribute eq "value"`: the filters Entra ID sends (its probe before a create is
# `userName eq "…"`), on the attributes a provisioning client matches by.
_FILTER = re.compile(r'^\s*(\S+)\s+eq\s+"((?:[^"\\]|\\.)*)"\s*$', re.IGNORECASE)
_FILTERABLE = {
    "username": "user_name__iexact",
    "externalid": "external_id",
    "id": "person_id",
    f"{ENTERPRISE_SCHEMA.lower()}:employeenumber": "person__employee_number",
}


def users_for_token(token: ApiToken, *, filter_text: str | None) -> QuerySet[ScimUser]:
    users = scim_users_for_token(token).select_related("person__user", "person__manager")
    if filter_text:
        match = _FILTER.match(filter_text)
        attribute = match.group(1).lower() if match else ""
        if attribute.startswith(USER_SCHEMA.lower() + ":"):
            attribute = attribute[len(USER_SCHEMA) + 1 :]
        if not match or attribute not in _FILTERABLE or "\x00" in filter_text:
            raise ScimError(
                400,
                _(
                    "Plantskola filters only with eq on userName, externalId, id or "
                    'employeeNumber, e.g. userName eq "anna@kommun.se".'
                ),
                scim_type="invalidFilter",
            )
        value = re.sub(r"\\(.)", r"\1", match.group(2))
        if attribute == "id" and not (value.isdigit() and len(value) <= 18):
            return users.none()
        users = users.filter(**{_FILTERABLE[attribute]: value})
    return users.order_by("person_id")


def user_data(scim: ScimUser) -> UserData:
    """The SCIM user as stored now (what a PATCH starts from)."""
    person = scim.person
    return UserData(
        user_name=scim.user_name,
        active=bool(person.user and person.user.is_active),
        external_id=scim.external_id,
        given_name=person.first_name,
        family_name=person.last_name,
        email=person.email,
        title=person.title,
        employee_number=person.employee_number,
        department=scim.department,
        manager_id=str(person.manager_id) if person.manager_id else "",
    )


def user_doc(scim: ScimUser, *, location: str) -> dict[str, Any]:
    person = scim.person
    data = user_data(scim)
    enterprise: dict[str, Any] = {"employeeNumber": data.employee_number}
    if data.department:
        enterprise["department"] = data.department
    if data.manager_id:
        enterprise["manager"] = {"value": data.manager_id}
    doc: dict[str, Any] = {
        "schemas": [USER_SCHEMA, ENTERPRISE_SCHEMA],
        "id": str(person.pk),
        "userName": data.user_name,
        "name": {
            "givenName": data.given_name,
            "familyName": data.family_name,
            "formatted": person.full_name,
        },
        "displayName": person.full_name,
        "active": data.active,
        "emails": ([{"value": data.email, "type": "work", "primary": True}] if data.email else []),
        ENTERPRISE_SCHEMA: enterprise,
        "meta": {
            "resourceType": "User",
            "created": scim.created_at.isoformat(),
            "lastModified": scim.updated_at.isoformat(),
            "location": location,
        },
    }
    if data.external_id:
        doc["externalId"] = data.external_id
    if data.title:
        doc["title"] = data.title
    return doc


def list_doc(resources: list[dict[str, Any]], *, total: int, start_index: int) -> dict[str, Any]:
    return {
        "schemas": [LIST_SCHEMA],
        "totalResults": total,
        "startIndex": start_index,
        "itemsPerPage": len(resources),
        "Resources": resources,
    }


# --- discovery (RFC 7644 §4) ------------------------------------------------------------------


def service_provider_config(*, base: str) -> dict[str, Any]:
    return {
        "schemas": ["urn:ietf:params:scim:schemas:core:2.0:ServiceProviderConfig"],
        "documentationUri": base,
        "patch": {"supported": True},
        "bulk": {"supported": False, "maxOperations": 0, "maxPayloadSize": 0},
        "filter": {"supported": True, "maxResults": MAX_COUNT},
        "changePassword": {"supported": False},
        "sort": {"supported": False},
        "etag": {"supported": False},
        "authenticationSchemes": [
            {
                "type": "oauthbearertoken",
                "name": "Bearer token",
                "description": _(
                    "An API token with the scope scim:write, created by the organisation's "
                    "HR administrator."
                ),
                "primary": True,
            }
        ],
        "meta": {
            "resourceType": "ServiceProviderConfig",
            "location": base + "ServiceProviderConfig",
        },
    }


def resource_types(*, base: str) -> list[dict[str, Any]]:
    return [
        {
            "schemas": ["urn:ietf:params:scim:schemas:core:2.0:ResourceType"],
            "id": "User",
            "name": "User",
            "endpoint": "/Users",
            "description": "User Account",
            "schema": USER_SCHEMA,
            "schemaExtensions": [{"schema": ENTERPRISE_SCHEMA, "required": True}],
            "meta": {"resourceType": "ResourceType", "location": base + "ResourceTypes/User"},
        }
    ]


def _attribute(
    name: str,
    *,
    kind: str = "string",
    required: bool = False,
    uniqueness: str = "none",
    mutability: str = "readWrite",
    sub: list[dict[str, Any]] | None = None,
    multi: bool = False,
) -> dict[str, Any]:
    attribute: dict[str, Any] = {
        "name": name,
        "type": kind,
        "multiValued": multi,
        "required": required,
        "caseExact": False,
        "mutability": mutability,
        "returned": "default",
        "uniqueness": uniqueness,
    }
    if sub:
        attribute["subAttributes"] = sub
    return attribute


def schemas(*, base: str) -> list[dict[str, Any]]:
    """The attributes Plantskola keeps, in RFC 7643 §7's form (a subset of §4.1 and §4.3)."""
    user = [
        _attribute("userName", required=True, uniqueness="server"),
        _attribute("externalId"),
        _attribute("name", kind="complex", sub=[_attribute("givenName"), _attribute("familyName")]),
        _attribute("displayName", mutability="readOnly"),
        _attribute("title"),
        _attribute("active", kind="boolean"),
        _attribute(
            "emails",
            kind="complex",
            multi=True,
            sub=[_attribute("value"), _attribute("type"), _attribute("primary", kind="boolean")],
        ),
    ]
    enterprise = [
        _attribute("employeeNumber", required=True),
        _attribute("department"),
        _attribute("manager", kind="complex", sub=[_attribute("value")]),
    ]
    return [
        {
            "schemas": ["urn:ietf:params:scim:schemas:core:2.0:Schema"],
            "id": schema_id,
            "name": name,
            "description": description,
            "attributes": attributes,
            "meta": {"resourceType": "Schema", "location": f"{base}Schemas/{schema_id}"},
        }
        for schema_id, name, description, attributes in (
            (USER_SCHEMA, "User", "User Account", user),
            (ENTERPRISE_SCHEMA, "EnterpriseUser", "Enterprise User", enterprise),
        )
    ]
