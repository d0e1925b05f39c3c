"""The full-text index beside core_searchdocument once stood here; 0005 replaces that table
and builds today's index, so nothing is created here any more."""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [("core", "0001_initial")]
    operations = []
