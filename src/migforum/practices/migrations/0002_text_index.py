"""The practices' own full-text index once stood here; they are now in the site-wide index
(`migforum.core.search`), and 0006 drops the old tables of databases that have them."""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [("practices", "0001_initial")]
    operations = []
