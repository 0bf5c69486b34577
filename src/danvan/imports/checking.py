"""Check every row of an import before anything is written, and report every problem by row and
column in Vietnamese. The rules themselves are the services' (`historical_errors`,
`may_enter_record`): this module only turns cells into values and says where a problem sits."""

import hashlib
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Any

from django.utils.translation import gettext as _

from danvan.core.actors import Actor
from danvan.core.text import fold, nfc
from danvan.imports.reading import SheetRow, as_date, stream_rows
from danvan.initiatives.models import Initiative, Status
from danvan.initiatives.services import HistoricalEntry, InitiativeData, historical_errors, may_enter_record
from danvan.initiatives.spreadsheet import BY_KEY
from danvan.movements.models import Field, InitiativeKind
from danvan.orgs.models import Level, Unit

CHUNK = 500
PROGRESS_EVERY = 2_000
MAX_LENGTHS = {"title": 500, "person_name": 255, "person_position": 255, "person_unit": 255, "row_key": 100}
TEXT_KEYS = [
    "title", "summary", "person_name", "person_position", "person_unit", "problem", "goals", "content",
    "area_served", "forces", "resources", "results", "sustainability",
]  # fmt: skip

KINDS = {
    **dict.fromkeys(["collective", "mo hinh", "tap the", "mo hinh (tap the)", "mo hinh tap the"], "collective"),
    **dict.fromkeys(["individual", "dien hinh", "ca nhan", "dien hinh (ca nhan)", "dien hinh ca nhan"], "individual"),
}
LEVELS = {
    **dict.fromkeys(["commune", "xa", "cap xa", "phuong", "dac khu", "xa, phuong"], Level.COMMUNE),
    **dict.fromkeys(["district", "huyen", "cap huyen", "quan", "thi xa"], Level.DISTRICT),
    **dict.fromkeys(["province", "tinh", "cap tinh", "thanh pho", "tinh, thanh pho"], Level.PROVINCE),
    **dict.fromkeys(["central", "trung uong", "cap trung uong", "tw"], Level.CENTRAL),
}
STATUSES = {
    **dict.fromkeys(["registered", "da dang ky", "dang ky"], Status.REGISTERED),
    **dict.fromkeys(["recognized", "da cong nhan", "cong nhan"], Status.RECOGNIZED),
    **dict.fromkeys(["not_recognized", "khong cong nhan", "khong duoc cong nhan"], Status.NOT_RECOGNIZED),
}
YES = {"x", "co", "1", "true", "yes", "tieu bieu", "la tieu bieu"}
NO = {"", "khong", "0", "false", "no"}


@dataclass(frozen=True)
class Problem:
    row: int
    column: str
    message: str

    def as_dict(self) -> dict[str, Any]:
        return {"row": self.row, "column": self.column, "message": self.message}

    def __str__(self) -> str:
        where = _("Dòng %(row)s") % {"row": self.row} if self.row else _("Tệp")
        if self.column:
            where += ", " + _("cột “%(col)s”") % {"col": self.column}
        return f"{where}: {self.message}"


@dataclass(slots=True)
class ParsedRow:
    number: int
    values: dict[str, Any]
    unit_ref: str
    row_key: str


@dataclass
class CheckResult:
    total_rows: int = 0
    entries: list[HistoricalEntry] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    bad_rows: set[int] = field(default_factory=set)
    skipped_rows: int = 0  # already in danvan: re-importing changes nothing
    file_error: str = ""

    @property
    def valid(self) -> bool:
        return not self.file_error and not self.problems


def _header(key: str) -> str:
    return str(BY_KEY[key].header) if key in BY_KEY else ""


class _Row:
    """Collects the problems of one row while its cells are read."""

    def __init__(self, result: CheckResult, number: int) -> None:
        self.result, self.number = result, number

    def problem(self, key: str, message: str) -> None:
        self.result.problems.append(Problem(self.number, _header(key), message))
        self.result.bad_rows.add(self.number)


def _choice(row: _Row, values: dict[str, Any], key: str, table: Mapping[str, str], default: str, hint: str) -> str:
    raw = values.get(key)
    if raw is None:
        return default
    found = table.get(fold(str(raw)))
    if found is None:
        row.problem(key, _("“%(value)s” không hợp lệ; %(hint)s") % {"value": str(raw)[:60], "hint": hint})
        return default
    return found


def _year(row: _Row, raw: Any) -> int:
    if isinstance(raw, int | float) and not isinstance(raw, bool) and float(raw).is_integer():
        return int(raw)
    text = str(raw or "").strip()
    if text.isdigit() and len(text) == 4:
        return int(text)
    if raw is None:
        row.problem("year", _("Thiếu năm đăng ký."))
    else:
        row.problem("year", _("“%(value)s” không phải là năm; hãy ghi bốn chữ số, ví dụ 2021.") % {"value": text[:20]})
    return 0


