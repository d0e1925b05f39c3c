"""Usernames, which are e-mail addresses, are stored in lower case, unless that would make two
accounts one; the account manager then finds an account whatever the case typed."""

from django.db import migrations

import migforum.accounts.models


def forward(apps, schema_editor):
    User = apps.get_model("accounts", "User")
    for user in User.objects.all().only("pk", "username"):
        lower = user.username.strip().lower()
        if lower == user.username:
            continue
        if not User.objects.filter(username__iexact=lower).exclude(pk=user.pk).exists():
            User.objects.filter(pk=user.pk).update(username=lower)


class Migration(migrations.Migration):

    dependencies = [
        ('accounts', '0001_initial'),
    ]

    operations = [
        migrations.AlterModelManagers(
            name='user',
            managers=[
                ('objects', migforum.accounts.models.AccountManager()),
            ],
        ),
        migrations.RunPython(forward, migrations.RunPython.noop),
    ]
