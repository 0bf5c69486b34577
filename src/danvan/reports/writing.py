"""The report's content, written from the statistics: Vietnamese sentences, tables and a chart.

Word, PDF and Excel are three renderings of the same `ReportContent`, so they never disagree
with each other nor with the dashboard (all read `selectors.scope_stats`).
"""

import datetime
from dataclasses import dataclass, field
from typing import Any

from django.utils import timezone

from danvan.core.formatting import vn_date, vn_number, vn_place_date_line
from danvan.movements.models import Field
from danvan.orgs.models import LEVEL_ORDER, Unit
from danvan.reports.charts import Series, bar_chart_svg
from danvan.reports.layouts import issuer_block, layout_rules, place_name
from danvan.reports.periods import Period
from danvan.reports.selectors import Breakdown, ChildRow, ScopeStats, child_rows, scope_stats_compared

LEVEL_WORDS = {"commune": "cấp xã", "district": "cấp huyện", "province": "cấp tỉnh", "central": "cấp Trung ương"}
STATUS_WORDS = {
    "registered": "đã đăng ký, chưa gửi bình xét",
    "under_review": "đang bình xét",
    "returned": "được trả lại để bổ sung",
    "recognized": "đã được công nhận",
    "not_recognized": "không được công nhận",
}
PLACEHOLDER = "[Phần để đơn vị tự viết: {what}. Xóa dòng hướng dẫn này khi hoàn thiện.]"


@dataclass
class Table:
    title: str
    headers: list[str]
    rows: list[list[Any]]  # first column text, others numbers


@dataclass
class Section:
    heading: str
    paragraphs: list[str] = field(default_factory=list)
    placeholder: str = ""  # a clearly marked place for people to write


@dataclass
class ReportContent:
    stats: ScopeStats
    previous: ScopeStats | None
    children: list[ChildRow]
    field_names: dict[str, str]
    rules: dict[str, Any]
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
        return "toàn quốc"
    for word in ("Thành phố", "Tỉnh", "Xã", "Phường", "Đặc khu", "Huyện", "Quận", "Thị xã"):
        if unit.name.startswith(word + " "):
            return "toàn " + word.lower()
    return unit.name


def n(value: int) -> str:
    return vn_number(value)


def _join(parts: list[str]) -> str:
    return "; ".join(parts)


def _by_level(split: dict[str, int], verb: str = "") -> str:
    return ", ".join(f"{LEVEL_WORDS[lv]}{verb} {n(split[lv])}" for lv in LEVEL_ORDER if split.get(lv))


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


def kinds_words(collective: int, individual: int, joiner: str = " và ") -> str:
    """ "3 mô hình tập thể và 2 điển hình cá nhân", leaving out a kind that has none."""
    parts = []
    if collective or not individual:
        parts.append(f"{n(collective)} mô hình tập thể")
    if individual:
        parts.append(f"{n(individual)} điển hình cá nhân")
    return joiner.join(parts)


def _change(now: int, before: int, what: str, label: str) -> str:
    if before == 0:
        return ""
    diff = now - before
    if diff == 0:
        return f"bằng {label} về số {what}"
    word = "tăng" if diff > 0 else "giảm"
    percent = vn_number(abs(diff) * 100 / before, 1)
    return f"{word} {n(abs(diff))} {what} ({percent}%) so với {label}"


