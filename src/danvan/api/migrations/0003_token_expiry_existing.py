"""Tokens issued before expiry existed expire 90 days after they were issued (the default)."""

import datetime

from django.db import migrations


def set_expiry(apps, schema_editor):
    ApiToken = apps.get_model("api", "ApiToken")
    for row in ApiToken.objects.filter(expires_at__isnull=True).only("pk", "created_at"):
        ApiToken.objects.filter(pk=row.pk).update(expires_at=row.created_at + datetime.timedelta(days=90))


class Migration(migrations.Migration):
    dependencies = [("api", "0002_token_expiry")]

    operations = [migrations.RunPython(set_expiry, migrations.RunPython.noop)]
