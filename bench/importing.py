"""The import benchmark: a spreadsheet of historical records for one province, imported by the real
command in a child process (so its peak memory is its own), then removed again.

The floor is a binary COPY of the same rows into a temporary table: the database's share of
the work, without reading the spreadsheet or checking a single row.
"""

import datetime
import os
import re
import subprocess
import sys
import tempfile
import time
import zipfile
from pathlib import Path
from typing import Any

from django.core.management import get_commands
from django.db import connection, transaction

from bench import bulk
from bench.generator import bench_username
from bench.safety import refuse_in_production
from bench.timing import Samples
from danvan.core.text import fold
from danvan.initiatives.models import Initiative
from danvan.orgs.models import Role, Unit, subtree_lookup

YEARS = range(2019, 2025)
FIELDS = ["Kinh tế", "Văn hóa - xã hội", "Quốc phòng - an ninh", "Xây dựng Đảng, hệ thống chính trị"]
FIELD_CODES = ["economy", "culture_society", "defence_security", "political_system"]


def import_command() -> str | None:
    return "import_initiatives" if "import_initiatives" in get_commands() else None


# The import command, reporting at exit its own peak memory (VmHWM: the memory of the program after
# exec; the rusage maximum would include the benchmark process it was forked from).
_REPORT_PEAK = """
import atexit, re, sys
def peak():
    status = open("/proc/self/status").read()
    print("peak-memory-kb", re.search(r"VmHWM:\\s+(\\d+)", status).group(1))
atexit.register(peak)
from danvan.cli import main
sys.argv = ["danvan", *sys.argv[1:]]
main()
"""


def sheet_values(province_code: str, units: list[tuple[int, str, str]], rows: int) -> list[dict[str, Any]]:
    """The rows of the benchmark's spreadsheet: historical records of `units` (id, code, name)."""
    values = []
    for n in range(rows):
        _unit_id, code, name = units[n % len(units)]
        year = YEARS[n % len(YEARS)]
        recognized = n % 2 == 0
        values.append(
            {
                "row_key": f"BENCH-{province_code}-{n:06d}",
                "title": f"Mô hình “Dân vận khéo” số {n + 1} của {name}",
                "kind": "Mô hình",
                "field": FIELDS[n % 4],
                "field_code": FIELD_CODES[n % 4],
                "unit": code,
                "unit_id": _unit_id,
                "unit_name": name,
                "year": year,
                "registered_level": "Xã",
                "status": "Đã công nhận" if recognized else "Đã đăng ký",
                "recognized_level": "Xã" if recognized else "",
                "recognized_on": datetime.date(year, 11, 20) if recognized else None,
                "summary": "Nhân dân hiến đất, góp công làm đường bê tông liên thôn.",
            }
        )
    return values


def offline_units(count: int = 500) -> list[tuple[int, str, str]]:
    """Villages as the generator names them, without a database: for a file that is only read."""
    return [(n, f"79001-T{n:02d}", f"Thôn {n}") for n in range(1, count + 1)]


def sheet_file(values: list[dict[str, Any]]) -> Path:
    """The spreadsheet of `values`, in the import template's columns, saved as Excel saves one."""
    from openpyxl import Workbook

    from danvan.initiatives.spreadsheet import BY_KEY  # the import template's own headers

    keys = ["row_key", "title", "kind", "field", "unit", "year", "registered_level", "status",
            "recognized_level", "recognized_on", "summary"]  # fmt: skip
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet()
    sheet.append([str(BY_KEY[k].header) for k in keys])
    for row in values:
        day = row["recognized_on"]
        sheet.append([day.strftime("%d/%m/%Y") if k == "recognized_on" and day else row[k] for k in keys])
    handle, name = tempfile.mkstemp(prefix="danvan-bench-import-", suffix=".xlsx")
    os.close(handle)
    workbook.save(name)
    _as_excel_saves_it(Path(name), rows=len(values) + 1, columns=len(keys))
    return Path(name)


