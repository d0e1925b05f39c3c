from django.contrib import admin

from migforum.core.admin import AuditedInline, AuditedModelAdmin

from .models import Document, DocumentVersion


class DocumentVersionInline(AuditedInline, admin.StackedInline):
    model = DocumentVersion
    extra = 0


@admin.register(Document)
class DocumentAdmin(AuditedModelAdmin):
    list_display = ("symbol", "title", "kind", "year", "state")
    list_filter = ("kind", "year")
    search_fields = ("symbol", "title")
    autocomplete_fields = ("state",)
    inlines = [DocumentVersionInline]
