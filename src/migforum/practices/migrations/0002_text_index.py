"""The practices' full-text index: FTS5 on SQLite, a tsvector table on PostgreSQL."""

from django.db import migrations


def create_index(apps, schema_editor):
    from migforum.practices import text_index

    text_index.create()


def drop_index(apps, schema_editor):
    from migforum.practices import text_index

    text_index.drop()


class Migration(migrations.Migration):
    dependencies = [("practices", "0001_initial")]
    operations = [migrations.RunPython(create_index, drop_index)]
