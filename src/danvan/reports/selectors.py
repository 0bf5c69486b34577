"""The one family of selectors every screen, export, report and the API read the statistics from.

Rules (../shared/API.md): "registered" counts initiatives by their registration year, every
status but draft; "recognized" and "exemplary" count those whose `recognized_on` falls in the
period; "commended" counts awards in issued decisions dated in the period whose issuer lies
in the scope, by recipient kind (a decision replaced by an issued correction no longer counts).
A scope is a unit's subtree plus the subtrees of the dissolved units it succeeded.

Periods: whole months from a first to a last one (a year, a range, a phase, six or nine months, a
quarter). Registrations count by their day (`registered_on`); a registration whose day is not known
(a historical entry with only its year) counts only in periods that cover its whole year, and
`ScopeStats.undated` says how many such registrations a shorter period leaves out.

Every figure is read from the pre-computed `StatCount` rows of the scope's root paths (see
`danvan.reports.counts`); `stats_direct` counts the same from the initiatives themselves and is
what the tests compare with.
"""

import datetime
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.db.models import Count, Q, Sum

from danvan.core.text import office_in_sentence
from danvan.initiatives.models import Initiative, InitiativeMeasure, Status
from danvan.measures.models import Measure
from danvan.orgs.models import Unit
from danvan.orgs.selectors import paths_q, scope_paths_with_predecessors
from danvan.reports.counts import COMMENDED, DECISIONS, ISSUED, WOMEN, awards_models
from danvan.reports.models import Metric, StatCount
from danvan.reports.periods import Period

METRICS = (Metric.REGISTERED.value, Metric.RECOGNIZED.value, Metric.EXEMPLARY.value)


@dataclass
class Breakdown:
    """One metric of a scope and period: the total and its splits (each split sums to the total)."""

    total: int = 0
    by_level: dict[str, int] = field(default_factory=dict)
    by_field: dict[str, int] = field(default_factory=dict)
    by_kind: dict[str, int] = field(default_factory=dict)
    by_status: dict[str, int] = field(default_factory=dict)
    by_field_kind: dict[tuple[str, str], int] = field(default_factory=dict)

    def add(self, field_code: str, level: str, kind: str, status: str, n: int) -> None:
        self.total += n
        for split, key in (
            (self.by_level, level),
            (self.by_field, field_code),
            (self.by_kind, kind),
            (self.by_status, status),
        ):
            split[key] = split.get(key, 0) + n
        self.by_field_kind[(field_code, kind)] = self.by_field_kind.get((field_code, kind), 0) + n

    def prune(self) -> "Breakdown":
        """Drop zero keys (absent keys mean zero in the API)."""
        for split in (self.by_level, self.by_field, self.by_kind, self.by_status):
            for key in [k for k, v in split.items() if not v]:
                del split[key]
        for pair in [k for k, v in self.by_field_kind.items() if not v]:
            del self.by_field_kind[pair]
        return self

    def as_api(self) -> dict[str, Any]:
        return {
            "total": self.total,
            "by_level": dict(self.by_level),
            "by_field": dict(self.by_field),
            "by_kind": dict(self.by_kind),
        }


@dataclass
class DecisionSummary:
    number: str
    date: datetime.date
    issuer: str
    collectives: int
    individuals: int


@dataclass
class Commended:
    """Awards in the period by recipient kind, and how many decisions made them."""

    total: int = 0
    by_kind: dict[str, int] = field(default_factory=dict)
    decisions: int = 0
    women: dict[str, int] = field(default_factory=dict)  # registered, recognized, commended

    def as_api(self) -> dict[str, Any]:
        return {"total": self.total, "by_kind": dict(self.by_kind), "decisions": self.decisions}

    def women_api(self) -> dict[str, int]:
        return {key: self.women.get(key, 0) for key in ("registered", "recognized", "commended")}


