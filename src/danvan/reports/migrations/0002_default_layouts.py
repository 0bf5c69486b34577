from django.db import migrations


def load(apps, schema_editor):
    from danvan.reports.layouts import DEFAULT_LAYOUTS

    ReportLayout = apps.get_model("reports", "ReportLayout")
    for code, rules in DEFAULT_LAYOUTS.items():
        ReportLayout.objects.get_or_create(code=code, defaults={"name": rules["name"], "rules": rules})


def unload(apps, schema_editor):
    apps.get_model("reports", "ReportLayout").objects.filter(code__in=["state", "party"]).delete()


class Migration(migrations.Migration):
    dependencies = [("reports", "0001_initial")]
    operations = [migrations.RunPython(load, unload)]
