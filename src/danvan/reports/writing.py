"""The report's content, written from the statistics: Vietnamese sentences, tables and a chart.

Word, PDF and Excel are three renderings of the same `ReportContent`, so they never disagree
with each other nor with the dashboard (all read `selectors.scope_stats`).
"""

import datetime
from dataclasses import dataclass, field
from typing import Any

from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from danvan.core.formatting import vn_date, vn_number, vn_place_date_line
from danvan.core.text import place_name
from danvan.documents.layouts import Layout, load_layout
from danvan.initiatives.measures import measure_totals
from danvan.measures.sentences import measures_sentence
from danvan.movements.models import Field
from danvan.orgs.models import LEVEL_ORDER, Unit
from danvan.reports.charts import Series, bar_chart_svg
from danvan.reports.models import ReportText
from danvan.reports.parts import DIRECTION, RESULTS, Part, PartRequest, report_parts
from danvan.reports.periods import Period
from danvan.reports.selectors import (
    Breakdown,
    ChildRow,
    DecisionSummary,
    ScopeStats,
    child_rows,
    decisions_listed,
    scope_stats_compared,
)

LEVEL_WORDS: dict[str, Any] = {
    "commune": gettext_lazy("cấp xã"),
    "district": gettext_lazy("cấp huyện"),
    "province": gettext_lazy("cấp tỉnh"),
    "central": gettext_lazy("cấp Trung ương"),
}
# The kind of unit a name starts with, as "toàn ..." names the whole of it in a sentence.
SCOPE_UNIT_WORDS: dict[str, Any] = {
    "Thành phố": gettext_lazy("thành phố"),
    "Tỉnh": gettext_lazy("tỉnh"),
    "Xã": gettext_lazy("xã"),
    "Phường": gettext_lazy("phường"),
    "Đặc khu": gettext_lazy("đặc khu"),
    "Huyện": gettext_lazy("huyện"),
    "Quận": gettext_lazy("quận"),
    "Thị xã": gettext_lazy("thị xã"),
}
STATUS_WORDS: dict[str, Any] = {
    "registered": gettext_lazy("đã đăng ký, chưa gửi bình xét"),
    "under_review": gettext_lazy("đang bình xét"),
    "returned": gettext_lazy("được trả lại để bổ sung"),
    "recognized": gettext_lazy("đã được công nhận"),
    "not_recognized": gettext_lazy("không được công nhận"),
}


@dataclass
class Table:
    title: str
    headers: list[str]
    rows: list[list[Any]]  # first column text, others numbers


@dataclass
class Section:
    heading: str
    paragraphs: list[str] = field(default_factory=list)
    tables_after: bool = False  # the tables and the chart follow this section


@dataclass
class ReportContent:
    stats: ScopeStats
    previous: ScopeStats | None
    children: list[ChildRow]
    decisions: list[DecisionSummary]
    field_names: dict[str, str]
    layout: Layout
    issuer: dict[str, str]
    number: str
    place_date: str
    title: str
    subject: str
    sections: list[Section]
    tables: list[Table]
    chart_svg: str
    chart_title: str


def lower_first(text: str) -> str:
    return text[:1].lower() + text[1:] if text else text


def capitalize_first(text: str) -> str:
    return text[:1].upper() + text[1:] if text else text


def scope_words(unit: Unit) -> str:
    """ "toàn tỉnh", "toàn xã", "toàn quốc" ... as a sentence names the whole scope."""
    if unit.kind_id == "central":
        return _("toàn quốc")
    for word, unit_word in SCOPE_UNIT_WORDS.items():
        if unit.name.startswith(word + " "):
            return _("toàn %(unit_word)s") % {"unit_word": unit_word}
    return unit.name


def n(value: int) -> str:
    return vn_number(value)


def _join(parts: list[str]) -> str:
    return "; ".join(parts)


def _by_level(split: dict[str, int], recognized: bool = False) -> str:
    template = _("%(level)s công nhận %(n)s") if recognized else _("%(level)s %(n)s")
    return ", ".join(template % {"level": LEVEL_WORDS[lv], "n": n(split[lv])} for lv in LEVEL_ORDER if split.get(lv))