@dataclass
class ScopeStats:
    unit: Unit
    period: Period
    paths: list[str]
    registered: Breakdown
    recognized: Breakdown
    exemplary: Breakdown
    commended: Commended
    # Registrations with only a year (no day), in years the period covers only in part: not counted.
    undated: int = 0

    def metric(self, name: str) -> Breakdown:
        return {"registered": self.registered, "recognized": self.recognized, "exemplary": self.exemplary}[name]

    def as_api(self) -> dict[str, Any]:
        return {
            "unit": self.unit.code,
            "year_from": self.period.year_from,
            "year_to": self.period.year_to,
            "date_from": self.period.start,
            "date_to": self.period.end,
            "registered": self.registered.as_api(),
            "recognized": self.recognized.as_api(),
            "exemplary": self.exemplary.as_api(),
            "commended": self.commended.as_api(),
            "women": self.commended.women_api(),
        }


@dataclass
class ChildRow:
    """One line of the table by child unit. `unit` is None for the line "directly at the unit"."""

    unit: Unit | None
    registered: int = 0
    recognized: int = 0
    exemplary: int = 0
    dissolved: bool = False


def period_q(period: Period) -> Q:
    """The count rows of `period`: the months it spans, and the registrations with no day (month 0)
    of the years it covers whole."""
    first, last = period.full_years
    start, end = (period.year_from, period.month_from), (period.year_to, period.month_to)
    if start[0] == end[0]:
        dated = Q(year=start[0], month__gte=start[1], month__lte=end[1])
    else:
        dated = (
            Q(year=start[0], month__gte=start[1])
            | Q(year__gt=start[0], year__lt=end[0], month__gte=1)
            | Q(year=end[0], month__gte=1, month__lte=end[1])
        )
    if first > last:
        return dated
    return dated | Q(month=0, year__gte=first, year__lte=last)


def undated_q(period: Period) -> Q | None:
    """The rows of registrations with no day in the years `period` covers only in part (left out of it)."""
    first, last = period.full_years
    partial = [y for y in range(period.year_from, period.year_to + 1) if not first <= y <= last]
    return Q(month=0, year__in=partial, metric=Metric.REGISTERED.value) if partial else None


def _metric_breakdowns(rows: list[Any], key: str) -> dict[str, Breakdown]:
    found = {name: Breakdown() for name in METRICS}
    for row in rows:
        if row[key]:
            found[row["metric"]].add(row["field"], row["level"], row["kind"], row["status"], row[key])
    return {name: b.prune() for name, b in found.items()}


def scope_stats(*, unit: Unit, period: Period, paths: list[str] | None = None) -> ScopeStats:
    """Registered, recognised, exemplary and commended for the scope of `unit` in `period`.

    Queries: the scope's predecessor paths (one per generation of dissolved units, usually 1),
    the count rows, the commendations.
    """
    return scope_stats_compared(unit=unit, period=period, paths=paths, previous=False)[0]


def scope_stats_compared(
    *, unit: Unit, period: Period, paths: list[str] | None = None, previous: bool = True
) -> tuple[ScopeStats, ScopeStats | None]:
    """`scope_stats` for the period and, read in the same query, for the previous period."""
    if paths is None:
        paths = scope_paths_with_predecessors(unit)
    before = period.previous() if previous else None
    now_q = period_q(period)
    left_out = undated_q(period)
    wanted = now_q
    sums = {"now": Sum("count", filter=now_q)}
    if before is not None:
        wanted |= period_q(before)
        sums["before"] = Sum("count", filter=period_q(before))
    if left_out is not None:
        wanted |= left_out
        sums["undated"] = Sum("count", filter=left_out)
    # One grouped read: the cells of both periods (and the registrations left out), over the scope's paths.
    rows: list[Any] = list(
        StatCount.objects.filter(wanted, path__in=paths)
        .exclude(field="")
        .values("metric", "field", "level", "kind", "status")
        .annotate(**sums)
        .order_by()
    )
    commended = commended_in(paths=paths, period=period, previous=before)
    now = _metric_breakdowns(rows, "now")
    undated = sum(row.get("undated") or 0 for row in rows)
    current = ScopeStats(
        unit, period, paths, now["registered"], now["recognized"], now["exemplary"], commended[0], undated
    )
    if before is None:
        return current, None
    then = _metric_breakdowns(rows, "before")
    earlier = ScopeStats(unit, before, paths, then["registered"], then["recognized"], then["exemplary"], commended[1])
    return current, earlier