def results_paragraphs(stats: ScopeStats, previous: ScopeStats | None, names: dict[str, str]) -> dict[str, list[str]]:
    """The sentences of the results section, by sub-section."""
    period = capitalize_first(stats.period.label())
    where = scope_words(stats.unit)
    reg, rec, ex, com = stats.registered, stats.recognized, stats.exemplary, stats.commended
    out: dict[str, list[str]] = {"registered": [], "recognized": [], "exemplary": [], "commended": []}
    if reg.total:
        collective, individual = reg.by_kind.get("collective", 0), reg.by_kind.get("individual", 0)
        out["registered"].append(
            f"{period}, {where} có {n(reg.total)} mô hình, điển hình đăng ký thực hiện phong trào thi đua "
            f"“Dân vận khéo” ({kinds_words(collective, individual, ', ')}), "
            f"trong đó {_by_level(reg.by_level)}."
        )
        out["registered"].append(f"Theo lĩnh vực: {_by_field(reg, names)}.")
    else:
        out["registered"].append(f"{period}, {where} chưa có mô hình, điển hình nào đăng ký trên hệ thống.")
    if previous is not None:
        change = _change(reg.total, previous.registered.total, "mô hình, điển hình đăng ký", previous.period.label())
        if change:
            out["registered"].append(f"Số mô hình, điển hình đăng ký {change}.")
    if rec.total:
        collective, individual = rec.by_kind.get("collective", 0), rec.by_kind.get("individual", 0)
        out["recognized"].append(
            f"Các cấp đã công nhận {n(rec.total)} mô hình, điển hình, gồm {kinds_words(collective, individual)}; "
            f"trong đó {_by_level(rec.by_level, ' công nhận')}."
        )
        out["recognized"].append(f"Theo lĩnh vực: {_by_field(rec, names, with_kinds=True)}.")
        if previous is not None:
            change = _change(
                rec.total, previous.recognized.total, "mô hình, điển hình được công nhận", previous.period.label()
            )
            if change:
                out["recognized"].append(f"Số được công nhận {change}.")
    else:
        out["recognized"].append(f"{period}, chưa có mô hình, điển hình nào được công nhận.")
    if ex.total:
        collective, individual = ex.by_kind.get("collective", 0), ex.by_kind.get("individual", 0)
        out["exemplary"].append(
            f"Có {n(ex.total)} mô hình, điển hình được lựa chọn là tiêu biểu "
            f"({kinds_words(collective, individual, ', ')}); theo lĩnh vực: {_by_field(ex, names)}."
        )
    else:
        out["exemplary"].append("Chưa có mô hình, điển hình nào được lựa chọn là tiêu biểu trong kỳ.")
    if com.decisions:
        collectives, individuals = com.by_kind.get("collective", 0), com.by_kind.get("individual", 0)
        out["commended"].append(
            f"Có {n(len(com.decisions))} quyết định khen thưởng {n(collectives)} tập thể và {n(individuals)} cá nhân "
            f"có thành tích xuất sắc trong phong trào thi đua “Dân vận khéo”:"
        )
        for d in com.decisions:
            out["commended"].append(
                f"- Quyết định số {d.number} ngày {vn_date(d.date)} của {d.issuer} khen thưởng "
                f"{n(d.collectives)} tập thể và {n(d.individuals)} cá nhân."
            )
    else:
        out["commended"].append("Trong kỳ chưa có quyết định khen thưởng nào được ghi nhận trên hệ thống.")
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
            "Tổng cộng",
            stats.registered.total,
            stats.recognized.total,
            stats.recognized.by_kind.get("collective", 0),
            stats.recognized.by_kind.get("individual", 0),
            stats.exemplary.total,
        ]
    )
    return Table(
        "Bảng 1. Kết quả theo lĩnh vực",
        ["Lĩnh vực", "Đăng ký", "Được công nhận", "Tập thể", "Cá nhân", "Tiêu biểu"],
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
            name = f"Trực tiếp tại {stats.unit.name}"
        else:
            name = row.unit.name + (" (đã giải thể, số liệu chuyển về đơn vị kế thừa)" if row.dissolved else "")
        rows.append([name, row.registered, row.recognized, row.exemplary])
    if empty:
        rows.append([f"{n(empty)} đơn vị khác chưa có số liệu trong kỳ", 0, 0, 0])
    rows.append(["Tổng cộng", stats.registered.total, stats.recognized.total, stats.exemplary.total])
    return Table("Bảng 2. Kết quả theo đơn vị", ["Đơn vị", "Đăng ký", "Được công nhận", "Tiêu biểu"], rows)


def field_chart(stats: ScopeStats, names: dict[str, str], font: str = "Liberation Sans") -> tuple[str, str]:
    title = f"Mô hình, điển hình theo lĩnh vực, {stats.period.label()}"
    codes = list(names)
    svg = bar_chart_svg(
        title=title,
        categories=[names[c] for c in codes],
        series=[
            Series("Đăng ký", [stats.registered.by_field.get(c, 0) for c in codes]),
            Series("Được công nhận", [stats.recognized.by_field.get(c, 0) for c in codes]),
            Series("Tiêu biểu", [stats.exemplary.by_field.get(c, 0) for c in codes]),
        ],
        font=font,
    )
    return title, svg


def field_names() -> dict[str, str]:
    return dict(Field.objects.order_by("sort", "code").values_list("code", "name"))


def build_report_content(
    *, unit: Unit, period: Period, layout: str = "state", number: str = "", day: datetime.date | None = None
) -> ReportContent:
    """Everything a document shows, computed once (queries: scope, counts, awards, children, fields, layout, parent)."""
    stats, previous = scope_stats_compared(unit=unit, period=period)
    children = child_rows(unit=unit, period=period, paths=stats.paths, stats=stats)
    names = field_names()
    rules = layout_rules(layout)
    parent = Unit.objects.filter(pk=unit.parent_id).first() if unit.parent_id else None
    level_key = unit.kind_id if unit.kind_id in rules["issuers"] else "other"
    issuer = issuer_block(rules, unit, parent, level_key)
    place = (
        "Hà Nội"
        if unit.kind_id == "central"
        else place_name(unit if unit.kind_id == "province" or not parent else _province_of(unit, parent))
    )
    paragraphs = results_paragraphs(stats, previous, names)
    sections = [
        Section("I. KẾT QUẢ THỰC HIỆN"),
        Section("1. Đăng ký mô hình, điển hình", paragraphs["registered"]),
        Section("2. Công nhận mô hình, điển hình", paragraphs["recognized"]),
        Section("3. Mô hình, điển hình tiêu biểu", paragraphs["exemplary"]),
        Section("4. Khen thưởng", paragraphs["commended"]),
        Section(
            "II. ĐÁNH GIÁ CHUNG",
            placeholder=PLACEHOLDER.format(what="ưu điểm, hạn chế, nguyên nhân và bài học kinh nghiệm"),
        ),
        Section(
            "III. PHƯƠNG HƯỚNG, NHIỆM VỤ THỜI GIAN TỚI",
            placeholder=PLACEHOLDER.format(what="phương hướng, nhiệm vụ và giải pháp thời gian tới"),
        ),
        Section("IV. ĐỀ XUẤT, KIẾN NGHỊ", placeholder=PLACEHOLDER.format(what="đề xuất, kiến nghị với cấp trên")),
    ]
    chart_title, chart_svg = field_chart(stats, names)
    return ReportContent(
        stats=stats,
        previous=previous,
        children=children,
        field_names=names,
        rules=rules,
        issuer=issuer,
        number=number,
        place_date=vn_place_date_line(place, day or timezone.localdate()),
        title=rules["title"],
        subject=rules["subject"].format(period=period.label()),
        sections=sections,
        tables=[field_table(stats, names), child_table(children, stats)],
        chart_svg=chart_svg,
        chart_title=chart_title,
    )


def _province_of(unit: Unit, parent: Unit) -> Unit:
    """The province above a unit, for the place line; the parent when the tree is shallow."""
    province = Unit.objects.filter(path__in=unit.ancestor_paths(), kind_id="province").first()
    return province or parent


def number_line(content: ReportContent) -> str:
    number = content.number or "\u00a0" * 6
    return content.rules["number_format"].format(number=number, abbr=content.issuer["abbr"]).rstrip("-/")