def _by_field(b: Breakdown, names: dict[str, str], with_kinds: bool = False) -> str:
    parts = []
    for code, name in names.items():
        if not b.by_field.get(code):
            continue
        text = f"{lower_first(name)} {n(b.by_field[code])}"
        if with_kinds:
            c, i = b.by_field_kind.get((code, "collective"), 0), b.by_field_kind.get((code, "individual"), 0)
            text += f" ({kinds_words(c, i, ', ')})"
        parts.append(text)
    return _join(parts)


def kinds_words(collective: int, individual: int, joiner: str | None = None) -> str:
    """ "3 mô hình tập thể và 2 điển hình cá nhân", leaving out a kind that has none."""
    parts = []
    if collective or not individual:
        parts.append(_("%(n)s mô hình tập thể") % {"n": n(collective)})
    if individual:
        parts.append(_("%(n)s điển hình cá nhân") % {"n": n(individual)})
    return (joiner if joiner is not None else _(" và ")).join(parts)


def recipients_words(collectives: int, individuals: int) -> str:
    """ "5 tập thể và 1 cá nhân", "2 cá nhân": the recipients of a decision."""
    parts = []
    if collectives or not individuals:
        parts.append(_("%(n)s tập thể") % {"n": n(collectives)})
    if individuals:
        parts.append(_("%(n)s cá nhân") % {"n": n(individuals)})
    return _(" và ").join(parts)


def _change(now: int, before: int, what: str, label: str) -> str:
    if before == 0:
        return ""
    diff = now - before
    if diff == 0:
        return _("bằng %(label)s về số %(what)s") % {"label": label, "what": what}
    values = {"n": n(abs(diff)), "what": what, "percent": vn_number(abs(diff) * 100 / before, 1), "label": label}
    if diff > 0:
        return _("tăng %(n)s %(what)s (%(percent)s%%) so với %(label)s") % values
    return _("giảm %(n)s %(what)s (%(percent)s%%) so với %(label)s") % values