def stats_for_scope(
    *, unit: Unit, year_from: int = 0, year_to: int = 0, period: Period | None = None
) -> dict[str, Any]:
    """The statistics of ../shared/API.md (`GET /api/v1/stats`), exactly in its shape."""
    return scope_stats(unit=unit, period=period or Period(year_from, year_to)).as_api()


def child_rows(
    *, unit: Unit, period: Period, paths: list[str], stats: ScopeStats, ancestors: list[Unit] | None = None
) -> list[ChildRow]:
    """The table by child unit: today's children, the dissolved units whose records roll up here,
    and a line for what is held directly by the unit (so the lines always sum to the totals).
    Given a list as `ancestors`, the units above `unit` are read in the same query and put in it
    (the page's breadcrumbs), highest first.

    Queries: the child units, their total rows.
    """
    predecessors = [p for p in paths if p != unit.path]
    above = unit.ancestor_paths()[:-1] if ancestors is not None else []
    # Dissolved children (with or without a successor) still hold records: shown when they have some.
    units = Unit.objects.filter(Q(parent=unit) | Q(path__in=predecessors) | Q(path__in=above)).only(
        "code", "name", "path", "valid_to"
    )
    by_path: dict[str, ChildRow] = {}
    for found in units:
        if found.path in above and ancestors is not None:
            ancestors.append(found)
        else:
            by_path[found.path] = ChildRow(unit=found, dissolved=found.valid_to is not None)
    if ancestors is not None:
        ancestors.sort(key=lambda u: len(u.path))
    totals = (
        StatCount.objects.filter(period_q(period), path__in=list(by_path), field="", metric__in=METRICS)
        .values_list("path", "metric")
        .annotate(n=Sum("count"))
        .order_by()
    )
    for path, metric, n in totals:
        row = by_path[path]
        setattr(row, metric, getattr(row, metric) + n)
    rows = [r for r in by_path.values() if not r.dissolved or r.registered or r.recognized or r.exemplary]
    rows.sort(key=lambda r: (r.dissolved, -r.registered, r.unit.name if r.unit else ""))
    direct = ChildRow(
        unit=None,
        registered=stats.registered.total - sum(r.registered for r in rows),
        recognized=stats.recognized.total - sum(r.recognized for r in rows),
        exemplary=stats.exemplary.total - sum(r.exemplary for r in rows),
    )
    if direct.registered or direct.recognized or direct.exemplary:
        rows.append(direct)
    return rows


def measured_results(*, paths: list[str], period: Period) -> list[tuple[Measure, Decimal]]:
    """The measured results of the initiatives of the scope recognised in the period, summed by measure,
    in the measures' order, with the measure (for its words): one query."""
    rows = (
        InitiativeMeasure.objects.filter(
            paths_q(paths, "initiative__unit__path"),
            initiative__recognized_on__gte=period.start,
            initiative__recognized_on__lte=period.end,
        )
        .values("measure_id", "measure__name", "measure__unit_label", "measure__phrase", "measure__sort")
        .annotate(total=Sum("value"))
        .order_by("measure__sort", "measure_id")
    )
    return [
        (
            Measure(
                code=row["measure_id"],
                name=row["measure__name"],
                unit_label=row["measure__unit_label"],
                phrase=row["measure__phrase"],
            ),
            row["total"],
        )
        for row in rows
        if row["total"]
    ]


