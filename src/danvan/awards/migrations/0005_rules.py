from django.db import migrations


def load(apps, schema_editor):
    from danvan.awards.defaults import load_rules

    load_rules(apps)


def unload(apps, schema_editor):
    apps.get_model("awards", "AwardRule").objects.all().delete()


class Migration(migrations.Migration):
    dependencies = [("awards", "0004_rules_revocation_gender")]
    operations = [migrations.RunPython(load, unload)]
