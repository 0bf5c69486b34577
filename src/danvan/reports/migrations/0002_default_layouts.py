from django.db import migrations


def load(apps, schema_editor):
    # The rules now live in danvan.documents.layouts; documents.0002 moves what an admin changed.
    ReportLayout = apps.get_model("reports", "ReportLayout")
    for code in ("state", "party"):
        ReportLayout.objects.get_or_create(code=code, defaults={"name": code, "rules": {}})


def unload(apps, schema_editor):
    apps.get_model("reports", "ReportLayout").objects.filter(code__in=["state", "party"]).delete()


class Migration(migrations.Migration):
    dependencies = [("reports", "0001_initial")]
    operations = [migrations.RunPython(load, unload)]