def results_paragraphs(
    stats: ScopeStats, previous: ScopeStats | None, names: dict[str, str], decisions: list[DecisionSummary]
) -> dict[str, list[str]]:
    """The sentences of the results section, by sub-section."""
    period = capitalize_first(stats.period.label())
    where = scope_words(stats.unit)
    reg, rec, ex, com = stats.registered, stats.recognized, stats.exemplary, stats.commended
    out: dict[str, list[str]] = {"registered": [], "recognized": [], "exemplary": [], "commended": []}
    if reg.total:
        collective, individual = reg.by_kind.get("collective", 0), reg.by_kind.get("individual", 0)
        out["registered"].append(
            _(
                "%(period)s, %(where)s có %(n)s mô hình, điển hình đăng ký thực hiện phong trào thi đua "
                "“Dân vận khéo” (%(kinds)s), trong đó %(levels)s."
            )
            % {
                "period": period,
                "where": where,
                "n": n(reg.total),
                "kinds": kinds_words(collective, individual, ", "),
                "levels": _by_level(reg.by_level),
            }
        )
        out["registered"].append(_("Theo lĩnh vực: %(fields)s.") % {"fields": _by_field(reg, names)})
    else:
        out["registered"].append(
            _("%(period)s, %(where)s chưa có mô hình, điển hình nào đăng ký trên hệ thống.")
            % {"period": period, "where": where}
        )
    if stats.undated:
        out["registered"].append(
            _(
                "Ngoài ra, %(n)s mô hình, điển hình nhập từ số liệu lịch sử chỉ có năm đăng ký, không có ngày, nên "
                "không được tính trong kỳ này; chúng được tính trong các kỳ trọn năm."
            )
            % {"n": n(stats.undated)}
        )
    if previous is not None:
        change = _change(reg.total, previous.registered.total, _("mô hình, điển hình đăng ký"), previous.period.label())
        if change:
            out["registered"].append(_("Số mô hình, điển hình đăng ký %(change)s.") % {"change": change})
    if rec.total:
        collective, individual = rec.by_kind.get("collective", 0), rec.by_kind.get("individual", 0)
        out["recognized"].append(
            _("Các cấp đã công nhận %(n)s mô hình, điển hình, gồm %(kinds)s; trong đó %(levels)s.")
            % {"n": n(rec.total), "kinds": kinds_words(collective, individual), "levels": _by_level(rec.by_level, True)}
        )
        out["recognized"].append(_("Theo lĩnh vực: %(fields)s.") % {"fields": _by_field(rec, names, with_kinds=True)})
        if previous is not None:
            change = _change(
                rec.total, previous.recognized.total, _("mô hình, điển hình được công nhận"), previous.period.label()
            )
            if change:
                out["recognized"].append(_("Số được công nhận %(change)s.") % {"change": change})
    else:
        out["recognized"].append(_("%(period)s, chưa có mô hình, điển hình nào được công nhận.") % {"period": period})
    if ex.total:
        collective, individual = ex.by_kind.get("collective", 0), ex.by_kind.get("individual", 0)
        out["exemplary"].append(
            _("Có %(n)s mô hình, điển hình được lựa chọn là tiêu biểu (%(kinds)s); theo lĩnh vực: %(fields)s.")
            % {"n": n(ex.total), "kinds": kinds_words(collective, individual, ", "), "fields": _by_field(ex, names)}
        )
    else:
        out["exemplary"].append(_("Chưa có mô hình, điển hình nào được lựa chọn là tiêu biểu trong kỳ."))
    if com.decisions:
        out["commended"].append(
            _(
                "Có %(decisions)s quyết định khen thưởng %(recipients)s có thành tích xuất sắc trong phong trào "
                "thi đua “Dân vận khéo”, trong đó:"
            )
            % {
                "decisions": n(com.decisions),
                "recipients": recipients_words(com.by_kind.get("collective", 0), com.by_kind.get("individual", 0)),
            }
        )
        for d in decisions:
            out["commended"].append(
                _("- Quyết định số %(number)s ngày %(date)s của %(issuer)s khen thưởng %(recipients)s.")
                % {
                    "number": d.number,
                    "date": vn_date(d.date),
                    "issuer": d.issuer,
                    "recipients": recipients_words(d.collectives, d.individuals),
                }
            )
        rest = com.decisions - len(decisions)
        if rest > 0:
            collectives = com.by_kind.get("collective", 0) - sum(d.collectives for d in decisions)
            individuals = com.by_kind.get("individual", 0) - sum(d.individuals for d in decisions)
            out["commended"].append(
                _("- Các đơn vị trực thuộc ban hành %(n)s quyết định khen thưởng %(recipients)s.")
                % {"n": n(rest), "recipients": recipients_words(collectives, individuals)}
            )
    else:
        out["commended"].append(_("Trong kỳ chưa có quyết định khen thưởng nào được ghi nhận trên hệ thống."))
    women = com.women_api()
    if any(women.values()):
        out["commended"].append(
            _(
                "Về nữ (Nghị định số 152/2025/NĐ-CP, Điều 4): %(registered)s điển hình là nữ đăng ký, %(recognized)s "
                "được công nhận, %(commended)s được khen thưởng."
            )
            % {key: n(value) for key, value in women.items()}
        )
    return out


def field_table(stats: ScopeStats, names: dict[str, str]) -> Table:
    rows = []
    for code, name in names.items():
        rec = stats.recognized
        row = [
            name,
            stats.registered.by_field.get(code, 0),
            rec.by_field.get(code, 0),
            rec.by_field_kind.get((code, "collective"), 0),
            rec.by_field_kind.get((code, "individual"), 0),
            stats.exemplary.by_field.get(code, 0),
        ]
        if any(row[1:]):
            rows.append(row)
    rows.append(
        [
            _("Tổng cộng"),
            stats.registered.total,
            stats.recognized.total,
            stats.recognized.by_kind.get("collective", 0),
            stats.recognized.by_kind.get("individual", 0),
            stats.exemplary.total,
        ]
    )
    return Table(
        _("Bảng 1. Kết quả theo lĩnh vực"),
        [_("Lĩnh vực"), _("Đăng ký"), _("Được công nhận"), _("Tập thể"), _("Cá nhân"), _("Tiêu biểu")],
        rows,
    )


