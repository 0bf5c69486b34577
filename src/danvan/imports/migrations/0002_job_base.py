"""Jobs share one base (core.models.Job): the owner named alike, a heartbeat, the worker, the runs.
Columns are renamed, not recreated: existing rows keep their values."""

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("imports", "0001_initial"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.RenameField(model_name="importjob", old_name="created_by", new_name="owner"),
        migrations.AlterField(
            model_name="importjob",
            name="owner",
            field=models.ForeignKey(
                on_delete=django.db.models.deletion.CASCADE,
                related_name="+",
                to=settings.AUTH_USER_MODEL,
                verbose_name="người yêu cầu",
            ),
        ),
        migrations.RenameField(model_name="importjob", old_name="state", new_name="status"),
        migrations.AddField(
            model_name="importjob",
            name="progress",
            field=models.PositiveSmallIntegerField(default=0, verbose_name="tiến độ (%)"),
        ),
        migrations.AddField(
            model_name="importjob",
            name="error",
            field=models.TextField(blank=True, verbose_name="lỗi"),
        ),
        migrations.AddField(
            model_name="importjob",
            name="attempts",
            field=models.PositiveSmallIntegerField(default=0, verbose_name="số lần chạy"),
        ),
        migrations.AddField(
            model_name="importjob",
            name="worker_id",
            field=models.CharField(blank=True, max_length=64, verbose_name="tiến trình nền"),
        ),
        migrations.AddField(
            model_name="importjob",
            name="started_at",
            field=models.DateTimeField(blank=True, null=True, verbose_name="bắt đầu lúc"),
        ),
        migrations.AddField(
            model_name="importjob",
            name="heartbeat_at",
            field=models.DateTimeField(blank=True, null=True, verbose_name="tín hiệu gần nhất"),
        ),
    ]
