"""Reading an uploaded spreadsheet safely and fast.

Checks before the sheet is parsed: it is a zip (an .xlsx is one), it is not a zip bomb (declared
sizes and compression ratios; zipfile never inflates past a declared size), and its first sheet
holds a sane number of rows, counted on the raw XML. The same pass finds the cells that hold a
formula (the reader below sees only a formula's last computed value). Then python-calamine reads
the sheet: its cells are kept compactly outside Python and turned into Python values one row at a
time (a 100,000-row sheet in a fraction of openpyxl's read-only time, bench/RESULTS.md). openpyxl
stays where a spreadsheet is written with styles (the template, the exports).
"""

import datetime
import html
import re
import zipfile
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from itertools import repeat
from pathlib import Path
from typing import IO, Any

from django.utils.translation import gettext as _
from openpyxl.utils import column_index_from_string, get_column_letter
from python_calamine import CalamineError, CalamineSheet, CalamineWorkbook

from danvan.core.formatting import vn_number
from danvan.initiatives.spreadsheet import BY_KEY, COLUMNS, header_key, is_ignored_header

MAX_DATA_ROWS = 200_000
MAX_UNCOMPRESSED_BYTES = 600 * 1024 * 1024
MAX_RATIO = 200
# The shared string table is read whole into memory (every reader does): its own, tighter bounds.
# A 3.6 MB file whose strings unpacked to 560 MB (ratio 155) took the importer to 1.07 GB.
# Real text compresses 3-10 times; a 100,000-row sheet of long texts holds some tens of MB.
MAX_SHARED_STRINGS_BYTES = 128 * 1024 * 1024
MAX_SHARED_STRINGS_RATIO = 50
MAX_EMPTY_RUN = 1_000
MAX_COLUMNS = 200
MAX_PART_BYTES = 5 * 1024 * 1024  # workbook.xml and its relationships: a few kilobytes in a real file
CHUNK = 1024 * 1024
OVERLAP = 64 * 1024  # longer than any row tag or formula cell a match must see whole
DIMENSION = re.compile(rb"<(?:\w+:)?dimension\b[^>]*?\bref=\"[A-Z]*(\d*):?([A-Z]*)(\d*)\"")
ROW_TAG = re.compile(rb"<(?:\w+:)?row[\s>/]")
ROW_NUMBER = re.compile(rb"<(?:\w+:)?row\b[^>]*?\br=\"(\d+)\"")
FORMULA_TAG = re.compile(rb"<(?:\w+:)?f[\s>/]")
FORMULA_CELL = re.compile(
    rb"<(?:\w+:)?c\b[^>]*?\br=\"([A-Z]+)(\d+)\"[^>]*>\s*<(?:\w+:)?f\b[^>]*?(?:/>|>(.*?)</(?:\w+:)?f>)", re.S
)
FIRST_SHEET = re.compile(rb"<(?:\w+:)?sheet\b[^>]*?\b\w+:id=\"([^\"]+)\"")
RELATIONSHIP = re.compile(rb"<(?:\w+:)?Relationship\b[^>]*>")
ATTRIBUTE = re.compile(rb'\b(Id|Target)="([^"]*)"')