class ImportJob:
    """Makes the file once; each run imports it whole, measures, and removes what it wrote."""

    def __init__(self, province: Unit, rows: int) -> None:
        self.province = province
        self.rows = rows
        self.units = list(
            Unit.objects.filter(kind_id="village", **subtree_lookup("path", province.path))
            .order_by("code")
            .values_list("id", "code", "name")[:500]
        )
        self.file: Path | None = None
        self.peaks: list[float] = []

    def _values(self) -> list[dict[str, Any]]:
        return sheet_values(self.province.code, self.units, self.rows)

    def make_file(self) -> Path:
        return sheet_file(self._values())

    def measure(self, repeat: int) -> Samples:
        """Each run timed from the start of the child process to its end; the clean-up is not timed."""
        samples = Samples()
        for _ in range(repeat):
            samples.ms.append(self.run())
        return samples

    def run(self) -> float:
        refuse_in_production("nhập rồi xóa dữ liệu đo")
        if self.file is None:
            self.file = self.make_file()
        before = Initiative.objects.order_by("-pk").values_list("pk", flat=True).first() or 0
        snapshot = counts_snapshot()
        command = [sys.executable, "-c", _REPORT_PEAK, "import_initiatives", str(self.file),
                   "--as", bench_username(self.province.code, Role.ADMIN)]  # fmt: skip
        try:
            started = time.perf_counter()
            with tempfile.TemporaryFile() as log:
                # as in production: DEBUG off (with it on, Django keeps every query in memory)
                env = {**os.environ, "DEBUG": "0"}
                process = subprocess.Popen(command, stdout=log, stderr=log, env=env)  # noqa: S603
                status = process.wait()
                elapsed = (time.perf_counter() - started) * 1000
                log.seek(0)
                output = log.read()
            peak = re.search(rb"peak-memory-kb (\d+)", output)
            self.peaks.append(int(peak.group(1)) / 1024 if peak else 0.0)
            written = Initiative.objects.filter(pk__gt=before).count()
            if status != 0 or written != self.rows:
                from bench.suite import BenchFailure

                raise BenchFailure(
                    f"import wrote {written} of {self.rows} rows: {output.decode(errors='replace')[-400:]}"
                )
        finally:
            remove_after(before)
            counts_restore(snapshot)
            vacuum()
        return elapsed

    def peak_mb(self) -> float:
        return max(self.peaks, default=0.0)

    def floor(self) -> None:
        rows = self._values()
        stamp = datetime.datetime.now(datetime.UTC)
        with transaction.atomic(), connection.cursor() as cursor:
            if connection.vendor == "postgresql":
                cursor.execute("CREATE TEMP TABLE bench_import (LIKE initiatives_initiative) ON COMMIT DROP")
            else:
                cursor.execute("CREATE TEMP TABLE bench_import AS SELECT * FROM initiatives_initiative WHERE 0")
            fields = ["id", "created_at", "updated_at", "title", "kind", "field", "unit", "year", "registered_level",
                      "summary", "status", "recognized_level", "recognized_on", "import_key", "public_key",
                      "search_text"]  # fmt: skip
            like = bulk.table_for(Initiative, fields)
            table = bulk.Table(
                "bench_import", like.columns, like.datetime_positions, like.constant_columns, like.constants
            )
            bulk.write(
                table,
                [
                    (
                        n + 1,
                        stamp,
                        stamp,
                        r["title"],
                        "collective",
                        r["field_code"],
                        r["unit_id"],
                        r["year"],
                        "commune",
                        r["summary"],
                        "recognized" if r["recognized_on"] else "registered",
                        "commune" if r["recognized_on"] else "",
                        r["recognized_on"],
                        r["row_key"],
                        f"b{n:010d}",
                        fold(f"{r['title']} {r['unit_name']} {r['summary']}"),
                    )
                    for n, r in enumerate(rows)
                ],
            )
            if connection.vendor == "sqlite":
                cursor.execute("DROP TABLE bench_import")


_INLINE = re.compile(r'<c r="([A-Z]+[0-9]+)" t="inlineStr"><is><t(?: xml:space="preserve")?>(.*?)</t></is></c>')
_EMPTY = re.compile(r'<c r="[A-Z]+[0-9]+" t="inlineStr"></c>')  # Excel writes no cell for an empty one
_SST = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings"
_SST_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"


