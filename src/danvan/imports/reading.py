"""Reading an uploaded spreadsheet safely and as a stream.

Checks before openpyxl ever parses the file: it is a zip (an .xlsx is one), it is not a zip bomb
(declared sizes and compression ratios; zipfile never inflates past a declared size), its sheet
declares a sane number of rows. Then rows are streamed (openpyxl read-only), never loaded whole.
"""

import datetime
import re
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Any

from django.utils.translation import gettext as _
from openpyxl import load_workbook
from openpyxl.utils import get_column_letter
from openpyxl.utils.exceptions import InvalidFileException

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
DIMENSION = re.compile(rb"<(\w+:)?dimension\b")
ROW_TAG = re.compile(rb"<(?:\w+:)?row[\s>/]")


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


def check_container(source: str | Path | IO[bytes]) -> None:
    """A real .xlsx, not a bomb: raises ImportFileError otherwise."""
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
            if info.filename.startswith("xl/worksheets/") and info.filename.endswith(".xml"):
                rows = _undeclared_rows(archive, info)
                if rows > MAX_DATA_ROWS + 1:
                    raise ImportFileError(_too_many_rows(rows))
    if hasattr(source, "seek"):
        source.seek(0)


def _too_many_rows(rows: int) -> str:
    return _(
        "Trang tính có %(n)s dòng, quá giới hạn %(max)s dòng một lần nhập. Nếu phần lớn là dòng "
        "trống đã định dạng, hãy xóa chúng; nếu không, hãy chia tệp thành nhiều phần."
    ) % {"n": vn_number(rows), "max": vn_number(MAX_DATA_ROWS)}


def _undeclared_rows(archive: zipfile.ZipFile, info: zipfile.ZipInfo) -> int:
    """Rows of a sheet that does not declare its size (0 when it does). Counted on the raw XML, fast,
    before openpyxl (which would otherwise parse a sheet of a million empty rows to find out)."""
    with archive.open(info) as sheet:
        head = sheet.read(64 * 1024)
        if DIMENSION.search(head):
            return 0
        rows, tail = 0, b""
        chunk = head
        while chunk:
            data = tail + chunk
            rows += len(ROW_TAG.findall(data))
            tail = data[-8:]
            rows -= len(ROW_TAG.findall(tail))  # counted again with the next chunk
            chunk = sheet.read(1024 * 1024)
        return rows + len(ROW_TAG.findall(tail))


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
    """Open the first sheet; returns its header, an iterator over the data rows and the row count
    the sheet declares (an estimate for the progress bar; 0 when it does not say)."""
    check_container(source)
    try:
        workbook = load_workbook(source, read_only=True, data_only=False)
    except (InvalidFileException, zipfile.BadZipFile, KeyError, OSError, ValueError, TypeError):
        raise ImportFileError(
            _("Không đọc được bảng tính: tệp hỏng hoặc không phải .xlsx. Hãy mở bằng Excel và lưu lại.")
        ) from None
    sheet = workbook.worksheets[0]
    declared = sheet.max_row or 0
    if declared > MAX_DATA_ROWS + 1:
        workbook.close()
        raise ImportFileError(_too_many_rows(declared))
    if (sheet.max_column or 0) > MAX_COLUMNS:
        workbook.close()
        raise ImportFileError(_("Trang tính có quá nhiều cột. Hãy dùng đúng các cột của tệp mẫu."))
    rows = sheet.iter_rows(values_only=True, max_col=MAX_COLUMNS)
    first = next(rows, None)
    if first is None:
        workbook.close()
        raise ImportFileError(_("Bảng tính trống: không có dòng tiêu đề. Hãy dùng tệp mẫu."))
    header = read_header(first)
    return header, _data_rows(workbook, rows, header), max(declared - 1, 0)


def _data_rows(workbook: Any, rows: Iterator[tuple[Any, ...]], header: SheetHeader) -> Iterator[SheetRow]:
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
            for index, key in header.columns.items():
                value = row[index] if index < len(row) else None
                if isinstance(value, str):
                    value = value.strip()
                    if value.startswith("="):
                        formulas.append(key)
                if value is not None and value != "":
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
