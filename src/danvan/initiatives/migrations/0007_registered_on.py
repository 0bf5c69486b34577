# The day of registration. Filled from the log for initiatives registered through the platform (the day of
# their `register` event, when it falls in their registration year); historical entries keep only their year.

from typing import Any

from django.db import migrations, models
from django.db.models import Min
from django.utils import timezone

BATCH = 1000


def fill_registered_on(apps: Any, schema_editor: Any) -> None:
    Initiative = apps.get_model("initiatives", "Initiative")
    InitiativeEvent = apps.get_model("initiatives", "InitiativeEvent")
    firsts = (
        InitiativeEvent.objects.filter(action="register", initiative__historical=False)
        .values_list("initiative_id")
        .annotate(first=Min("at"))
        .order_by()
    )
    pending: list[tuple[int, Any]] = []
    for initiative_id, first in firsts.iterator(chunk_size=BATCH):
        pending.append((initiative_id, timezone.localtime(first).date()))
        if len(pending) >= BATCH:
            _write(Initiative, pending)
            pending = []
    _write(Initiative, pending)


def _write(Initiative: Any, pending: list[tuple[int, Any]]) -> None:
    if not pending:
        return
    years = dict(Initiative.objects.filter(pk__in=[pk for pk, _day in pending]).values_list("pk", "year"))
    rows = [Initiative(pk=pk, registered_on=day) for pk, day in pending if years.get(pk) == day.year]
    Initiative.objects.bulk_update(rows, ["registered_on"], batch_size=BATCH)


class Migration(migrations.Migration):
    dependencies = [
        ("initiatives", "0006_merge_0005_gender_0005_initiativemeasure"),
    ]

    operations = [
        migrations.AddField(
            model_name="initiative",
            name="registered_on",
            field=models.DateField(blank=True, null=True, verbose_name="ngày đăng ký"),
        ),
        migrations.RunPython(fill_registered_on, migrations.RunPython.noop),
    ]
