from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [("reports", "0004_stats_version"), ("documents", "0002_one_layout_model")]
    operations = [migrations.DeleteModel(name="ReportLayout")]