def stats_direct(*, paths: list[str], period: Period) -> dict[str, Breakdown]:
    """The same breakdowns counted straight from the initiatives (the floor, and the tests' oracle)."""
    base = Initiative.objects.filter(paths_q(paths)).exclude(status=Status.DRAFT)
    found = {name: Breakdown() for name in METRICS}
    first, last = period.full_years
    registered = base.filter(
        Q(registered_on__gte=period.start, registered_on__lte=period.end)
        | Q(registered_on__isnull=True, year__gte=first, year__lte=last)
    )
    for row in registered.values("field", "registered_level", "kind", "status").annotate(n=Count("pk")):
        found["registered"].add(row["field"], row["registered_level"], row["kind"], row["status"], row["n"])
    recognized = base.filter(recognized_on__gte=period.start, recognized_on__lte=period.end)
    for rec in recognized.values("field", "recognized_level", "kind", "status", "exemplary").annotate(n=Count("pk")):
        args = (rec["field"], rec["recognized_level"], rec["kind"], rec["status"], rec["n"])
        found["recognized"].add(*args)
        if rec["exemplary"]:
            found["exemplary"].add(*args)
    return {name: b.prune() for name, b in found.items()}


def commended_in(*, paths: list[str], period: Period, previous: Period | None = None) -> tuple[Commended, Commended]:
    """Awards in issued decisions dated in the period (and in `previous`) whose issuer lies in the scope,
    by recipient kind, and the number of decisions; and the women registered, recognised and commended
    (NĐ 152/2025 Điều 4): from the count rows (one query)."""
    now_q = period_q(period)
    wanted, sums = now_q, {"now": Sum("count", filter=now_q)}
    if previous is not None:
        wanted |= period_q(previous)
        sums["before"] = Sum("count", filter=period_q(previous))
    rows: list[Any] = list(
        StatCount.objects.filter(wanted, path__in=paths, metric__in=[COMMENDED, DECISIONS, WOMEN])
        .values("metric", "kind")
        .annotate(**sums)
        .order_by()
    )
    found = (Commended(), Commended())
    for row in rows:
        for index, count in enumerate((row["now"] or 0, row.get("before") or 0)):
            if not count:
                continue
            if row["metric"] == DECISIONS:
                found[index].decisions += count
            elif row["metric"] == WOMEN:
                found[index].women[row["kind"]] = found[index].women.get(row["kind"], 0) + count
            else:
                found[index].total += count
                found[index].by_kind[row["kind"]] = found[index].by_kind.get(row["kind"], 0) + count
    return found


def decisions_listed(*, paths: list[str], period: Period) -> list[DecisionSummary]:
    """The decisions the scope's own unit(s) issued in the period, for the report to name one by one
    (the subtree's other decisions are summed, not listed). One query."""
    models = awards_models()
    if models is None:
        return []
    _decision, award = models
    rows = (
        award.objects.filter(
            decision__issuer_unit__path__in=paths,
            decision__status=ISSUED,
            decision__date__gte=period.start,
            decision__date__lte=period.end,
        )
        .exclude(decision__corrections__status=ISSUED)
        .exclude(decision__revocations__status=ISSUED)
        .values(
            "decision_id", "decision__number", "decision__date", "decision__issuer_unit__name", "decision__authority"
        )
        .annotate(
            collectives=Count("pk", filter=~Q(recipient_kind="individual")),
            individuals=Count("pk", filter=Q(recipient_kind="individual")),
        )
        .order_by("decision__date", "decision__number")
    )
    return [
        DecisionSummary(
            row["decision__number"],
            row["decision__date"],
            office_in_sentence(row["decision__authority"], row["decision__issuer_unit__name"]),
            row["collectives"],
            row["individuals"],
        )
        for row in rows
    ]


__all__ = [
    "Breakdown",
    "ChildRow",
    "Commended",
    "ScopeStats",
    "child_rows",
    "commended_in",
    "decisions_listed",
    "measured_results",
    "period_q",
    "scope_stats",
    "scope_stats_compared",
    "stats_direct",
    "stats_for_scope",
]
