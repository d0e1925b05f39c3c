"""PostgreSQL's full-text index takes each record's terms as it is written (`fastupdate` off),
and merges what it had pending: searches no longer wait on a vacuum to use the index."""

from django.db import migrations


def write_through(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    from migforum.core.search.backends import PostgresBackend

    PostgresBackend().write_through()


class Migration(migrations.Migration):
    dependencies = [("core", "0005_search_records")]

    operations = [migrations.RunPython(write_through, migrations.RunPython.noop)]