def parse_row(result: CheckResult, sheet_row: SheetRow, fields: dict[str, Field]) -> tuple[ParsedRow, dict[str, Any]]:
    """Cells to values; the unit is resolved later for the whole file at once."""
    row = _Row(result, sheet_row.number)
    cells = sheet_row.values
    for key in sheet_row.formulas:
        row.problem(key, _("Ô chứa công thức, không phải giá trị. Hãy sao chép rồi dán dạng giá trị (Paste Values)."))
    values: dict[str, Any] = {}
    for key in TEXT_KEYS:
        text = nfc(str(cells.get(key, ""))).replace("\x00", "")
        if key in MAX_LENGTHS and len(text) > MAX_LENGTHS[key]:
            row.problem(key, _("Dài quá %(n)s ký tự.") % {"n": MAX_LENGTHS[key]})
        values[key] = text
    if not values["title"]:
        row.problem("title", _("Thiếu tên mô hình, điển hình."))
    values["kind"] = _choice(row, cells, "kind", KINDS, "", _("hãy ghi “Mô hình” hoặc “Điển hình”."))
    if "kind" not in cells:
        row.problem("kind", _("Thiếu loại: hãy ghi “Mô hình” hoặc “Điển hình”."))
    field_raw = cells.get("field")
    values["field"] = fields.get(fold(str(field_raw))) if field_raw is not None else None
    if field_raw is None:
        row.problem("field", _("Thiếu lĩnh vực."))
    elif values["field"] is None:
        row.problem(
            "field",
            _("Không có lĩnh vực “%(value)s”. Các lĩnh vực: %(names)s.")
            % {"value": str(field_raw)[:60], "names": "; ".join(sorted({f.name for f in fields.values()}))},
        )
    values["year"] = _year(row, cells.get("year"))
    values["registered_level"] = _choice(
        row, cells, "registered_level", LEVELS, "", _("hãy ghi xã, huyện, tỉnh hoặc trung ương.")
    )
    values["recognized_level"] = _choice(
        row, cells, "recognized_level", LEVELS, "", _("hãy ghi xã, huyện, tỉnh hoặc trung ương.")
    )
    values["status"] = _choice(
        row, cells, "status", STATUSES, Status.REGISTERED, _("hãy ghi Đã đăng ký, Đã công nhận hoặc Không công nhận.")
    )
    exemplary = fold(str(cells.get("exemplary", "")))
    values["exemplary"] = exemplary in YES
    if exemplary not in YES | NO:
        row.problem("exemplary", _("Hãy ghi “x” nếu là tiêu biểu, để trống nếu không."))
    for key in ("registered_on", "recognized_on", "start_date", "end_date"):
        try:
            values[key] = as_date(cells.get(key))
        except ValueError as exc:
            row.problem(key, str(exc))
            values[key] = None
    unit_ref = nfc(str(cells.get("unit", "")))
    if not unit_ref:
        row.problem("unit", _("Thiếu đơn vị: hãy ghi mã hoặc tên đúng của đơn vị."))
    row_key = nfc(str(cells.get("row_key", "")))[: MAX_LENGTHS["row_key"] + 1]
    if len(row_key) > MAX_LENGTHS["row_key"]:
        row.problem("row_key", _("Dài quá %(n)s ký tự.") % {"n": MAX_LENGTHS["row_key"]})
    return ParsedRow(sheet_row.number, values, unit_ref, row_key), values


def _chunks(items: list[Any]) -> Iterable[list[Any]]:
    for start in range(0, len(items), CHUNK):
        yield items[start : start + CHUNK]


def resolve_units(refs: set[str]) -> dict[str, Unit | str]:
    """Unit references (codes first, then exact names) to units; a message for those that fail."""
    found: dict[str, Unit | str] = {}
    refs_list = sorted(refs)
    for chunk in _chunks(refs_list):
        for unit in Unit.objects.filter(code__in=chunk):
            found[unit.code] = unit
    names = [r for r in refs_list if r not in found]
    by_name: dict[str, list[Unit]] = {}
    for chunk in _chunks(names):
        for unit in Unit.objects.filter(name__in=chunk):
            by_name.setdefault(unit.name, []).append(unit)
    for name in names:
        units = by_name.get(name, [])
        if len(units) == 1:
            found[name] = units[0]
        elif units:
            codes = ", ".join(u.code for u in units[:5])
            found[name] = _("Có %(n)s đơn vị cùng tên “%(name)s” (mã %(codes)s): hãy ghi mã đơn vị.") % {
                "n": len(units), "name": name, "codes": codes}  # fmt: skip
        else:
            found[name] = _("Không có đơn vị mã hoặc tên “%(ref)s”. Hãy ghi đúng mã hoặc tên trong cây đơn vị.") % {
                "ref": name[:80]}  # fmt: skip
    return found


def import_key(unit: Unit, parsed: ParsedRow) -> str:
    """The row's stable key: its "Mã dòng" within the unit, or else unit + year + folded title + person."""
    v = parsed.values
    if parsed.row_key:
        source = f"row|{unit.code}|{parsed.row_key}"
    else:
        source = f"auto|{unit.code}|{v['year']}|{fold(v['title'])}|{fold(v['person_name'])}"
    return hashlib.sha256(source.encode("utf-8", "replace")).hexdigest()


Natural = tuple[int, int, str, str]


