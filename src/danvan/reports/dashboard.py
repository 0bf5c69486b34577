"""What the dashboard page shows, read through the selectors (so it never disagrees with the
documents and the API)."""

from dataclasses import dataclass
from typing import Any
from urllib.parse import urlencode

from django.core.cache import cache
from django.urls import reverse
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import get_language, pgettext
from django.utils.translation import gettext as _

from danvan.core.actors import Visitor
from danvan.core.amounts import vn_amount
from danvan.core.formatting import data_name, grouped
from danvan.measures.sentences import measures_sentence
from danvan.orgs.access import ALL_ROLES, has_role, roles_of
from danvan.orgs.models import LEVEL_ORDER, Level, Unit
from danvan.reports.charts import Series, bar_chart_figure
from danvan.reports.counts import version_current
from danvan.reports.periods import Period
from danvan.reports.selectors import ChildRow, child_rows, measured_results, scope_stats_compared
from danvan.reports.writing import field_names

__all__ = ["ALL_ROLES", "dashboard_context"]


@dataclass
class Headline:
    label: str
    now: int
    before: int

    @property
    def diff(self) -> int:
        return self.now - self.before

    @property
    def change(self) -> int:
        return abs(self.diff)

    @property
    def percent(self) -> float | None:
        return abs(self.diff) * 100 / self.before if self.before else None


def _svg(title: str, categories: list[str], series: list[Series]) -> SafeString:
    return mark_safe(bar_chart_figure(title=title, categories=categories, series=series))  # noqa: S308 - escaped by charts.py


def child_table_rows(*, unit: Unit, rows: list[ChildRow], query: str) -> SafeString:
    """The lines of the table by child unit as HTML. A province has up to 170 communes: escaped and
    joined here, they cost a fraction of the same lines in the template language (measured at 1 M
    initiatives: the province dashboard 39 → 25 ms)."""
    # one reverse for every line: the code is the only part of the address that changes
    before, after = reverse("reports-dashboard", args=["CODE"]).split("CODE")
    after += "?" + query
    dissolved = escape(_("đã giải thể, số liệu tính về đơn vị kế thừa"))
    # each cell named by its column, for the table that reflows on a phone
    unit_label = escape(_("Đơn vị"))
    labels = [escape(pgettext("statistics: initiatives registered", "Đăng ký")), escape(_("Được công nhận"))]
    labels.append(escape(_("Tiêu biểu")))
    lines = []
    for row in rows:
        name: str
        if row.unit is None:
            name = escape(_("Trực tiếp tại %(name)s") % {"name": unit.name})
        else:
            href = escape(before + row.unit.code + after)
            name = f'<a href="{href}">{escape(row.unit.name)}</a>'
            if row.dissolved:
                name += f' <span class="muted">({dissolved})</span>'
        figures = "".join(
            f'<td data-label="{label}" class="num">{grouped(n)}</td>'
            for label, n in zip(labels, (row.registered, row.recognized, row.exemplary), strict=True)
        )
        lines.append(f'<tr><td data-label="{unit_label}">{name}</td>{figures}</tr>')
    return mark_safe("\n".join(lines))  # noqa: S308 - every piece of text above is escaped


CACHE_SECONDS = 3600


def dashboard_context(*, user: Visitor, unit: Unit, period: Period) -> dict[str, Any]:
    """What the page shows. The figures are cached under the statistics' version (`StatsVersion`),
    so a leader who opens the dashboard again, or a colleague of the same unit, gets them without
    a query; the first write after that makes them be read afresh.

    Queries: the version; on a miss also scope paths, count rows (both periods), awards, children,
    child totals, fields, breadcrumbs."""
    version = version_current()
    span = f"{period.year_from}.{period.month_from}:{period.year_to}.{period.month_to}"
    key = f"dashboard:{unit.pk}:{span}:{get_language()}:{version}"
    figures = cache.get(key)
    if figures is None:
        figures = dashboard_figures(unit=unit, period=period)
        cache.set(key, figures, CACHE_SECONDS)
    scopes = sorted({m.unit.path: m.unit for m in roles_of(user)}.values(), key=lambda u: u.path)
    # Units above the person's scope are named, not linked: their dashboards would refuse them.
    crumbs = [(u, has_role(user, u, ALL_ROLES)) for u in figures["breadcrumbs"]]
    return {**figures, "unit": unit, "scopes": scopes, "crumbs": crumbs}


def dashboard_figures(*, unit: Unit, period: Period) -> dict[str, Any]:
    """Everything of the page that depends on the unit, the period and the data, not on the person."""
    stats, previous = scope_stats_compared(unit=unit, period=period)
    assert previous is not None
    breadcrumbs: list[Unit] = []
    children = child_rows(unit=unit, period=period, paths=stats.paths, stats=stats, ancestors=breadcrumbs)
    measured = measured_results(paths=stats.paths, period=period)
    names = field_names()
    headlines = [
        Headline(
            pgettext("statistics: initiatives registered", "Đăng ký"), stats.registered.total, previous.registered.total
        ),
        Headline(_("Được công nhận"), stats.recognized.total, previous.recognized.total),
        Headline(_("Tiêu biểu"), stats.exemplary.total, previous.exemplary.total),
        Headline(_("Được khen thưởng"), stats.commended.total, previous.commended.total),
    ]
    codes = list(names)
    by_field = _svg(
        _("Theo lĩnh vực"),
        [data_name(names[c]) for c in codes],
        [
            Series(
                pgettext("statistics: initiatives registered", "Đăng ký"),
                [stats.registered.by_field.get(c, 0) for c in codes],
            ),
            Series(_("Được công nhận"), [stats.recognized.by_field.get(c, 0) for c in codes]),
            Series(_("Tiêu biểu"), [stats.exemplary.by_field.get(c, 0) for c in codes]),
        ],
    )
    levels = [lv for lv in LEVEL_ORDER if stats.registered.by_level.get(lv) or stats.recognized.by_level.get(lv)]
    by_level = _svg(
        _("Theo cấp"),
        [str(Level(lv).label) for lv in levels],
        [
            Series(
                pgettext("statistics: initiatives registered", "Đăng ký"),
                [stats.registered.by_level.get(lv, 0) for lv in levels],
            ),
            Series(_("Được công nhận"), [stats.recognized.by_level.get(lv, 0) for lv in levels]),
        ],
    )
    by_kind = [
        (
            _("Mô hình tập thể"),
            stats.registered.by_kind.get("collective", 0),
            stats.recognized.by_kind.get("collective", 0),
        ),
        (
            _("Điển hình cá nhân"),
            stats.registered.by_kind.get("individual", 0),
            stats.recognized.by_kind.get("individual", 0),
        ),
    ]
    shown = [r for r in children if r.registered or r.recognized or r.exemplary]
    query = urlencode(period.query())
    return {
        "period": period,
        "query": query,
        "previous": previous,
        "stats": stats,
        "headlines": headlines,
        "children": shown,
        "children_html": child_table_rows(unit=unit, rows=shown, query=query),
        "children_empty": [r.unit for r in children if not (r.registered or r.recognized or r.exemplary)],
        "chart_field": by_field,
        "chart_level": by_level,
        "by_kind": by_kind,
        "by_status": sorted(stats.registered.by_status.items(), key=lambda kv: -kv[1]),
        "breadcrumbs": breadcrumbs,
        "measures_sentence": measures_sentence({m.code: total for m, total in measured}, [m for m, _t in measured]),
        "measures": [(data_name(m.name), vn_amount(total), data_name(m.unit_label)) for m, total in measured],
    }
