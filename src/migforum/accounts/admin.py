from typing import Any

from django.contrib import admin
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _
from django_otp.plugins.otp_static.models import StaticDevice

from migforum.core.admin import AuditedInline, AuditedModelAdmin

from . import services
from .models import ApiToken, Invitation, Role, User

# Recovery codes are shown once, to their owner, and to nobody else: django-otp's own admin
# would list them in clear to the secretariat. A lost second factor is reset on the site.
if admin.site.is_registered(StaticDevice):
    admin.site.unregister(StaticDevice)


class RoleInline(AuditedInline, admin.TabularInline):
    """An account's roles. Each change goes through the role services, as on the site: it is
    in the audit trail, and the account's API tokens follow."""

    model = Role
    extra = 0
    autocomplete_fields = ("state", "organization")
    readonly_fields = ("granted_at",)


@admin.register(User)
class UserAdmin(AuditedModelAdmin):
    list_display = ("username", "display_name", "is_active", "last_login")
    list_filter = ("is_active",)
    search_fields = ("username", "display_name", "email")
    fields = ("username", "email", "display_name", "is_active", "last_login", "date_joined")
    readonly_fields = ("last_login", "date_joined")
    inlines = [RoleInline]

    def save_formset(self, request: HttpRequest, form: Any, formset: Any, change: bool) -> None:
        if formset.model is not Role:
            super().save_formset(request, form, formset, change)
            return
        by = request.user
        # The admin's change message reads what a formset's save() would have recorded.
        formset.new_objects, formset.changed_objects, formset.deleted_objects = [], [], []
        for subform in formset.deleted_forms:
            if subform.instance.pk is not None:
                stored = Role.objects.get(pk=subform.instance.pk)
                services.role_revoke(role=stored, by=by)
                formset.deleted_objects.append(stored)
        for subform in formset.forms:
            if subform in formset.deleted_forms or not subform.has_changed():
                continue
            data = subform.cleaned_data
            scope = {"state": data.get("state"), "organization": data.get("organization")}
            if subform.instance.pk is None:
                role = services.role_grant(user=form.instance, kind=data["kind"], by=by, **scope)
                formset.new_objects.append(role)
            else:
                stored = Role.objects.get(pk=subform.instance.pk)
                role = services.role_change(role=stored, kind=data["kind"], by=by, **scope)
                formset.changed_objects.append((role, subform.changed_data))


@admin.register(Invitation)
class InvitationAdmin(AuditedModelAdmin):
    list_display = ("email", "kind", "state", "organization", "expires_at", "accepted_at")
    fields = ("email", "kind", "state", "organization", "expires_at", "accepted_at")
    readonly_fields = fields

    def has_add_permission(self, request):  # invitations are created from the invitation page
        return False


@admin.register(ApiToken)
class ApiTokenAdmin(AuditedModelAdmin):
    list_display = (
        "name",
        "user",
        "role",
        "prefix",
        "created_at",
        "expires_at",
        "last_used_at",
        "revoked_at",
    )
    fields = (
        "name",
        "user",
        "role",
        "prefix",
        "second_factor",
        "created_at",
        "expires_at",
        "last_used_at",
        "revoked_at",
    )
    # Nothing is edited here. A revoked token stays revoked: revoking is the action below.
    readonly_fields = fields
    actions = ["revoke"]

    def has_add_permission(self, request):
        return False

    @admin.action(description=_("Revoke the selected tokens"))
    def revoke(self, request: HttpRequest, queryset: Any) -> None:
        for token in queryset.filter(revoked_at__isnull=True):
            services.api_token_revoke(token=token, by=request.user)
