"""The pre-computed statistics (`StatCount`) and how they are kept exact.

How the counts stay right
-------------------------
1. Every write to an initiative goes through a service of `danvan.initiatives.services`, and
   every such service sends `initiative_changed` inside its transaction, with the counted
   fields before the write (`before`, None for a new initiative) and the saved initiative.
   The bulk entry of historical records (the spreadsheet import) sends `initiatives_entered`
   once per batch instead; `on_initiatives_entered` adds up the same cells for the batch.
2. `on_initiative_changed` turns the "before" and "after" states into the cells they fall in
   (`facts`), for the unit's path and every ancestor path (the roll-up), as −1 and +1, adds
   them up so an unchanged cell cancels out, and applies what is left in ONE statement:
   `INSERT ... ON CONFLICT (cell) DO UPDATE SET count = count + excluded.count`. The increment
   is done by the database on the row it has locked, so two concurrent writes never lose an
   update; cells are written in sorted order so two transactions never wait on each other in
   opposite orders. Since it runs in the service's transaction, a failed write leaves the
   counts untouched too.
3. Bulk loads that bypass the services (the generator, a raw COPY) call `rebuild_counts()`
   (`uv run danvan rebuild_counts`), which recomputes every row from the initiatives in
   SQL, inside one transaction. A test applies random operations through the services and
   checks that the incremental rows equal a rebuild and a direct COUNT over initiatives.
4. Moving a unit in the tree changes the paths the counts were rolled up to: run
   `rebuild_counts` after such a move (unit moves are rare administrative work).
"""

from collections import Counter
from collections.abc import Iterable, Mapping
from typing import Any

from django.db import connection, transaction
from django.dispatch import receiver

from danvan.initiatives.models import Initiative, Status
from danvan.initiatives.signals import initiative_changed, initiatives_entered
from danvan.orgs.models import Unit
from danvan.reports.models import Metric, StatCount

# A cell without its path: (year, half, metric, field, level, kind, status).
Fact = tuple[int, int, str, str, str, str, str]
Cell = tuple[str, int, int, str, str, str, str, str]

COLUMNS = ("path", "year", "half", "metric", "field", "level", "kind", "status")
BATCH = 500


def ancestor_paths(path: str) -> list[str]:
    """ "/VN/P1/C1/" → ["/VN/", "/VN/P1/", "/VN/P1/C1/"]."""
    parts = path.strip("/").split("/")
    return ["/" + "/".join(parts[: i + 1]) + "/" for i in range(len(parts))]


def facts(state: Mapping[str, Any] | None) -> list[Fact]:
    """The cells one initiative in `state` (the counted fields) is counted in."""
    if state is None or state["status"] == Status.DRAFT:
        return []
    field, kind, status = str(state["field_id"]), str(state["kind"]), str(state["status"])
    found: list[Fact] = [
        (int(state["year"]), 0, Metric.REGISTERED.value, field, str(state["registered_level"]), kind, status)
    ]
    recognized_on = state.get("recognized_on")
    if recognized_on is not None:
        year, half = recognized_on.year, 1 if recognized_on.month <= 6 else 2
        level = str(state["recognized_level"])
        found.append((year, half, Metric.RECOGNIZED.value, field, level, kind, status))
        if state["exemplary"]:
            found.append((year, half, Metric.EXEMPLARY.value, field, level, kind, status))
    return found


def total_of(fact: Fact) -> Fact:
    return (fact[0], fact[1], fact[2], "", "", "", "")


def cell_deltas(
    before: tuple[str, Mapping[str, Any] | None], after: tuple[str, Mapping[str, Any] | None]
) -> Counter[Cell]:
    """The change of every cell when an initiative goes from `before` to `after` ((path, state) each)."""
    deltas: Counter[Cell] = Counter()
    for (path, state), sign in ((before, -1), (after, 1)):
        found = facts(state)
        if not found:
            continue
        for ancestor in ancestor_paths(path):
            for fact in found:
                deltas[(ancestor, *fact)] += sign
                deltas[(ancestor, *total_of(fact))] += sign
    return Counter({cell: n for cell, n in deltas.items() if n})


def _table() -> str:
    return connection.ops.quote_name(StatCount._meta.db_table)


def apply_deltas(deltas: Mapping[Cell, int]) -> None:
    """Add `deltas` to the rows, creating the missing ones: one upsert statement per 500 cells."""
    if not deltas:
        return
    table = _table()
    columns = ", ".join(COLUMNS)
    items = sorted(deltas.items())
    with connection.cursor() as cursor:
        for start in range(0, len(items), BATCH):
            chunk = items[start : start + BATCH]
            placeholders = ", ".join(["(%s, %s, %s, %s, %s, %s, %s, %s, %s)"] * len(chunk))
            params: list[Any] = []
            for cell, n in chunk:
                params.extend([*cell, n])
            # Only constant identifiers are formatted in; every value is a parameter.
            cursor.execute(
                f"INSERT INTO {table} ({columns}, count) VALUES {placeholders} "  # noqa: S608
                f"ON CONFLICT ({columns}) DO UPDATE SET count = {table}.count + excluded.count",
                params,
            )


