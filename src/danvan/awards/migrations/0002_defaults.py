from django.db import migrations


def load(apps, schema_editor):
    from danvan.awards.defaults import load_defaults

    load_defaults(apps)


class Migration(migrations.Migration):
    dependencies = [("awards", "0001_initial")]
    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
