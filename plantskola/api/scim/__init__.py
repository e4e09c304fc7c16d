"""SCIM 2.0 (RFC 7643, RFC 7644) provisioning of user accounts from Entra ID, under
/api/v1/scim/v2/: the `Users` resource, the enterprise extension and the discovery endpoints."""
