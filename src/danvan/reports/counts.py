"""The pre-computed statistics (`StatCount`) and how they are kept exact.

How the counts stay right
-------------------------
1. Every write to an initiative goes through a service of `danvan.initiatives.services`, and
   every such service hands an `InitiativeChange` to the followers (`initiatives.changes`) inside
   its transaction, with the counted fields before the write (`before`, None for a new
   initiative) and after it.
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
4. A bulk writer that changes thousands of records (the spreadsheet import) wraps its call in
   `changes.bulk()` (which enters `deferred_counts()`) inside its transaction: the deltas are added
   up in memory and applied in a few large upserts at the end, still before the commit.
5. Moving a unit in the tree changes the paths the counts were rolled up to: run
   `rebuild_counts` after such a move (unit moves are rare administrative work).
6. Every change of the rows bumps `StatsVersion` in the same transaction (so do changes of units
   and fields, which the figures are shown with); dashboards cache their figures under it.
"""

from collections import Counter
from collections.abc import Iterable, Mapping
from contextlib import AbstractContextManager
from contextvars import ContextVar
from typing import Any

from django.db import connection, transaction
from django.db.models import F

from danvan.core.deferral import deferred
from danvan.initiatives.changes import InitiativeChange
from danvan.initiatives.models import Initiative, Status
from danvan.orgs.models import Unit
from danvan.reports.models import Metric, StatCount, StatsVersion

# A cell without its path: (year, month, metric, field, level, kind, status); month 0 for a registration
# whose day is not known (counted only in periods of whole years).
# Women (NĐ 152/2025 Điều 4): individuals whose person is female, in cells of metric WOMEN whose kind
# says what was counted (registered, recognized, commended); field, level and status are empty.
WOMEN = "women"
Fact = tuple[int, int, str, str, str, str, str]
Cell = tuple[str, int, int, str, str, str, str, str]

COLUMNS = ("path", "year", "month", "metric", "field", "level", "kind", "status")
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
    registered_on = state.get("registered_on")
    month = registered_on.month if registered_on is not None else 0
    year = int(state["year"])
    found: list[Fact] = [(year, month, Metric.REGISTERED.value, field, str(state["registered_level"]), kind, status)]
    woman = kind == "individual" and state.get("person_gender") == "female"
    if woman:
        found.append((year, month, WOMEN, "", "", Metric.REGISTERED.value, ""))
    recognized_on = state.get("recognized_on")
    if recognized_on is not None:
        year, month = recognized_on.year, recognized_on.month
        level = str(state["recognized_level"])
        found.append((year, month, Metric.RECOGNIZED.value, field, level, kind, status))
        if state["exemplary"]:
            found.append((year, month, Metric.EXEMPLARY.value, field, level, kind, status))
        if woman:
            found.append((year, month, WOMEN, "", "", Metric.RECOGNIZED.value, ""))
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
                if fact[2] != WOMEN:  # women cells are their own totals
                    deltas[(ancestor, *total_of(fact))] += sign
    return Counter({cell: n for cell, n in deltas.items() if n})


def _table() -> str:
    return connection.ops.quote_name(StatCount._meta.db_table)


def version_bump() -> None:
    """The counts (or what they are shown with) changed: what was cached from them is stale."""
    StatsVersion.objects.filter(pk=1).update(number=F("number") + 1)


def on_names_changed(sender: Any, **kwargs: Any) -> None:
    """A unit or a field was saved or deleted: the cached figures show their names."""
    version_bump()


def version_current() -> int:
    """The number cached figures are kept under (the row is made again if a flush removed it)."""
    number = StatsVersion.objects.filter(pk=1).values_list("number", flat=True).first()
    if number is None:
        number = StatsVersion.objects.get_or_create(pk=1)[0].number
    return number


def apply_deltas(deltas: Mapping[Cell, int]) -> None:
    """Add `deltas` to the rows, creating the missing ones: one upsert statement per 500 cells."""
    if not deltas:
        return
    version_bump()
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


_pending: ContextVar[Counter[Cell] | None] = ContextVar("statcount_pending", default=None)


def deferred_counts() -> AbstractContextManager[None]:
    """Add up the count changes of many writes and apply them once at the end of the block
    (`core.deferral`: inside the writes' transaction, nothing applied if the block raises)."""
    return deferred(_pending, Counter, lambda work: apply_deltas(Counter({c: n for c, n in work.items() if n})))


def on_initiative_changed(change: InitiativeChange) -> None:
    """Follower of the initiatives (`changes.follow`, from `ReportsConfig.ready`)."""
    before, initiative = change.before, change.initiative
    after_path = initiative.unit.path
    before_path = after_path
    if before is not None and before["unit_id"] != initiative.unit_id:
        before_path = Unit.objects.values_list("path", flat=True).get(pk=before["unit_id"])
    deltas = cell_deltas((before_path, before), (after_path, change.after))
    pending = _pending.get()
    if pending is None:
        apply_deltas(deltas)
    else:
        pending.update(deltas)


