"""Existing tokens keep working only where it is clear what they act with.

A token of an account with one role, other than the secretariat, acts with that role and
expires `API_TOKEN_VALID_DAYS` from now. The others are revoked: an account with several roles
must choose one, and nothing shows whether a secretariat token was created with the second
factor.
"""

import datetime

from django.conf import settings
from django.db import migrations


def forward(apps, schema_editor):
    ApiToken = apps.get_model("accounts", "ApiToken")
    Role = apps.get_model("accounts", "Role")
    now = datetime.datetime.now(datetime.UTC)
    expires = now + datetime.timedelta(days=settings.API_TOKEN_VALID_DAYS)
    for token in ApiToken.objects.filter(expires_at__isnull=True):
        roles = list(Role.objects.filter(user_id=token.user_id)[:2])
        token.expires_at = now
        if token.revoked_at is None:
            if len(roles) == 1 and roles[0].kind != "secretariat":
                token.role_id = roles[0].pk
                token.expires_at = expires
            else:
                token.revoked_at = now
        token.save(update_fields=["role", "expires_at", "revoked_at"])


class Migration(migrations.Migration):

    dependencies = [
        ('accounts', '0003_api_token_role_and_expiry'),
    ]

    operations = [
        migrations.RunPython(forward, migrations.RunPython.noop),
    ]
