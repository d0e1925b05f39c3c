"""Practices in the administration: the secretariat reads them and may delete one (spam, a
duplicate), but the text is its owner's: it is changed only through the practice's pages."""

from typing import Any

from django.contrib import admin
from django.http import HttpRequest

from migforum.core.admin import AuditedModelAdmin

from .models import CallForPractices, Practice


@admin.register(Practice)
class PracticeAdmin(AuditedModelAdmin):
    list_display = ("title", "owner_state", "owner_organization", "review_status", "start_year")
    list_filter = ("review_status", "level", "implementation_status", "language")
    search_fields = ("title", "summary", "implementer_name")
    date_hierarchy = "updated_at"

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


@admin.register(CallForPractices)
class CallForPracticesAdmin(AuditedModelAdmin):
    list_display = ("title", "theme", "opens_at", "deadline", "closed_at")
    list_filter = ("theme",)
