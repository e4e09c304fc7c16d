from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.contrib.auth.admin import UserAdmin
from django.http import HttpRequest

from plantskola.core.admin_scoping import OrganisationScopedAdmin
from plantskola.core.models import (
    Organisation,
    OrganisationRole,
    OrganisationSSO,
    OrgUnit,
    Person,
    PersonChange,
    SSOIdentity,
    User,
)
from plantskola.core.services import units_rebuild_paths


@admin.register(User)
class PlantskolaUserAdmin(UserAdmin[User]):
    pass


@admin.register(Organisation)
class OrganisationAdmin(OrganisationScopedAdmin):
    organisation_lookup = "pk"
    list_display = ["name", "slug", "kind"]
    search_fields = ["name", "slug"]
    prepopulated_fields = {"slug": ["name"]}

    def has_add_permission(self, request: HttpRequest, *args: Any) -> bool:
        return bool(request.user.is_superuser)

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return bool(request.user.is_superuser)


@admin.register(OrgUnit)
class OrgUnitAdmin(OrganisationScopedAdmin):
    list_display = ["name", "code", "kind", "parent", "organisation"]
    list_filter = ["kind"]
    search_fields = ["name", "code"]
    list_select_related = ["parent", "organisation"]
    scoped_foreign_keys = {"parent": "organisation_id"}

    def save_model(self, request: HttpRequest, obj: OrgUnit, form: Any, change: bool) -> None:
        super().save_model(request, obj, form, change)
        units_rebuild_paths(organisation=obj.organisation)


class PersonChangeInline(admin.TabularInline[PersonChange, Person]):
    model = PersonChange
    extra = 0
    fields = ("effective_date", "field", "old_value", "new_value", "source")
    readonly_fields = fields
    can_delete = False

    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


@admin.register(Person)
class PersonAdmin(OrganisationScopedAdmin):
    list_display = ["__str__", "employee_number", "title", "unit", "is_manager", "is_active"]
    list_filter = ["is_manager", "is_active"]
    search_fields = ["first_name", "last_name", "email", "employee_number"]
    list_select_related = ["unit"]
    raw_id_fields = ["manager", "user"]
    scoped_foreign_keys = {"unit": "organisation_id", "manager": "organisation_id"}
    inlines = [PersonChangeInline]


@admin.register(OrganisationRole)
class OrganisationRoleAdmin(OrganisationScopedAdmin):
    list_display = ["user", "role", "organisation"]
    list_filter = ["role"]
    raw_id_fields = ["user"]


# Single sign-on is configured by a superuser (it decides who can log in as whom).
@admin.register(OrganisationSSO)
class OrganisationSSOAdmin(admin.ModelAdmin[OrganisationSSO]):
    list_display = ["organisation", "issuer", "client_id", "match_on", "enabled"]
    exclude = ["client_secret"]


@admin.register(SSOIdentity)
class SSOIdentityAdmin(admin.ModelAdmin[SSOIdentity]):
    list_display = ["user", "sso", "subject", "linked_at", "last_login_at"]
    readonly_fields = ["user", "sso", "issuer", "subject", "linked_at", "last_login_at"]
