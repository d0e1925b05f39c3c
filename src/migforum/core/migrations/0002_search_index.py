"""The full-text index beside core_searchdocument: FTS5 on SQLite, a tsvector on PostgreSQL."""

from django.db import migrations


def create_index(apps, schema_editor):
    from migforum.core.search.backends import backend

    backend().create()


def drop_index(apps, schema_editor):
    from migforum.core.search.backends import backend

    backend().drop()


class Migration(migrations.Migration):
    dependencies = [("core", "0001_initial")]
    operations = [migrations.RunPython(create_index, drop_index)]
