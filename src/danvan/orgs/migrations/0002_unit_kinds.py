from django.db import migrations


def add_unit_kinds(apps, schema_editor):
    from danvan.orgs.loading import ensure_unit_kinds

    ensure_unit_kinds(apps.get_model("orgs", "UnitKind"))


class Migration(migrations.Migration):
    dependencies = [("orgs", "0001_initial")]
    operations = [migrations.RunPython(add_unit_kinds, migrations.RunPython.noop)]
