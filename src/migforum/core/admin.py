"""The Django admin, for the secretariat only, writing through the audit trail."""

from typing import Any

from django.contrib import admin
from django.db import models
from django.http import HttpRequest

from .audit import record_delete, record_save
from .models import AuditEvent
from .permissions import is_secretariat
from .search import index_object, remove_object


class SecretariatOnly:
    """The admin's pages and inlines are the secretariat's, whatever Django's model permissions
    say: the platform gives its powers through roles, not through `auth` permissions."""

    def has_view_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return is_secretariat(request.user)

    def has_add_permission(self, request: HttpRequest, *args: Any) -> bool:
        return is_secretariat(request.user)

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return is_secretariat(request.user)

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return is_secretariat(request.user)


class AuditedInline(SecretariatOnly):
    """Mixed into an inline (`admin.TabularInline`, `admin.StackedInline`): the secretariat
    sees and edits it; the owning `AuditedModelAdmin` audits its saves."""


class AuditedModelAdmin(SecretariatOnly, admin.ModelAdmin):
    """Admin pages whose every save and delete is in the audit trail and the search index."""

    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}

    def has_module_permission(self, request: HttpRequest) -> bool:
        return is_secretariat(request.user)

    def save_model(self, request: HttpRequest, obj: Any, form: Any, change: bool) -> None:
        record_save(instance=obj, by=request.user)
        index_object(obj)

    def delete_model(self, request: HttpRequest, obj: Any) -> None:
        remove_object(obj)
        record_delete(instance=obj, by=request.user)

    def delete_queryset(self, request: HttpRequest, queryset: Any) -> None:
        for obj in queryset:
            self.delete_model(request, obj)

    def save_formset(self, request: HttpRequest, form: Any, formset: Any, change: bool) -> None:
        # save(commit=False) is what sorts the forms into new, changed and deleted objects.
        changed = formset.save(commit=False)
        for obj in formset.deleted_objects:
            record_delete(instance=obj, by=request.user)
        for instance in changed:
            record_save(instance=instance, by=request.user)
        formset.save_m2m()


@admin.register(AuditEvent)
class AuditEventAdmin(AuditedModelAdmin):
    """The trail itself can be read, never edited."""

    list_display = ("at", "actor_label", "action", "content_type", "object_repr")
    list_filter = ("action", "content_type")
    search_fields = ("object_repr", "actor_label")
    date_hierarchy = "at"

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False
