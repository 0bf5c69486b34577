"""Decision.search_text: the folded number, issuing unit's name and title a decision is searched by (the
conference form's list of decisions to tick searches it in the database), filled for the existing rows
in batches of BATCH by primary key."""

from django.db import migrations, models

BATCH = 2000


def fill_search_text(apps, schema_editor):
    from danvan.awards.models import decisions_fill_search_text

    decisions_fill_search_text(apps.get_model("awards", "Decision").objects.all(), batch=BATCH)


class Migration(migrations.Migration):
    dependencies = [
        ("awards", "0007_rule_threshold_article"),
    ]

    operations = [
        migrations.AddField(
            model_name="decision",
            name="search_text",
            field=models.TextField(blank=True, editable=False, help_text="folded number, issuing unit, title"),
        ),
        migrations.RunPython(fill_search_text, migrations.RunPython.noop, elidable=True),
    ]
