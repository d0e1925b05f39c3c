from django.contrib import admin

from migforum.core.admin import AuditedInline, AuditedModelAdmin

from .models import Group, GroupMembership, Organization, State


@admin.register(State)
class StateAdmin(AuditedModelAdmin):
    list_display = ("name", "iso3", "m49", "status", "admission_date", "region")
    list_filter = ("status", "region", "is_ldc", "is_lldc", "is_sids")
    search_fields = ("name", "iso3", "m49")


@admin.register(Organization)
class OrganizationAdmin(AuditedModelAdmin):
    list_display = ("name", "acronym", "kind", "state")
    list_filter = ("kind",)
    search_fields = ("name", "acronym")
    prepopulated_fields = {"slug": ("acronym",)}
    autocomplete_fields = ("state",)


class GroupMembershipInline(AuditedInline, admin.TabularInline):
    model = GroupMembership
    extra = 0
    autocomplete_fields = ("state", "organization")


@admin.register(Group)
class GroupAdmin(AuditedModelAdmin):
    list_display = ("name", "acronym", "kind", "established_year")
    list_filter = ("kind",)
    search_fields = ("name", "acronym")
    inlines = [GroupMembershipInline]
