"""Reading a large sheet: python-calamine (what the import reads with) against openpyxl's
read-only mode (what it read with before), and the import's whole reader on top of calamine (the
raw-XML scan for size and formulas, the padding to column A, one dict per row).

    uv run danvan bench --read-rows 100000

The sheet is the import benchmark's (bench.importing: 11 columns, text in a shared string table,
as Excel saves it). Each reader runs in a child process of its own, three times: its time from
opening the file to the last row, and its peak memory (VmHWM) beside the memory of the same
process before it opened the file.
"""

import json
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

from bench import importing
from bench.timing import Samples

READERS = {
    "openpyxl": "openpyxl 3.1, read-only mode (`load_workbook(read_only=True)`, `iter_rows(values_only=True)`)",
    "calamine": "python-calamine (`CalamineWorkbook.from_path`, `iter_rows`)",
    "danvan": "the import's reader (`danvan.imports.reading.stream_rows`: XML scan, calamine, row dicts)",
}

_CHILD = """
import json, os, re, sys, time

def peak_mb():
    return int(re.search(r"VmHWM:\\s+(\\d+)", open("/proc/self/status").read()).group(1)) / 1024

reader, path = sys.argv[1], sys.argv[2]
if reader == "openpyxl":
    from openpyxl import load_workbook
elif reader == "calamine":
    from python_calamine import CalamineWorkbook
else:
    import django
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "danvan.settings")
    django.setup()
    from danvan.imports.reading import stream_rows
before = peak_mb()
started, cpu = time.perf_counter(), time.process_time()
rows = cells = 0
if reader == "openpyxl":
    book = load_workbook(path, read_only=True, data_only=False)
    for row in book.worksheets[0].iter_rows(values_only=True):
        rows += 1
        cells += sum(1 for v in row if v is not None)
    book.close()
elif reader == "calamine":
    book = CalamineWorkbook.from_path(path)
    for row in book.get_sheet_by_index(0).iter_rows():
        rows += 1
        cells += sum(1 for v in row if v != "")
    book.close()
else:
    header, data, declared = stream_rows(path)
    rows, cells = 1, len(header.columns)
    for row in data:
        rows += 1
        cells += len(row.values)
elapsed, cpu = time.perf_counter() - started, time.process_time() - cpu
print(json.dumps({"seconds": elapsed, "cpu": cpu, "rows": rows, "cells": cells, "before_mb": before,
                  "peak_mb": peak_mb()}))
"""


@dataclass
class Reading:
    reader: str
    samples: Samples  # wall-clock
    cpu: Samples  # CPU time of the child: what it would take on an idle machine
    rows: int
    cells: int
    before_mb: float
    peak_mb: float


def read_once(reader: str, path: Path) -> dict[str, float]:
    result = subprocess.run(  # noqa: S603 - this interpreter, our own code
        [sys.executable, "-c", _CHILD, reader, str(path)], capture_output=True, text=True, check=False
    )
    if result.returncode != 0:
        raise RuntimeError(f"{reader}: {result.stderr[-600:]}")
    return dict(json.loads(result.stdout.strip().splitlines()[-1]))


def compare(rows: int, repeat: int = 3) -> tuple[str, list[Reading]]:
    """Write the sheet, read it `repeat` times with each reader (interleaved, so that a change in
    the machine's load falls on all of them), and remove it."""
    path = importing.sheet_file(importing.sheet_values("79", importing.offline_units(), rows))
    try:
        found: dict[str, Reading] = {}
        for _ in range(repeat):
            for reader in READERS:
                run = read_once(reader, path)
                reading = found.setdefault(
                    reader,
                    Reading(reader, Samples(), Samples(), int(run["rows"]), int(run["cells"]), run["before_mb"], 0.0),
                )
                reading.samples.ms.append(run["seconds"] * 1000)
                reading.cpu.ms.append(run["cpu"] * 1000)
                reading.peak_mb = max(reading.peak_mb, run["peak_mb"])
        size = path.stat().st_size
    finally:
        path.unlink()
    return f"{size / 1024 / 1024:.1f} MB", list(found.values())


def table(rows: int, size: str, readings: list[Reading]) -> str:
    lines = [
        f"Reading a {rows:,}-row sheet (11 columns, {size} .xlsx, shared strings), "
        f"{len(readings[0].samples.ms)} runs each, each in a child process (CPU: its own CPU time, what it takes "
        "on an idle machine; wall-clock: on this machine as loaded):",
        "",
        "| reader | CPU (median) | wall-clock (median) | rows | cells with a value | memory before | peak memory |",
        "|---|---:|---:|---:|---:|---:|---:|",
    ]
    lines.extend(
        f"| {READERS[r.reader]} | {r.cpu.median / 1000:.2f} s | {r.samples.median / 1000:.2f} s | "
        f"{r.rows:,} | {r.cells:,} | {r.before_mb:.0f} MB | {r.peak_mb:.0f} MB |"
        for r in readings
    )
    return "\n".join(lines)
