"""The admin site for the secretariat; kept apart from core/admin.py, which needs models."""

from django.contrib import admin
from django.contrib.admin.apps import AdminConfig
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

from .permissions import is_secretariat


class MigforumAdminSite(admin.AdminSite):
    site_header = _("Migration Forum administration")
    site_title = _("Migration Forum")

    def has_permission(self, request: HttpRequest) -> bool:
        """The secretariat, with its second factor verified; nobody else."""
        return is_secretariat(request.user)


class MigforumAdminConfig(AdminConfig):
    default_site = "migforum.core.admin_site.MigforumAdminSite"