def _vendor_sql(column: str) -> tuple[str, str]:
    """SQL for the year and the month (1–12; 0 when the date is empty) of a date column (a constant identifier)."""
    if connection.vendor == "postgresql":
        return f"CAST(EXTRACT(YEAR FROM {column}) AS integer)", (
            f"COALESCE(CAST(EXTRACT(MONTH FROM {column}) AS integer), 0)"
        )
    return f"CAST(strftime('%%Y', {column}) AS integer)", (f"COALESCE(CAST(strftime('%%m', {column}) AS integer), 0)")


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
    year_sql, month_sql = _vendor_sql("i.recognized_on")
    _year, registered_month = _vendor_sql("i.registered_on")
    upsert = f"ON CONFLICT ({columns}) DO UPDATE SET count = {table}.count + excluded.count"
    selects = [
        # registered: by registration year and the month of the day (0 when not known), every status but draft
        (
            f"i.year, {registered_month}, '{Metric.REGISTERED.value}', i.field, i.registered_level, i.kind, i.status",
            "",
        ),
        (
            f"{year_sql}, {month_sql}, '{Metric.RECOGNIZED.value}', i.field, i.recognized_level, i.kind, i.status",
            "AND i.recognized_on IS NOT NULL",
        ),
        (
            f"{year_sql}, {month_sql}, '{Metric.EXEMPLARY.value}', i.field, i.recognized_level, i.kind, i.status",
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
        for select, condition in (
            (f"i.year, {registered_month}, '{WOMEN}', '', '', '{Metric.REGISTERED.value}', ''", ""),
            (
                f"{year_sql}, {month_sql}, '{WOMEN}', '', '', '{Metric.RECOGNIZED.value}', ''",
                "AND i.recognized_on IS NOT NULL",
            ),
        ):
            cursor.execute(
                f"INSERT INTO {table} ({columns}, count) "  # noqa: S608
                f"SELECT u.path, {select}, COUNT(*) FROM {initiatives} i JOIN {units} u ON u.id = i.unit_id "
                f"WHERE i.status <> %s AND i.kind = 'individual' AND i.person_gender = 'female' {condition} "
                f"GROUP BY u.path, 2, 3, 4, 5, 6, 7, 8 {upsert}",
                [Status.DRAFT],
            )
        _rebuild_commended(cursor, table, units, upsert)
        cursor.execute(f"SELECT MAX(depth) FROM {units}")  # noqa: S608
        deepest = cursor.fetchone()[0] or 0
        for depth in range(deepest, 1, -1):
            cursor.execute(
                f"INSERT INTO {table} ({columns}, count) "  # noqa: S608
                f"SELECT p.path, s.year, s.month, s.metric, s.field, s.level, s.kind, s.status, SUM(s.count) "
                f"FROM {table} s JOIN {units} u ON u.path = s.path JOIN {units} p ON p.id = u.parent_id "
                f"WHERE u.depth = %s "
                f"GROUP BY p.path, s.year, s.month, s.metric, s.field, s.level, s.kind, s.status {upsert}",
                [depth],
            )
        cursor.execute(
            f"INSERT INTO {table} ({columns}, count) "  # noqa: S608
            f"SELECT path, year, month, metric, '', '', '', '', SUM(count) FROM {table} "
            f"WHERE field <> '' AND metric IN "
            f"('{Metric.REGISTERED.value}', '{Metric.RECOGNIZED.value}', '{Metric.EXEMPLARY.value}') "
            f"GROUP BY path, year, month, metric"
        )
        cursor.execute(f"SELECT COUNT(*) FROM {table}")  # noqa: S608
        count = int(cursor.fetchone()[0])
    version_bump()
    return count


def _rebuild_commended(cursor: Any, table: str, units: str, upsert: str) -> None:
    """Awards by recipient kind and decisions, at the issuing unit's path, for issued decisions that no
    issued correction replaced (the same rule as `on_decision_saved`)."""
    models = awards_models()
    if models is None:
        return
    decision_model, award_model = models
    decisions = connection.ops.quote_name(decision_model._meta.db_table)
    awards = connection.ops.quote_name(award_model._meta.db_table)
    columns = ", ".join(COLUMNS)
    year_sql, month_sql = _vendor_sql("d.date")
    counted = (
        f"d.status = %s AND d.revokes_id IS NULL "  # noqa: S608
        f"AND NOT EXISTS (SELECT 1 FROM {decisions} c WHERE c.corrects_id = d.id AND c.status = %s) "
        f"AND NOT EXISTS (SELECT 1 FROM {decisions} r WHERE r.revokes_id = d.id AND r.status = %s)"
    )
    cursor.execute(
        f"INSERT INTO {table} ({columns}, count) "  # noqa: S608
        f"SELECT u.path, {year_sql}, {month_sql}, '{COMMENDED}', '', '', a.recipient_kind, '', COUNT(*) "
        f"FROM {awards} a JOIN {decisions} d ON d.id = a.decision_id JOIN {units} u ON u.id = d.issuer_unit_id "
        f"WHERE {counted} GROUP BY u.path, 2, 3, 7 {upsert}",
        [ISSUED, ISSUED, ISSUED],
    )
    cursor.execute(
        f"INSERT INTO {table} ({columns}, count) "  # noqa: S608
        f"SELECT u.path, {year_sql}, {month_sql}, '{WOMEN}', '', '', '{COMMENDED}', '', COUNT(*) "
        f"FROM {awards} a JOIN {decisions} d ON d.id = a.decision_id JOIN {units} u ON u.id = d.issuer_unit_id "
        f"WHERE {counted} AND a.recipient_kind = 'individual' AND a.recipient_gender = 'female' "
        f"GROUP BY u.path, 2, 3 {upsert}",
        [ISSUED, ISSUED, ISSUED],
    )
    cursor.execute(
        f"INSERT INTO {table} ({columns}, count) "  # noqa: S608
        f"SELECT u.path, {year_sql}, {month_sql}, '{DECISIONS}', '', '', '', '', COUNT(*) "
        f"FROM {decisions} d JOIN {units} u ON u.id = d.issuer_unit_id "
        f"WHERE {counted} GROUP BY u.path, 2, 3 {upsert}",
        [ISSUED, ISSUED, ISSUED],
    )


# Commendations ----------------------------------------------------------------------------------

COMMENDED = "commended"  # awards, with kind = the recipient kind
DECISIONS = "decisions"  # decisions, kind ""
ISSUED = "issued"


def awards_models() -> tuple[Any, Any] | None:
    from django.apps import apps

    try:
        decision, award = "Decision", "Award"  # looked up at run time: the awards app is optional
        return apps.get_model("awards", decision), apps.get_model("awards", award)
    except LookupError:
        return None


def decision_deltas(path: str, day: Any, kinds: Iterable[str], sign: int, women: int = 0) -> Counter[Cell]:
    """The cells of one decision: itself, its awards by recipient kind, and its women (`women` awards to
    an individual who is female)."""
    month = day.month
    deltas: Counter[Cell] = Counter()
    for ancestor in ancestor_paths(path):
        deltas[(ancestor, day.year, month, DECISIONS, "", "", "", "")] += sign
        for kind in kinds:
            deltas[(ancestor, day.year, month, COMMENDED, "", "", str(kind), "")] += sign
        if women:
            deltas[(ancestor, day.year, month, WOMEN, "", "", COMMENDED, "")] += sign * women
    return deltas


def on_decision_saved(sender: Any, instance: Any, update_fields: Any = None, **kwargs: Any) -> None:
    """A decision counts from the moment it is issued (issued decisions never change); a correction,
    once issued, replaces the decision it corrects."""
    if instance.status != ISSUED or update_fields is None or "status" not in update_fields:
        return
    decision_model, award_model = awards_models()  # type: ignore[misc]
    if instance.revokes_id is not None:
        # A revocation counts as nothing itself; the decision it revokes (or the correction that
        # replaced it) stops counting.
        revoked = decision_model.objects.filter(pk=instance.revokes_id).values_list("pk", flat=True)
        deltas = _decision_counted(decision_model, award_model, revoked.get(), -1)
        _apply_or_defer(deltas)
        return
    deltas = _decision_counted(decision_model, award_model, instance.pk, +1)
    if instance.corrects_id is not None:
        other_corrections = decision_model.objects.filter(corrects_id=instance.corrects_id, status=ISSUED).exclude(
            pk=instance.pk
        )
        if not other_corrections.exists():
            deltas.update(_decision_counted(decision_model, award_model, instance.corrects_id, -1))
    _apply_or_defer(deltas)


def _apply_or_defer(deltas: Counter[Cell]) -> None:
    pending = _pending.get()
    if pending is None:
        apply_deltas(Counter({cell: n for cell, n in deltas.items() if n}))
    else:
        pending.update(deltas)


def _decision_counted(decision_model: Any, award_model: Any, pk: int, sign: int) -> Counter[Cell]:
    path, day = decision_model.objects.filter(pk=pk).values_list("issuer_unit__path", "date").get()
    rows = list(award_model.objects.filter(decision_id=pk).values_list("recipient_kind", "recipient_gender"))
    women = sum(1 for kind, gender in rows if kind == "individual" and gender == "female")
    return decision_deltas(path, day, [kind for kind, _gender in rows], sign, women)


def nonzero_rows() -> dict[Cell, int]:
    """Every row with a count, as a dict: what a rebuild and the increments must agree on."""
    rows: Iterable[tuple[Any, ...]] = StatCount.objects.exclude(count=0).values_list(*COLUMNS, "count")
    return {tuple(row[:-1]): row[-1] for row in rows}  # type: ignore[misc]
