from django.contrib import admin

from migforum.core.admin import AuditedInline, AuditedModelAdmin

from .models import (
    Meeting,
    MeetingDocument,
    MeetingHost,
    MeetingSeries,
    MeetingSession,
    Registration,
)


class MeetingSessionInline(AuditedInline, admin.TabularInline):
    model = MeetingSession
    extra = 0


class MeetingHostInline(AuditedInline, admin.TabularInline):
    model = MeetingHost
    extra = 0
    autocomplete_fields = ("state", "organization")


class MeetingDocumentInline(AuditedInline, admin.TabularInline):
    model = MeetingDocument
    extra = 0
    autocomplete_fields = ("document",)


@admin.register(Meeting)
class MeetingAdmin(AuditedModelAdmin):
    list_display = ("title", "kind", "start_date", "city", "country", "registration_open")
    list_filter = ("kind", "mode", "registration_open")
    search_fields = ("title", "city", "theme")
    date_hierarchy = "start_date"
    autocomplete_fields = ("country",)
    inlines = [MeetingHostInline, MeetingSessionInline, MeetingDocumentInline]


@admin.register(MeetingSeries)
class MeetingSeriesAdmin(AuditedModelAdmin):
    list_display = ("name", "slug")


@admin.register(Registration)
class RegistrationAdmin(AuditedModelAdmin):
    list_display = ("meeting", "state", "status", "submitted_at")
    list_filter = ("status",)
    readonly_fields = ("submitted_by", "submitted_at", "decided_by", "decided_at")
