import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('accounts', '0002_user_addresses_in_lower_case'),
    ]

    operations = [
        migrations.AddField(
            model_name='apitoken',
            name='role',
            field=models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='api_tokens', to='accounts.role', verbose_name='role'),
        ),
        migrations.AddField(
            model_name='apitoken',
            name='second_factor',
            field=models.BooleanField(default=False, verbose_name='created with the second factor'),
        ),
        migrations.AddField(
            model_name='apitoken',
            name='expires_at',
            field=models.DateTimeField(null=True, verbose_name='expires'),
        ),
    ]