def child_table(children: list[ChildRow], stats: ScopeStats) -> Table:
    rows: list[list[Any]] = []
    empty = 0
    for row in children:
        if not (row.registered or row.recognized or row.exemplary):
            empty += 1
            continue
        if row.unit is None:
            name = _("Trực tiếp tại %(name)s") % {"name": stats.unit.name}
        else:
            name = row.unit.name + (_(" (đã giải thể, số liệu chuyển về đơn vị kế thừa)") if row.dissolved else "")
        rows.append([name, row.registered, row.recognized, row.exemplary])
    if empty:
        rows.append([_("%(n)s đơn vị khác chưa có số liệu trong kỳ") % {"n": n(empty)}, 0, 0, 0])
    rows.append([_("Tổng cộng"), stats.registered.total, stats.recognized.total, stats.exemplary.total])
    return Table(
        _("Bảng 2. Kết quả theo đơn vị"), [_("Đơn vị"), _("Đăng ký"), _("Được công nhận"), _("Tiêu biểu")], rows
    )


def field_chart(stats: ScopeStats, names: dict[str, str], font: str = "Liberation Sans") -> tuple[str, str]:
    title = _("Mô hình, điển hình theo lĩnh vực, %(period)s") % {"period": stats.period.label()}
    codes = list(names)
    svg = bar_chart_svg(
        title=title,
        categories=[names[c] for c in codes],
        series=[
            Series(_("Đăng ký"), [stats.registered.by_field.get(c, 0) for c in codes]),
            Series(_("Được công nhận"), [stats.recognized.by_field.get(c, 0) for c in codes]),
            Series(_("Tiêu biểu"), [stats.exemplary.by_field.get(c, 0) for c in codes]),
        ],
        font=font,
    )
    return title, svg


def field_names() -> dict[str, str]:
    return dict(Field.objects.order_by("sort", "code").values_list("code", "name"))


ROMAN = ("I", "II", "III", "IV", "V", "VI")


def report_text(unit: Unit, period: Period) -> ReportText | None:
    """What the unit wrote itself for this period (sections II–IV), if anything."""
    return ReportText.objects.filter(
        unit=unit,
        year_from=period.year_from,
        month_from=period.month_from,
        year_to=period.year_to,
        month_to=period.month_to,
    ).first()


def _paragraphs(text: str) -> list[str]:
    return [line.strip() for line in text.replace("\r\n", "\n").split("\n") if line.strip()]


def measures_paragraphs(unit: Unit, period: Period) -> list[str]:
    """The measured results of the models recognised in the period, in one sentence (none when all are zero)."""
    sentence = measures_sentence(measure_totals(unit, period.start, period.end))
    if not sentence:
        return []
    return [
        _("Các mô hình, điển hình được công nhận %(period)s đã %(results)s.")
        % {"period": period.label(), "results": sentence}
    ]


