"""Spreadsheets built in the tests, with the template's Vietnamese headers."""

import io
from pathlib import Path
from typing import Any

from openpyxl import Workbook

from danvan.initiatives.spreadsheet import BY_KEY


def xlsx_bytes(rows: list[dict[str, Any]], keys: list[str] | None = None) -> bytes:
    """One sheet: a header row (the template's headers for `keys`) and one row per dict (by key)."""
    keys = keys or ["row_key", "title", "kind", "field", "unit", "year", "registered_level", "status",
                    "recognized_level", "recognized_on", "exemplary", "summary", "person_name"]  # fmt: skip
    workbook = Workbook()
    sheet = workbook.active
    assert sheet is not None
    sheet.append([str(BY_KEY[k].header) for k in keys])
    for row in rows:
        sheet.append([row.get(k) for k in keys])
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def write_xlsx(path: Path, rows: list[dict[str, Any]], keys: list[str] | None = None) -> Path:
    path.write_bytes(xlsx_bytes(rows, keys))
    return path


def row(**values: Any) -> dict[str, Any]:
    """A valid registered collective initiative of the village C1-V1, with overrides."""
    return {"title": "Dân vận khéo trong làm đường", "kind": "Mô hình", "field": "Kinh tế", "unit": "C1-V1",
            "year": 2021, **values}  # fmt: skip
