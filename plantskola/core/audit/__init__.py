"""The audit log: who read or changed whose personal data, and when.

Views call `services.audit_read` when they show a sensitive record (a reference, a scorecard,
an action plan, a register extract) and services call `services.audit_change` for changes that
matter; both take the acting user from the request (`middleware.AuditMiddleware`) unless one
is given. Entries hold ids and field names only, never values, passwords or tokens
(AuditEntry's docstring). HR administrators search their organisation's log (`views`).
"""
