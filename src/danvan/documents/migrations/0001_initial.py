from django.db import migrations, models


class Migration(migrations.Migration):
    initial = True

    dependencies: list[tuple[str, str]] = []

    operations = [
        migrations.CreateModel(
            name="Layout",
            fields=[
                ("code", models.SlugField(max_length=32, primary_key=True, serialize=False)),
                ("name", models.CharField(max_length=255, verbose_name="tên thể thức")),
                ("rules", models.JSONField(blank=True, default=dict, verbose_name="quy tắc thể thức đã sửa")),
                ("updated_at", models.DateTimeField(auto_now=True)),
            ],
            options={
                "verbose_name": "thể thức văn bản",
                "verbose_name_plural": "thể thức văn bản",
                "ordering": ["code"],
            },
        ),
    ]