@receiver(initiatives_entered, dispatch_uid="reports-counts-entered")
def on_initiatives_entered(sender: Any, initiatives: list[Initiative], **kwargs: Any) -> None:
    """A batch of new records (the spreadsheet import): the same cells as `initiative_changed` with
    before=None for each, added up and written in one upsert for the whole batch."""
    from danvan.initiatives.services import snapshot

    deltas: Counter[Cell] = Counter()
    for initiative in initiatives:
        deltas.update(cell_deltas((initiative.unit.path, None), (initiative.unit.path, snapshot(initiative))))
    apply_deltas(Counter({cell: n for cell, n in deltas.items() if n}))


@receiver(initiative_changed, dispatch_uid="reports-counts")
def on_initiative_changed(sender: Any, initiative: Initiative, before: Mapping[str, Any] | None, **kwargs: Any) -> None:
    from danvan.initiatives.services import snapshot

    after_path = initiative.unit.path
    before_path = after_path
    if before is not None and before["unit_id"] != initiative.unit_id:
        before_path = Unit.objects.values_list("path", flat=True).get(pk=before["unit_id"])
    apply_deltas(cell_deltas((before_path, before), (after_path, snapshot(initiative))))


def _vendor_sql() -> tuple[str, str]:
    if connection.vendor == "postgresql":
        return "CAST(EXTRACT(YEAR FROM i.recognized_on) AS integer)", (
            "CASE WHEN EXTRACT(MONTH FROM i.recognized_on) <= 6 THEN 1 ELSE 2 END"
        )
    return "CAST(strftime('%%Y', i.recognized_on) AS integer)", (
        "CASE WHEN CAST(strftime('%%m', i.recognized_on) AS integer) <= 6 THEN 1 ELSE 2 END"
    )


@transaction.atomic
def rebuild_counts() -> int:
    """Recompute every row from the initiatives, in SQL, in one transaction. Returns the row count.

    Step 1 counts each unit's own initiatives; step 2 rolls each depth up into the parents,
    deepest first, so a unit's rows hold its whole subtree; step 3 adds the total rows.
    """
    table = _table()
    initiatives = connection.ops.quote_name(Initiative._meta.db_table)
    units = connection.ops.quote_name(Unit._meta.db_table)
    columns = ", ".join(COLUMNS)
    year_sql, half_sql = _vendor_sql()
    upsert = f"ON CONFLICT ({columns}) DO UPDATE SET count = {table}.count + excluded.count"
    selects = [
        # registered: by registration year, every status but draft
        (f"i.year, 0, '{Metric.REGISTERED.value}', i.field, i.registered_level, i.kind, i.status", ""),
        (
            f"{year_sql}, {half_sql}, '{Metric.RECOGNIZED.value}', i.field, i.recognized_level, i.kind, i.status",
            "AND i.recognized_on IS NOT NULL",
        ),
        (
            f"{year_sql}, {half_sql}, '{Metric.EXEMPLARY.value}', i.field, i.recognized_level, i.kind, i.status",
            "AND i.recognized_on IS NOT NULL AND i.exemplary",
        ),
    ]
    with connection.cursor() as cursor:
        cursor.execute(f"DELETE FROM {table}")  # noqa: S608
        for select, condition in selects:
            cursor.execute(
                f"INSERT INTO {table} ({columns}, count) "  # noqa: S608
                f"SELECT u.path, {select}, COUNT(*) FROM {initiatives} i JOIN {units} u ON u.id = i.unit_id "
                f"WHERE i.status <> %s {condition} "
                f"GROUP BY u.path, 2, 3, 4, 5, 6, 7, 8 {upsert}",
                [Status.DRAFT],
            )
        cursor.execute(f"SELECT MAX(depth) FROM {units}")  # noqa: S608
        deepest = cursor.fetchone()[0] or 0
        for depth in range(deepest, 1, -1):
            cursor.execute(
                f"INSERT INTO {table} ({columns}, count) "  # noqa: S608
                f"SELECT p.path, s.year, s.half, s.metric, s.field, s.level, s.kind, s.status, SUM(s.count) "
                f"FROM {table} s JOIN {units} u ON u.path = s.path JOIN {units} p ON p.id = u.parent_id "
                f"WHERE u.depth = %s "
                f"GROUP BY p.path, s.year, s.half, s.metric, s.field, s.level, s.kind, s.status {upsert}",
                [depth],
            )
        cursor.execute(
            f"INSERT INTO {table} ({columns}, count) "  # noqa: S608
            f"SELECT path, year, half, metric, '', '', '', '', SUM(count) FROM {table} WHERE field <> '' "
            f"GROUP BY path, year, half, metric"
        )
        cursor.execute(f"SELECT COUNT(*) FROM {table}")  # noqa: S608
        return int(cursor.fetchone()[0])


def nonzero_rows() -> dict[Cell, int]:
    """Every row with a count, as a dict: what a rebuild and the increments must agree on."""
    rows: Iterable[tuple[Any, ...]] = StatCount.objects.exclude(count=0).values_list(*COLUMNS, "count")
    return {tuple(row[:-1]): row[-1] for row in rows}  # type: ignore[misc]