class ImportFileError(Exception):
    """The file as a whole cannot be read: a clear Vietnamese message, nothing is written."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


@dataclass
class SheetHeader:
    columns: dict[int, str]  # 0-based index → column key
    problems: list[str] = field(default_factory=list)

    def header_of(self, key: str) -> str:
        return str(BY_KEY[key].header)


@dataclass
class SheetScan:
    """What the raw XML of the first sheet says before it is parsed."""

    rows: int  # its last row, formatted empty rows included
    formulas: dict[tuple[int, int], str]  # (row number, 0-based column) → "=" and the formula


def _not_a_spreadsheet() -> ImportFileError:
    return ImportFileError(_("Không đọc được bảng tính: tệp hỏng hoặc không phải .xlsx. Hãy mở bằng Excel và lưu lại."))


def check_container(source: str | Path | IO[bytes]) -> SheetScan:
    """A real .xlsx, not a bomb, with a first sheet of sane size: raises ImportFileError otherwise."""
    try:
        archive = zipfile.ZipFile(source)
    except (zipfile.BadZipFile, OSError, ValueError):
        raise ImportFileError(
            _("Tệp không phải là bảng tính Excel (.xlsx). Hãy mở tệp bằng Excel rồi lưu lại dạng .xlsx.")
        ) from None
    with archive:
        infos = archive.infolist()
        names = {i.filename for i in infos}
        if "[Content_Types].xml" not in names or not any(n.startswith("xl/worksheets/") for n in names):
            raise ImportFileError(
                _("Tệp nén này không phải là bảng tính Excel (.xlsx). Hãy dùng tệp mẫu tải từ trang nhập liệu.")
            )
        total = sum(i.file_size for i in infos)
        worst = max((i.file_size / max(i.compress_size, 1) for i in infos), default=0)
        if total > MAX_UNCOMPRESSED_BYTES or worst > MAX_RATIO:
            raise ImportFileError(
                _(
                    "Tệp bị nén bất thường (giải nén ra %(size)s MB, gấp %(ratio)s lần): có thể là tệp độc hại "
                    "hoặc chứa rất nhiều ô trống đã định dạng. Hãy chép dữ liệu sang tệp mẫu mới rồi tải lên lại."
                )
                % {"size": vn_number(total // (1024 * 1024)), "ratio": vn_number(int(worst))}
            )
        for info in infos:
            if info.filename.lower().endswith("sharedstrings.xml") and (
                info.file_size > MAX_SHARED_STRINGS_BYTES
                or info.file_size / max(info.compress_size, 1) > MAX_SHARED_STRINGS_RATIO
            ):
                raise ImportFileError(
                    _(
                        "Phần chữ của bảng tính giải nén ra %(size)s MB (gấp %(ratio)s lần), quá giới hạn "
                        "%(max)s MB: có thể là tệp độc hại hoặc có ô chứa văn bản lặp lại rất dài. Hãy kiểm tra "
                        "lại các ô văn bản, hoặc chia tệp thành nhiều phần."
                    )
                    % {
                        "size": vn_number(info.file_size // (1024 * 1024)),
                        "ratio": vn_number(int(info.file_size / max(info.compress_size, 1))),
                        "max": vn_number(MAX_SHARED_STRINGS_BYTES // (1024 * 1024)),
                    }
                )
        scan = _scan_sheet(archive, archive.getinfo(_first_sheet_part(archive, names)))
    if hasattr(source, "seek"):
        source.seek(0)
    return scan


def _too_many_rows(rows: int) -> str:
    return _(
        "Trang tính có %(n)s dòng, quá giới hạn %(max)s dòng một lần nhập. Nếu phần lớn là dòng "
        "trống đã định dạng, hãy xóa chúng; nếu không, hãy chia tệp thành nhiều phần."
    ) % {"n": vn_number(rows), "max": vn_number(MAX_DATA_ROWS)}


def _too_many_columns() -> str:
    return _("Trang tính có quá nhiều cột. Hãy dùng đúng các cột của tệp mẫu.")


def _small_part(archive: zipfile.ZipFile, name: str) -> bytes:
    info = archive.getinfo(name)
    if info.file_size > MAX_PART_BYTES:
        raise _not_a_spreadsheet()
    return archive.read(info)


def _first_sheet_part(archive: zipfile.ZipFile, names: set[str]) -> str:
    """The XML part of the workbook's first sheet (the one the reader opens), from workbook.xml and
    its relationships; the first worksheet part by name when they do not say."""
    fallback = min(n for n in names if n.startswith("xl/worksheets/") and n.endswith(".xml"))
    if "xl/workbook.xml" not in names or "xl/_rels/workbook.xml.rels" not in names:
        return fallback
    first = FIRST_SHEET.search(_small_part(archive, "xl/workbook.xml"))
    if first is None:
        return fallback
    for tag in RELATIONSHIP.findall(_small_part(archive, "xl/_rels/workbook.xml.rels")):
        attributes = dict(ATTRIBUTE.findall(tag))
        if attributes.get(b"Id") == first.group(1) and b"Target" in attributes:
            target = attributes[b"Target"].decode(errors="replace")
            part = target.lstrip("/") if target.startswith("/") else "xl/" + target.removeprefix("./")
            return part if part in names else fallback
    return fallback


def _scan_sheet(archive: zipfile.ZipFile, info: zipfile.ZipInfo) -> SheetScan:
    """Read the sheet's raw XML once, in chunks, before the reader does: its size as it declares it
    (refused at once when too large) or, when it does not declare it, its rows counted (a sheet of
    a million formatted empty rows is refused before the reader loads it), and its formula cells."""
    with archive.open(info) as sheet:
        head = sheet.read(OVERLAP)
        declared: int | None = None
        dimension = DIMENSION.search(head)
        if dimension:
            declared = int(dimension.group(3) or dimension.group(1) or 0)
            if declared > MAX_DATA_ROWS + 1:
                raise ImportFileError(_too_many_rows(declared))
            if dimension.group(2) and column_index_from_string(dimension.group(2).decode()) > MAX_COLUMNS:
                raise ImportFileError(_too_many_columns())
        count, last = 0, 0
        formulas: dict[tuple[int, int], str] = {}
        data, offset, counted_to = head, 0, 0  # `data` starts at `offset` in the part
        while True:
            more = sheet.read(CHUNK)
            # A match starting in the last OVERLAP bytes waits for the next round, which sees it whole.
            limit = offset + len(data) - (OVERLAP if more else 0)
            if declared is None:
                count += sum(1 for m in ROW_TAG.finditer(data) if counted_to <= offset + m.start() < limit)
                last = max([last, *(int(n) for n in ROW_NUMBER.findall(data))])
            if (b"<f" in data or b":f" in data) and FORMULA_TAG.search(data):
                for letters, number, text in FORMULA_CELL.findall(data):
                    column = column_index_from_string(letters.decode()) - 1
                    formulas[(int(number), column)] = "=" + html.unescape(text.decode(errors="replace"))
            if not more:
                break
            counted_to = limit
            keep = data[limit - offset :]
            offset, data = limit, keep + more
    rows = declared if declared is not None else max(count, last)
    if rows > MAX_DATA_ROWS + 1:
        raise ImportFileError(_too_many_rows(rows))
    return SheetScan(rows=rows, formulas=formulas)


def _text(value: Any) -> str:
    return "" if value is None else str(value).strip()


def read_header(row: tuple[Any, ...]) -> SheetHeader:
    header = SheetHeader(columns={})
    seen: dict[str, int] = {}
    last = max((i for i, v in enumerate(row) if _text(v)), default=-1)
    for index, value in enumerate(row[: last + 1]):
        letter = get_column_letter(index + 1)
        text = _text(value)
        if not text:
            header.problems.append(
                _(
                    "Dòng tiêu đề có ô trống ở cột %(col)s (có thể do gộp ô). Mỗi cột cần đúng một tiêu đề "
                    "của tệp mẫu; hãy bỏ gộp ô (Merge) ở dòng 1."
                )
                % {"col": letter}
            )
            continue
        key = header_key(text)
        if is_ignored_header(text):
            continue
        if key is None:
            header.problems.append(
                _("Cột %(col)s có tiêu đề “%(text)s” không có trong tệp mẫu. Hãy dùng đúng tiêu đề của tệp mẫu.")
                % {"col": letter, "text": text[:80]}
            )
        elif key in seen:
            header.problems.append(
                _("Tiêu đề “%(text)s” lặp lại ở cột %(a)s và %(b)s.")
                % {"text": text[:80], "a": get_column_letter(seen[key] + 1), "b": letter}
            )
        else:
            seen[key] = index
            header.columns[index] = key
    missing = [str(c.header) for c in COLUMNS if c.required and c.key not in seen]
    if missing:
        header.problems.append(_("Thiếu cột bắt buộc: %(cols)s.") % {"cols": ", ".join(missing)})
    return header


@dataclass
class SheetRow:
    number: int  # as Excel shows it
    values: dict[str, Any]
    formulas: list[str]  # keys of cells holding a formula


def stream_rows(source: str | Path | IO[bytes]) -> tuple[SheetHeader, Iterator[SheetRow], int]:
    """Open the first sheet; returns its header, an iterator over the data rows and the number of
    data rows the sheet holds (for the progress bar)."""
    scan = check_container(source)
    try:
        workbook = CalamineWorkbook.from_object(source)
    except (CalamineError, OSError, ValueError, TypeError, KeyError):
        raise _not_a_spreadsheet() from None
    try:
        sheet = workbook.get_sheet_by_index(0)
        if sheet.end is not None and sheet.end[1] + 1 > MAX_COLUMNS:
            raise ImportFileError(_too_many_columns())
    except (CalamineError, OSError, ValueError, TypeError, KeyError):
        workbook.close()
        raise _not_a_spreadsheet() from None
    except ImportFileError:
        workbook.close()
        raise
    rows = _sheet_rows(sheet, scan.rows)
    first = next(rows, None) if sheet.start is not None else None
    if first is None:
        workbook.close()
        raise ImportFileError(_("Bảng tính trống: không có dòng tiêu đề. Hãy dùng tệp mẫu."))
    header = read_header(tuple(_value(v) for v in first))
    return header, _data_rows(workbook, rows, header, scan.formulas), max(scan.rows - 1, 0)


def _sheet_rows(sheet: CalamineSheet, extent: int) -> Iterator[Sequence[Any]]:
    """The rows from row 1 and column A, as Excel numbers them. The reader starts at the first cell
    holding a value: empty rows above and empty columns to its left are put back, and the sheet's
    formatted empty rows after the last value follow as empty rows, up to its extent."""
    top, left = sheet.start or (0, 0)
    yield from repeat((), top)
    number = top
    pad = [""] * left
    for cells in sheet.iter_rows():
        number += 1
        yield pad + cells if left else cells
    yield from repeat((), max(extent - number, 0))


def _value(value: Any) -> Any:
    """A header cell as the import reads it: None when empty, whole numbers as int."""
    if value == "" or value is None:
        return None
    if isinstance(value, float) and value.is_integer():
        return int(value)
    return value


def _data_rows(
    workbook: CalamineWorkbook,
    rows: Iterator[Sequence[Any]],
    header: SheetHeader,
    formula_cells: dict[tuple[int, int], str],
) -> Iterator[SheetRow]:
    """One SheetRow per row that holds a value. Text is stripped; whole numbers are int (the reader
    gives every number as a float: a year 2021 or a code 123 must not read as 2021.0); a formula
    cell holds its formula (as written, not its last result), and text starting with = counts as one."""
    columns = list(header.columns.items())
    empty_run = 0
    try:
        for number, row in enumerate(rows, start=2):
            if number > MAX_DATA_ROWS + 1:
                raise ImportFileError(
                    _("Tệp có hơn %(max)s dòng dữ liệu. Hãy chia tệp thành nhiều phần.")
                    % {"max": vn_number(MAX_DATA_ROWS)}
                )
            values: dict[str, Any] = {}
            formulas: list[str] = []
            width = len(row)
            for index, key in columns:
                value = row[index] if index < width else ""
                if formula_cells and (number, index) in formula_cells:
                    value = formula_cells[(number, index)]
                if value.__class__ is str:
                    value = value.strip()
                    if not value:
                        continue
                    if value[0] == "=":
                        formulas.append(key)
                elif value.__class__ is float and value.is_integer():
                    value = int(value)
                values[key] = value
            if not values and not formulas:
                empty_run += 1
                if empty_run > MAX_EMPTY_RUN:
                    raise ImportFileError(
                        _(
                            "Có hơn %(n)s dòng trống liên tiếp từ dòng %(row)s: trang tính có lẽ chứa rất nhiều dòng "
                            "trống đã định dạng. Hãy xóa các dòng trống thừa rồi tải lên lại."
                        )
                        % {"n": vn_number(MAX_EMPTY_RUN), "row": vn_number(number - MAX_EMPTY_RUN)}
                    )
                continue
            empty_run = 0
            yield SheetRow(number=number, values=values, formulas=formulas)
    finally:
        workbook.close()


def as_date(value: Any) -> datetime.date | None:
    """A cell as a date: a date cell, or text dd/mm/yyyy (also d/m/yyyy, dd-mm-yyyy, yyyy-mm-dd).
    Raises ValueError with a Vietnamese message for anything else, such as 31/02/2020."""
    if value is None or value == "":
        return None
    if isinstance(value, datetime.datetime):
        return value.date()
    if isinstance(value, datetime.date):
        return value
    text = str(value).strip()
    parts = text.replace("-", "/").replace(".", "/").split("/")
    if len(parts) == 3 and all(p.isdigit() for p in parts):
        day, month, year = (parts[2], parts[1], parts[0]) if len(parts[0]) == 4 else parts
        if len(year) == 4:
            try:
                return datetime.date(int(year), int(month), int(day))
            except ValueError:
                raise ValueError(
                    _("Ngày “%(text)s” không có trên lịch. Hãy kiểm tra lại ngày và tháng (dd/mm/yyyy).")
                    % {"text": text}
                ) from None
    raise ValueError(
        _("“%(text)s” không phải là ngày. Hãy ghi theo dạng dd/mm/yyyy, ví dụ 20/11/2021.") % {"text": text[:40]}
    )
