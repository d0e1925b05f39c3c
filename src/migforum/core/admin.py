"""The Django admin, for the secretariat only, writing through the audit trail."""

from typing import Any

from django.contrib import admin
from django.db import models
from django.http import HttpRequest

from .audit import record_delete, record_save
from .models import AuditEvent
from .permissions import is_secretariat
from .search import index_object, remove_object


class AuditedModelAdmin(admin.ModelAdmin):
    """Admin pages whose every save and delete is in the audit trail and the search index."""

    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}

    def has_module_permission(self, request: HttpRequest) -> bool:
        return is_secretariat(request.user)

    def has_view_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return is_secretariat(request.user)

    def has_add_permission(self, request: HttpRequest) -> bool:
        return is_secretariat(request.user)

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return is_secretariat(request.user)

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
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
        for obj in formset.deleted_objects if formset.is_bound else []:
            record_delete(instance=obj, by=request.user)
        for instance in formset.save(commit=False):
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
