"""One index entry per record, with its filters, in place of one per record and language; the
full-text index beside it is rebuilt from the registered records (`init` or
`search_reindex`)."""

import django.db.models.deletion
from django.db import migrations, models


def drop_old_index(apps, schema_editor):
    with schema_editor.connection.cursor() as cursor:
        if schema_editor.connection.vendor == "sqlite":
            cursor.execute("DROP TABLE IF EXISTS core_search_fts")
        else:
            cursor.execute("DROP INDEX IF EXISTS core_searchdocument_vector")


def create_index(apps, schema_editor):
    from migforum.core.search.backends import backend

    backend().create()


def drop_index(apps, schema_editor):
    from migforum.core.search.backends import backend

    backend().drop()


class Migration(migrations.Migration):
    dependencies = [("core", "0004_acting_for")]

    operations = [
        migrations.RunPython(drop_old_index, migrations.RunPython.noop),
        migrations.DeleteModel(name="SearchDocument"),
        migrations.CreateModel(
            name="SearchKind",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("key", models.CharField(max_length=100, unique=True, verbose_name="record type")),
                ("complete", models.BooleanField(default=False, verbose_name="complete")),
            ],
            options={"verbose_name": "search record type", "verbose_name_plural": "search record types"},
        ),
        migrations.CreateModel(
            name="SearchRecord",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("object_id", models.CharField(max_length=64, verbose_name="record")),
                ("year", models.SmallIntegerField(blank=True, null=True, verbose_name="year")),
                ("states", models.CharField(blank=True, max_length=2000, verbose_name="States")),
                ("languages", models.CharField(blank=True, max_length=100, verbose_name="languages")),
                ("public", models.BooleanField(default=True, verbose_name="public")),
                ("kind", models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name="+", to="core.searchkind", verbose_name="record type")),
            ],
            options={"verbose_name": "search record", "verbose_name_plural": "search records"},
        ),
        migrations.AddConstraint(
            model_name="searchrecord",
            constraint=models.UniqueConstraint(fields=("kind", "object_id"), name="search_record_unique"),
        ),
        migrations.CreateModel(
            name="SearchText",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("language", models.CharField(max_length=10, verbose_name="language")),
                ("title", models.CharField(max_length=500, verbose_name="title")),
                ("body", models.TextField(blank=True, verbose_name="text")),
                ("url", models.CharField(max_length=500, verbose_name="address")),
                ("record", models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name="texts", to="core.searchrecord", verbose_name="record")),
            ],
            options={"verbose_name": "search text", "verbose_name_plural": "search texts"},
        ),
        migrations.AddConstraint(
            model_name="searchtext",
            constraint=models.UniqueConstraint(fields=("record", "language"), name="search_text_unique"),
        ),
        migrations.CreateModel(
            name="SearchWord",
            fields=[
                ("word", models.CharField(max_length=60, primary_key=True, serialize=False, verbose_name="word")),
                ("length", models.SmallIntegerField(db_index=True, verbose_name="length")),
                ("records", models.IntegerField(default=0, verbose_name="records")),
            ],
            options={"verbose_name": "search word", "verbose_name_plural": "search words"},
        ),
        migrations.RunPython(create_index, drop_index),
    ]
