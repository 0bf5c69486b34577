"""An import job remembers the language of the person who asked, so the worker writes its results
(summary, problems) in that language. Jobs made before keep an empty value: the site's language."""

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("imports", "0002_job_base"),
    ]

    operations = [
        migrations.AddField(
            model_name="importjob",
            name="language",
            field=models.CharField(blank=True, editable=False, max_length=8),
        ),
    ]
