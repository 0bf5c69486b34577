"""Streamed Excel and CSV exports of any list, with formula injection neutralised.

A list view builds its queryset with the current filters, names its columns and calls
`export_response`. Rows are read with `.iterator()`, so memory stays flat on big lists; CSV is
streamed as it is written, Excel is written row by row (openpyxl write-only) to a temporary
file that is then streamed.
"""

import csv
import datetime
import re
import tempfile
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.db.models import QuerySet
from django.http import FileResponse, HttpResponseBase, StreamingHttpResponse
from django.urls import URLPattern, path
from django.utils import timezone
from django.utils.functional import Promise
from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Font

FORMATS = ("xlsx", "csv")
DANGEROUS_PREFIXES = ("=", "+", "-", "@", "\t", "\r")
MAX_CELL_LENGTH = 32_767  # Excel's limit for one cell
CHUNK_SIZE = 2_000


@dataclass(frozen=True)
class Column:
    header: str | Promise
    value: Callable[[Any], Any]


def neutralise(value: str) -> str:
    """A text cell a spreadsheet would run as a formula (=, +, -, @, tab, CR first) gets a leading '."""
    return "'" + value if value.startswith(DANGEROUS_PREFIXES) else value


# Where a spreadsheet opening a CSV may start a new cell inside one of our fields: a reader set to
# ";" or tab splits "x;=1+1" (which csv.writer does not quote) into "x" and "=1+1", and runs the second.
_CELL_STARTS = re.compile(r"([,;\t\r\n|])( *)(?=[=+\-@])")


def neutralise_csv(value: str) -> str:
    """`neutralise` for every place a CSV reader may start a cell: the start and after each delimiter."""
    return _CELL_STARTS.sub(r"\1\2'", neutralise(value))


def plain(value: Any) -> Any:
    """A cell value: numbers and dates stay typed, booleans read "có"/"", text is neutralised."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return _("có") if value else ""
    if isinstance(value, int | float | Decimal | datetime.date):
        return value
    text = str(value).replace("\x00", "")
    return neutralise(text)[:MAX_CELL_LENGTH]


def _rows(items: Iterable[Any], columns: Sequence[Column]) -> Iterator[list[Any]]:
    if isinstance(items, QuerySet):
        items = items.iterator(chunk_size=CHUNK_SIZE)
    for item in items:
        yield [plain(c.value(item)) for c in columns]


class _Echo:
    def write(self, value: str) -> str:
        return value


def _csv_value(value: Any) -> Any:
    if isinstance(value, datetime.datetime):
        return timezone.localtime(value).strftime("%d/%m/%Y %H:%M") if timezone.is_aware(value) else value
    if isinstance(value, datetime.date):
        return value.strftime("%d/%m/%Y")
    return value


def csv_response(items: Iterable[Any], columns: Sequence[Column], filename: str) -> StreamingHttpResponse:
    writer = csv.writer(_Echo())

    def lines() -> Iterator[str]:
        yield "\ufeff"  # so that Excel opens the UTF-8 file with its diacritics
        yield writer.writerow([str(c.header) for c in columns])
        for row in _rows(items, columns):
            yield writer.writerow([neutralise_csv(v) if isinstance(v, str) else _csv_value(v) for v in row])

    response = StreamingHttpResponse(lines(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}.csv"'
    return response


def xlsx_response(items: Iterable[Any], columns: Sequence[Column], filename: str, sheet: str) -> FileResponse:
    workbook = Workbook(write_only=True)
    worksheet = workbook.create_sheet(title=sheet[:31])
    bold = Font(bold=True)
    header = []
    for column in columns:
        cell = WriteOnlyCell(worksheet, value=str(column.header))
        cell.font = bold
        header.append(cell)
    worksheet.append(header)
    for row in _rows(items, columns):
        cells = []
        for value in row:
            cell = WriteOnlyCell(worksheet, value=_xlsx_value(value))
            if isinstance(value, datetime.date):
                cell.number_format = "DD/MM/YYYY" if not isinstance(value, datetime.datetime) else "DD/MM/YYYY HH:MM"
            cells.append(cell)
        worksheet.append(cells)
    spool = tempfile.TemporaryFile()  # noqa: SIM115 - FileResponse closes it
    workbook.save(spool)
    spool.seek(0)
    return FileResponse(
        spool,
        as_attachment=True,
        filename=f"{filename}.xlsx",
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )


def _xlsx_value(value: Any) -> Any:
    if isinstance(value, datetime.datetime) and timezone.is_aware(value):
        return timezone.localtime(value).replace(tzinfo=None)
    return value


def export_response(
    *, items: Iterable[Any], columns: Sequence[Column], filename: str, fmt: str, sheet: str = "Danh sách"
) -> HttpResponseBase:
    """The list as an .xlsx or .csv download. `fmt` is one of FORMATS (see `export_urls`)."""
    stamp = timezone.localdate().strftime("%Y%m%d")
    name = f"{filename}-{stamp}"
    if fmt == "csv":
        return csv_response(items, columns, name)
    return xlsx_response(items, columns, name, sheet)


def export_urls(prefix: str, view: Callable[..., HttpResponseBase], name: str) -> list[URLPattern]:
    """`<prefix>.xlsx` and `<prefix>.csv` for an export view taking `fmt`: URL names `<name>-xlsx`, `<name>-csv`."""
    return [path(f"{prefix}.{fmt}", view, {"fmt": fmt}, name=f"{name}-{fmt}") for fmt in FORMATS]