def report_sections(
    *,
    unit: Unit,
    period: Period,
    paragraphs: dict[str, list[str]],
    round_id: int | None = None,
) -> list[Section]:
    """The sections of the report, numbered as they come: the movement's figures, the measured results,
    what the apps above add (key tasks, the subordinate units' reports), then what the unit wrote. A part
    with nothing to say is left out; nothing is left for someone to fill in by hand."""
    parts = report_parts(PartRequest(unit=unit, period=period, round_id=round_id))
    results: list[tuple[str, list[str], bool]] = [
        (_("Đăng ký mô hình, điển hình"), paragraphs["registered"], False),
        (_("Công nhận mô hình, điển hình"), paragraphs["recognized"], False),
        (_("Mô hình, điển hình tiêu biểu"), paragraphs["exemplary"], False),
        (_("Khen thưởng"), paragraphs["commended"], True),
    ]
    measured = measures_paragraphs(unit, period)
    if measured:
        results.append((_("Kết quả định lượng của các mô hình, điển hình"), measured, False))
    results += [(p.heading, p.paragraphs, False) for p in parts if p.place == RESULTS and p.paragraphs]
    sections = [Section(_("I. KẾT QUẢ THỰC HIỆN"))]
    for index, (heading, lines, tables) in enumerate(results, start=1):
        sections.append(Section(f"{index}. {heading}", lines, tables_after=tables))
    written = report_text(unit, period)
    ahead: list[Part] = [p for p in parts if p.place == DIRECTION and p.paragraphs]
    tails: list[tuple[str, list[str]]] = []
    if written and _paragraphs(written.evaluation):
        tails.append((_("ĐÁNH GIÁ CHUNG"), _paragraphs(written.evaluation)))
    direction = _paragraphs(written.direction) if written else []
    for part in ahead:
        direction += [part.heading + ":", *part.paragraphs]
    if direction:
        tails.append((_("PHƯƠNG HƯỚNG, NHIỆM VỤ THỜI GIAN TỚI"), direction))
    if written and _paragraphs(written.proposals):
        tails.append((_("ĐỀ XUẤT, KIẾN NGHỊ"), _paragraphs(written.proposals)))
    for index, (heading, lines) in enumerate(tails, start=2):
        sections.append(Section(f"{ROMAN[index - 1]}. {heading}", lines))
    return sections


def build_report_content(
    *,
    unit: Unit,
    period: Period,
    layout: str = "state",
    number: str = "",
    day: datetime.date | None = None,
    round_id: int | None = None,
) -> ReportContent:
    """Everything a document shows, computed once (queries: scope, counts, awards, children, fields, layout,
    parent, measured results, the unit's own text, and what the key tasks and the round add)."""
    stats, previous = scope_stats_compared(unit=unit, period=period)
    children = child_rows(unit=unit, period=period, paths=stats.paths, stats=stats)
    names = field_names()
    shape = load_layout(layout)
    parent = Unit.objects.filter(pk=unit.parent_id).first() if unit.parent_id else None
    issuer = shape.issuer(unit.kind_id, unit_name=unit.name, parent_name=parent.name if parent else "")
    # Nghị định 30: the place of the issuer — a commune's report is dated at the commune.
    place = "Hà Nội" if unit.kind_id == "central" else place_name(_place_unit(unit, parent).name)
    report = shape.kind("report")
    decisions = decisions_listed(paths=stats.paths, period=period)
    paragraphs = results_paragraphs(stats, previous, names, decisions)
    sections = report_sections(unit=unit, period=period, paragraphs=paragraphs, round_id=round_id)
    chart_title, chart_svg = field_chart(stats, names)
    return ReportContent(
        stats=stats,
        previous=previous,
        children=children,
        decisions=decisions,
        field_names=names,
        layout=shape,
        issuer=issuer,
        number=number,
        place_date=vn_place_date_line(place, day or timezone.localdate()),
        title=report["title"],
        subject=report["subject"].format(period=period.label()),
        sections=sections,
        tables=[field_table(stats, names), child_table(children, stats)],
        chart_svg=chart_svg,
        chart_title=chart_title,
    )


PLACE_LEVELS = ("province", "district", "commune")


def _place_unit(unit: Unit, parent: Unit | None) -> Unit:
    """The unit whose name dates a document: the issuer itself when it is a province, district or
    commune; otherwise (a village, an office) the nearest of those above it."""
    if unit.kind_id in PLACE_LEVELS or parent is None:
        return unit
    above = Unit.objects.filter(path__in=unit.ancestor_paths(), kind_id__in=PLACE_LEVELS).order_by("-depth").first()
    return above or parent


def number_line(content: ReportContent) -> str:
    return content.layout.number_line(content.number, kind="report", abbr=content.issuer["abbr"])