def _as_excel_saves_it(path: Path, *, rows: int, columns: int) -> None:
    """Rewrite openpyxl's streamed file the way Excel and LibreOffice save a sheet: its size declared
    (the import refuses a large sheet that does not declare it) and the text in a shared string
    table. openpyxl's streaming writer puts every string inline, which its reader takes about half
    as long again to read (measured on 100,000 rows: 23 s against 15 s for the checks alone); the
    offices' files are what danvan imports."""
    from openpyxl.utils import get_column_letter

    with zipfile.ZipFile(path) as source:
        parts = {info.filename: source.read(info.filename) for info in source.infolist()}
    sheet = next(name for name in parts if name.startswith("xl/worksheets/sheet"))
    strings: dict[str, int] = {}

    def shared(match: re.Match[str]) -> str:
        index = strings.setdefault(match.group(2), len(strings))
        return f'<c r="{match.group(1)}" t="s"><v>{index}</v></c>'

    xml = _INLINE.sub(shared, _EMPTY.sub("", parts[sheet].decode()))
    dimension = f'<dimension ref="A1:{get_column_letter(columns)}{rows}"/>'
    for anchor in ("<sheetViews", "<sheetFormatPr", "<sheetData"):
        if anchor in xml:
            xml = xml.replace(anchor, dimension + anchor, 1)
            break
    parts[sheet] = xml.encode()
    table = "".join(f'<si><t xml:space="preserve">{text}</t></si>' for text in strings)
    parts["xl/sharedStrings.xml"] = (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
        '<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" '
        f'count="{len(strings)}" uniqueCount="{len(strings)}">{table}</sst>'
    ).encode()
    relations = parts["xl/_rels/workbook.xml.rels"].decode()
    relation = f'<Relationship Id="rIdSharedStrings" Type="{_SST}" Target="sharedStrings.xml"/>'
    parts["xl/_rels/workbook.xml.rels"] = relations.replace("</Relationships>", relation + "</Relationships>").encode()
    types = parts["[Content_Types].xml"].decode()
    override = f'<Override PartName="/xl/sharedStrings.xml" ContentType="{_SST_TYPE}"/>'
    parts["[Content_Types].xml"] = types.replace("</Types>", override + "</Types>").encode()
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as target:
        for name, data in parts.items():
            target.writestr(name, data)


def remove_after(pk: int) -> None:
    """Remove what an import run wrote: the rows of every table that refers to an initiative
    (events, public library rows, ...), then the initiatives. Raw SQL on purpose: the events'
    append-only guard is for the application, and this is the benchmark cleaning up after itself."""
    refuse_in_production("xóa các mô hình do phép đo nhập liệu ghi")
    qn = connection.ops.quote_name
    with transaction.atomic(), connection.cursor() as cursor:
        for model, column in _referring():
            cursor.execute(f"DELETE FROM {qn(model._meta.db_table)} WHERE {qn(column)} > %s", [pk])  # noqa: S608
        cursor.execute(f"DELETE FROM {qn(Initiative._meta.db_table)} WHERE id > %s", [pk])  # noqa: S608


def vacuum() -> None:
    """PostgreSQL: clear the dead rows the clean-up left, as autovacuum would in time, so that the
    next run (and the pages measured after) start from the state before, not from 100,000 dead
    rows at the end of every index (which slowed the planner's look at index ends 20-fold)."""
    if connection.vendor != "postgresql":
        return
    tables = [Initiative._meta.db_table, *{model._meta.db_table for model, _column in _referring()}]
    table = _counts_table()
    if table:
        tables.append(table)
    qn = connection.ops.quote_name
    with connection.cursor() as cursor:
        cursor.execute(f"VACUUM ANALYZE {', '.join(qn(t) for t in tables)}")


def _referring() -> list[tuple[Any, str]]:
    """Each model whose rows refer to an initiative (events, public library rows, ...), with the column."""
    found = []
    for relation in Initiative._meta.get_fields(include_hidden=True):
        if relation.auto_created and not relation.concrete and (relation.one_to_many or relation.one_to_one):
            model = relation.related_model
            if model is not Initiative and isinstance(model, type):
                found.append((model, str(relation.field.column)))  # type: ignore[union-attr]
    return found


def _counts_table() -> str | None:
    try:
        from danvan.reports.models import StatCount
    except ImportError:
        return None
    return StatCount._meta.db_table


def counts_snapshot() -> str | None:
    """Copy the pre-computed counts aside, so an import's increments can be undone exactly."""
    table = _counts_table()
    if table is None:
        return None
    with connection.cursor() as cursor:
        cursor.execute("DROP TABLE IF EXISTS bench_counts_saved")
        cursor.execute(f"CREATE TABLE bench_counts_saved AS SELECT * FROM {table}")  # noqa: S608
    return table


def counts_restore(table: str | None = None) -> None:
    """Put back the counts `counts_snapshot` copied aside."""
    refuse_in_production("ghi đè số liệu thống kê")
    table = table or _counts_table()
    if table is None:
        return
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(f"DELETE FROM {table}")  # noqa: S608
        cursor.execute(f"INSERT INTO {table} SELECT * FROM bench_counts_saved")  # noqa: S608
        cursor.execute("DROP TABLE bench_counts_saved")
