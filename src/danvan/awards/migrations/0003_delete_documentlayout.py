from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [("awards", "0002_defaults"), ("documents", "0002_one_layout_model")]
    operations = [migrations.DeleteModel(name="DocumentLayout")]
