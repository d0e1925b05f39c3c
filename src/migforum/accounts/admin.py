from django.contrib import admin

from migforum.core.admin import AuditedModelAdmin

from .models import ApiToken, Invitation, Role, User


class RoleInline(admin.TabularInline):
    model = Role
    extra = 0
    autocomplete_fields = ("state", "organization")


@admin.register(User)
class UserAdmin(AuditedModelAdmin):
    list_display = ("username", "display_name", "is_active", "last_login")
    list_filter = ("is_active",)
    search_fields = ("username", "display_name", "email")
    fields = ("username", "email", "display_name", "is_active", "last_login", "date_joined")
    readonly_fields = ("last_login", "date_joined")
    inlines = [RoleInline]


@admin.register(Invitation)
class InvitationAdmin(AuditedModelAdmin):
    list_display = ("email", "kind", "state", "organization", "expires_at", "accepted_at")
    fields = ("email", "kind", "state", "organization", "expires_at", "accepted_at")
    readonly_fields = fields

    def has_add_permission(self, request):  # invitations are created from the invitation page
        return False


@admin.register(ApiToken)
class ApiTokenAdmin(AuditedModelAdmin):
    list_display = ("name", "user", "prefix", "created_at", "last_used_at", "revoked_at")
    fields = ("name", "user", "prefix", "created_at", "last_used_at", "revoked_at")
    readonly_fields = ("name", "user", "prefix", "created_at", "last_used_at")

    def has_add_permission(self, request):
        return False
