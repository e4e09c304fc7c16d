"""Entra ID's SCIM requests as Microsoft documents them, for the SCIM tests.

Transcribed from Microsoft Learn, "Tutorial: Develop and plan provisioning for a SCIM
endpoint in Microsoft Entra ID" (learn.microsoft.com/entra/identity/app-provisioning/
use-scim-to-provision-users-and-groups), section "User Operations": "Create User",
"Get User by query", "Update User [Multi-valued properties]", "Update User [Single-valued
properties]", "Disable User" and "Delete User"; and from "Known issues and resolutions with
SCIM 2.0 protocol compliance of the Microsoft Entra user provisioning service"
(learn.microsoft.com/entra/identity/app-provisioning/application-provisioning-config-problem-
scim-compatibility) for the PATCH of the enterprise extension's attributes and manager, and
for the "False" as text that Entra ID sends without the `aadOptscim062020` flag.

Microsoft's "Create User" body carries no enterprise extension; `CREATE_USER_ENTERPRISE` is
the same body with the extension Entra ID sends under its default attribute mapping
(employeeId → employeeNumber, department → department), whose values are ours.
"""

from __future__ import annotations

import copy
from typing import Any

ENTERPRISE = "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User"

# "Create User" (request), as documented.
CREATE_USER: dict[str, Any] = {
    "schemas": [
        "urn:ietf:params:scim:schemas:core:2.0:User",
        "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User",
    ],
    "externalId": "0a21f0f2-8d2a-4f8e-bf98-7363c4aed4ef",
    "userName": "Test_User_ab6490ee-1e48-479e-a20b-2d77186b5dd1",
    "active": True,
    "emails": [
        {
            "primary": True,
            "type": "work",
            "value": "Test_User_fd0ea19b-0777-472c-9f96-4f70d2226f2e@testuser.com",
        }
    ],
    "meta": {"resourceType": "User"},
    "name": {
        "formatted": "givenName familyName",
        "familyName": "familyName",
        "givenName": "givenName",
    },
    "roles": [],
}


def create_user(employee_number: str, department: str = "") -> dict[str, Any]:
    body = copy.deepcopy(CREATE_USER)
    body[ENTERPRISE] = {"employeeNumber": employee_number}
    if department:
        body[ENTERPRISE]["department"] = department
    return body


# "Get User by query": GET /Users?filter= this (Entra ID's probe before a create).
PROBE_FILTER = 'userName eq "Test_User_dfeef4c5-5681-4387-b016-bdf221e82081"'

# "Update User [Multi-valued properties]" (request).
PATCH_MULTI_VALUED: dict[str, Any] = {
    "schemas": ["urn:ietf:params:scim:api:messages:2.0:PatchOp"],
    "Operations": [
        {
            "op": "Replace",
            "path": 'emails[type eq "work"].value',
            "value": "updatedEmail@microsoft.com",
        },
        {"op": "Replace", "path": "name.familyName", "value": "updatedFamilyName"},
    ],
}

# "Update User [Single-valued properties]" (request).
PATCH_SINGLE_VALUED: dict[str, Any] = {
    "schemas": ["urn:ietf:params:scim:api:messages:2.0:PatchOp"],
    "Operations": [
        {
            "op": "Replace",
            "path": "userName",
            "value": "5b50642d-79fc-4410-9e90-4c077cdd1a59@testuser.com",
        }
    ],
}

# "Disable User" (request).
DISABLE_USER: dict[str, Any] = {
    "Operations": [{"op": "Replace", "path": "active", "value": False}],
    "schemas": ["urn:ietf:params:scim:api:messages:2.0:PatchOp"],
}

# The compliance page: without the flag, Entra ID sends the boolean as text and the value
# as an object of attributes without a path.
DISABLE_USER_LEGACY: dict[str, Any] = {
    "schemas": ["urn:ietf:params:scim:api:messages:2.0:PatchOp"],
    "Operations": [{"op": "Replace", "value": {"active": "False"}}],
}


def patch_enterprise(*, given_name: str, employee_number: str, department: str) -> dict[str, Any]:
    """The compliance page's PATCH of a core attribute and the enterprise extension's."""
    return {
        "schemas": ["urn:ietf:params:scim:api:messages:2.0:PatchOp"],
        "Operations": [
            {"op": "replace", "path": "name.givenName", "value": given_name},
            {"op": "replace", "path": f"{ENTERPRISE}:employeeNumber", "value": employee_number},
            {"op": "replace", "path": f"{ENTERPRISE}:department", "value": department},
        ],
    }


def patch_manager(manager_id: str) -> dict[str, Any]:
    """The compliance page's manager PATCH (the manager's SCIM id as the value)."""
    return {
        "schemas": ["urn:ietf:params:scim:api:messages:2.0:PatchOp"],
        "Operations": [{"op": "Add", "path": f"{ENTERPRISE}:manager", "value": manager_id}],
    }
