"""The practices are found through the site-wide search index: their own index goes."""

from django.db import migrations


def drop_own_index(apps, schema_editor):
    with schema_editor.connection.cursor() as cursor:
        cursor.execute("DROP TABLE IF EXISTS practices_fts")
        cursor.execute("DROP TABLE IF EXISTS practices_practicesearch")


class Migration(migrations.Migration):
    dependencies = [("practices", "0005_import_request_shared"), ("core", "0005_search_records")]
    operations = [migrations.RunPython(drop_own_index, migrations.RunPython.noop)]
