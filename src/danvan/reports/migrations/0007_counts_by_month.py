"""The counts are kept by month (any period of whole months, "6 tháng đầu năm", "9 tháng", a quarter),
registrations by the month of their day (0 when only the year is known); reports remember their months.

The old rows (by half-year) cannot be split into months: they are recomputed from the records."""

from typing import Any

from django.db import migrations, models


def recount(apps: Any, schema_editor: Any) -> None:
    StatCount = apps.get_model("reports", "StatCount")
    Initiative = apps.get_model("initiatives", "Initiative")
    Decision = apps.get_model("awards", "Decision")
    StatCount.objects.all().delete()
    if not Initiative.objects.exists() and not Decision.objects.exists():
        return  # a new database: nothing to count
    from danvan.reports.counts import rebuild_counts

    rebuild_counts()


def first_half_months(apps: Any, schema_editor: Any) -> None:
    Report = apps.get_model("reports", "Report")
    Report.objects.filter(first_half=True).update(month_from=1, month_to=6)


class Migration(migrations.Migration):
    dependencies = [
        ("reports", "0006_job_base"),
        ("initiatives", "0007_registered_on"),
        ("awards", "0005_rules"),
    ]

    operations = [
        migrations.RemoveConstraint(model_name="statcount", name="statcount_cell"),
        migrations.RemoveIndex(model_name="statcount", name="statcount_total_rows"),
        migrations.RenameField(model_name="statcount", old_name="half", new_name="month"),
        migrations.AlterModelOptions(
            name="statcount",
            options={
                "ordering": ["path", "year", "month", "metric"],
                "verbose_name": "số đếm thống kê",
                "verbose_name_plural": "số đếm thống kê",
            },
        ),
        migrations.AddConstraint(
            model_name="statcount",
            constraint=models.UniqueConstraint(
                fields=("path", "year", "month", "metric", "field", "level", "kind", "status"), name="statcount_cell"
            ),
        ),
        migrations.AddIndex(
            model_name="statcount",
            index=models.Index(
                condition=models.Q(("field", "")),
                fields=["path", "year", "month", "metric", "count"],
                name="statcount_total_rows",
            ),
        ),
        migrations.AddField(
            model_name="report",
            name="month_from",
            field=models.PositiveSmallIntegerField(default=1, verbose_name="từ tháng"),
        ),
        migrations.AddField(
            model_name="report",
            name="month_to",
            field=models.PositiveSmallIntegerField(default=12, verbose_name="đến tháng"),
        ),
        migrations.RunPython(first_half_months, migrations.RunPython.noop),
        migrations.RunPython(recount, migrations.RunPython.noop),
    ]
