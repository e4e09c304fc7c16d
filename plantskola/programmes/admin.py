from __future__ import annotations

from typing import TYPE_CHECKING

from django.contrib import admin

from plantskola.core.admin_scoping import OrganisationScopedAdmin
from plantskola.programmes.models import (
    Edition,
    Group,
    Module,
    Participant,
    Programme,
    ProgrammeRole,
    Session,
)

if TYPE_CHECKING:
    # django-stubs' inlines take their model and parent as type arguments; Django's own
    # class cannot be subscripted at run time, so the typed bases exist for the type checker.
    ModuleInlineBase = admin.TabularInline[Module, Edition]
    GroupInlineBase = admin.TabularInline[Group, Edition]
else:
    ModuleInlineBase = GroupInlineBase = admin.TabularInline


@admin.register(Programme)
class ProgrammeAdmin(OrganisationScopedAdmin):
    list_display = ["name", "organisation", "audience"]
    search_fields = ["name"]


class ModuleInline(ModuleInlineBase):
    model = Module
    extra = 0


class GroupInline(GroupInlineBase):
    model = Group
    extra = 0


@admin.register(Edition)
class EditionAdmin(OrganisationScopedAdmin):
    organisation_lookup = "programme__organisation_id"
    scoped_foreign_keys = {"programme": "organisation_id"}
    list_display = ["name", "programme", "start_date", "end_date", "status"]
    list_filter = ["status"]
    list_select_related = ["programme"]
    inlines = [ModuleInline, GroupInline]


@admin.register(Session)
class SessionAdmin(OrganisationScopedAdmin):
    organisation_lookup = "edition__programme__organisation_id"
    scoped_foreign_keys = {"edition": "programme__organisation_id"}
    list_display = ["title", "edition", "kind", "date", "start_time", "group"]
    list_filter = ["kind"]
    list_select_related = ["edition", "group"]
    raw_id_fields = ["module", "group", "leaders"]


@admin.register(Participant)
class ParticipantAdmin(OrganisationScopedAdmin):
    organisation_lookup = "edition__programme__organisation_id"
    scoped_foreign_keys = {"edition": "programme__organisation_id"}
    list_display = ["person", "edition", "group", "status"]
    list_filter = ["status"]
    list_select_related = ["person", "edition", "group"]
    raw_id_fields = ["person", "group"]


@admin.register(ProgrammeRole)
class ProgrammeRoleAdmin(OrganisationScopedAdmin):
    organisation_lookup = "programme__organisation_id"
    scoped_foreign_keys = {"programme": "organisation_id"}
    list_display = ["user", "role", "programme", "edition"]
    list_filter = ["role"]
    raw_id_fields = ["user", "edition"]