def natural_key(entry: HistoricalEntry) -> Natural:
    d = entry.data
    return (d.unit.pk, d.year, fold(d.title), fold(d.person_name))


def _already_in_danvan(keys: list[str], natural: set[Natural]) -> tuple[set[str], set[Natural]]:
    """Which keys were imported before, and which (unit, year, folded title, person) exist already."""
    seen_keys: set[str] = set()
    for chunk in _chunks(keys):
        seen_keys.update(Initiative.objects.filter(import_key__in=chunk).values_list("import_key", flat=True))  # type: ignore[arg-type]
    seen_natural: set[Natural] = set()
    unit_ids = sorted({n[0] for n in natural})
    years = sorted({n[1] for n in natural})
    for chunk in _chunks(unit_ids):
        rows = Initiative.objects.filter(unit_id__in=chunk, year__in=years).values_list(
            "unit_id", "year", "title", "person_name"
        )
        seen_natural.update((u, y, fold(t), fold(p)) for u, y, t, p in rows)
    return seen_keys, seen_natural & natural


def check_file(
    source: str | Path | IO[bytes], *, by: Actor, progress: Callable[[int, int], None] | None = None
) -> CheckResult:
    """Read and check the whole file; never writes. `progress(rows_read, rows_declared)` is called
    every few thousand rows."""
    from danvan.imports.reading import ImportFileError

    result = CheckResult()
    fields: dict[str, Field] = {}
    for f in Field.objects.all():
        fields[f.code] = fields[fold(f.name)] = f
    parsed_rows: list[ParsedRow] = []
    try:
        header, rows, declared = stream_rows(source)
        if header.problems:
            result.problems.extend(Problem(1, "", message) for message in header.problems)
            return result
        for sheet_row in rows:
            parsed, _values = parse_row(result, sheet_row, fields)
            parsed_rows.append(parsed)
            if progress is not None and len(parsed_rows) % PROGRESS_EVERY == 0:
                progress(len(parsed_rows), declared)
    except ImportFileError as exc:
        result.file_error = exc.message
        return result
    result.total_rows = len(parsed_rows)
    if not parsed_rows:
        result.file_error = _("Bảng tính không có dòng dữ liệu nào dưới dòng tiêu đề.")
        return result
    _finish(result, parsed_rows, by)
    return result


def _finish(result: CheckResult, parsed_rows: list[ParsedRow], by: Actor) -> None:
    units = resolve_units({p.unit_ref for p in parsed_rows if p.unit_ref})
    candidates: list[tuple[ParsedRow, HistoricalEntry]] = []
    first_row_of_key: dict[str, int] = {}
    for parsed in parsed_rows:
        row = _Row(result, parsed.number)
        unit = units.get(parsed.unit_ref) if parsed.unit_ref else None
        if isinstance(unit, str):
            row.problem("unit", unit)
            continue
        if unit is None:
            continue
        v = parsed.values
        entry = HistoricalEntry(
            data=InitiativeData(
                title=v["title"],
                kind=v["kind"] or InitiativeKind.COLLECTIVE,
                field=v["field"],
                unit=unit,
                year=v["year"],
                registered_level=v["registered_level"] or (unit.level if unit.level in Level.values else Level.COMMUNE),
                **{k: v[k] for k in TEXT_KEYS if k != "title"},
                start_date=v["start_date"],
                end_date=v["end_date"],
                registered_on=v["registered_on"],
            ),
            status=v["status"],
            recognized_level=v["recognized_level"],
            recognized_on=v["recognized_on"],
            exemplary=v["exemplary"],
        )
        if not may_enter_record(by, unit, entry.status):
            row.problem(
                "unit",
                _("Đơn vị “%(unit)s” nằm ngoài phạm vi bạn được nhập số liệu ở trạng thái này.") % {"unit": unit.name},
            )
        if parsed.number not in result.bad_rows:  # the services' rules, once the cells are sound
            for key, messages in historical_errors(entry, by).items():
                for message in messages:
                    row.problem(key if key in BY_KEY else "", message)
        entry.import_key = import_key(unit, parsed)
        parsed.values = {}  # the cells now live in the entry: keep one copy of 100,000 rows, not two
        if entry.import_key in first_row_of_key:
            row.problem(
                "row_key" if parsed.row_key else "title",
                _("Trùng với dòng %(row)s (cùng đơn vị, năm và tên, hoặc cùng mã dòng).")
                % {"row": first_row_of_key[entry.import_key]},
            )
        else:
            first_row_of_key[entry.import_key] = parsed.number
        candidates.append((parsed, entry))
    good = [(p, e) for p, e in candidates if p.number not in result.bad_rows]
    # A row with a "Mã dòng" is known by it alone; one without is also known by unit, year, title, person.
    natural = {natural_key(e) for p, e in good if not p.row_key}
    seen_keys, seen_natural = _already_in_danvan([e.import_key for _p, e in good if e.import_key], natural)
    for parsed, entry in good:
        if entry.import_key in seen_keys or (not parsed.row_key and natural_key(entry) in seen_natural):
            result.skipped_rows += 1
        else:
            result.entries.append(entry)
