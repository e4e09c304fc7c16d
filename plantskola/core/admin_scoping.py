"""Django admin for HR administrators' back-office edits, limited to their organisations.

Superusers see everything. An HR administrator (made `is_staff`) sees and edits only the rows
of the organisations they administer; permission comes from `plantskola.access`, not from
Django's per-model permission table, so there is one source of truth.
"""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.contrib.admin.utils import NestedObjects
from django.db import router
from django.db.models import Model, QuerySet
from django.http import HttpRequest
from django.utils.text import capfirst

from plantskola.access.principal import principal


# Any: the admins built on this one are for models of every app.
class OrganisationScopedAdmin(admin.ModelAdmin[Any]):
    #: Lookup from this model to its Organisation's id, e.g. "organisation_id" or
    #: "edition__programme__organisation_id".
    organisation_lookup = "organisation_id"
    #: Foreign keys whose choices must be limited, with their own lookup to the organisation.
    scoped_foreign_keys: dict[str, str] = {}

    def _org_ids(self, request: HttpRequest) -> frozenset[int] | None:
        p = principal(request.user)
        return None if p.is_superuser else p.hr_org_ids

    def _allowed(self, request: HttpRequest, obj: Model | None = None) -> bool:
        org_ids = self._org_ids(request)
        if org_ids is None:
            return True
        if not org_ids or not request.user.is_staff:
            return False
        if obj is None:
            return True
        return bool(
            self.model._default_manager.filter(
                pk=obj.pk, **{f"{self.organisation_lookup}__in": org_ids}
            ).exists()
        )

    def get_queryset(self, request: HttpRequest) -> QuerySet[Any]:
        qs = super().get_queryset(request)
        org_ids = self._org_ids(request)
        if org_ids is None:
            return qs
        return qs.filter(**{f"{self.organisation_lookup}__in": org_ids})

    def has_module_permission(self, request: HttpRequest) -> bool:
        return self._allowed(request)

    def has_view_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return self._allowed(request, obj)

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return self._allowed(request, obj)

    def has_add_permission(self, request: HttpRequest, *args: Any) -> bool:
        return self._allowed(request)

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return self._allowed(request, obj)

    def get_deleted_objects(self, objs: Any, request: HttpRequest) -> tuple[Any, ...]:
        """What a deletion takes with it, without the related rows' texts for HR staff.

        Django's confirmation page lists every row the cascade reaches by its text. From a
        joint edition (or a person who interviewed another organisation's applicant) that
        reaches other organisations' people and private records such as action-plan goals,
        which the HR administrator may not see. They get the objects they chose and the
        number of related rows per kind instead; superusers get Django's full list."""
        deleted, model_count, perms_needed, protected = super().get_deleted_objects(objs, request)
        if self._org_ids(request) is None:
            return deleted, model_count, perms_needed, protected
        chosen = [f"{capfirst(obj._meta.verbose_name)}: {obj}" for obj in objs]
        if protected:  # Django's list names the protected rows too; give their kinds only
            collector = NestedObjects(using=router.db_for_write(self.model))
            collector.collect(objs)
            protected = sorted(
                {str(capfirst(obj._meta.verbose_name_plural)) for obj in collector.protected}
            )
        return chosen, model_count, perms_needed, protected

    def formfield_for_foreignkey(self, db_field: Any, request: HttpRequest, **kwargs: Any) -> Any:
        org_ids = self._org_ids(request)
        if org_ids is not None:
            if db_field.name == "organisation":
                kwargs["queryset"] = db_field.related_model.objects.filter(pk__in=org_ids)
            elif db_field.name in self.scoped_foreign_keys:
                lookup = self.scoped_foreign_keys[db_field.name]
                kwargs["queryset"] = db_field.related_model.objects.filter(
                    **{f"{lookup}__in": org_ids}
                )
        return super().formfield_for_foreignkey(db_field, request, **kwargs)
