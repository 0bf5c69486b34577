"""The import benchmark's spreadsheet: saved as Excel saves it, and valid for the real import."""

import zipfile

from bench.importing import ImportJob
from danvan.accounts.services import system_user
from danvan.imports.checking import check_file
from tests.conftest import World


def test_the_benchmark_file_is_an_excel_style_sheet_the_import_accepts(world: World) -> None:
    job = ImportJob(world.province, rows=30)
    path = job.make_file()
    try:
        with zipfile.ZipFile(path) as workbook:
            sheet = workbook.read("xl/worksheets/sheet1.xml").decode()
            strings = workbook.read("xl/sharedStrings.xml").decode()
        assert 'dimension ref="A1:K31"' in sheet
        assert 't="inlineStr"' not in sheet and 't="s"' in sheet
        assert "Dân vận khéo" in strings or "D&#226;n v&#7853;n kh&#233;o" in strings
        result = check_file(path, by=system_user())
        assert (result.total_rows, result.problems, len(result.entries)) == (30, [], 30)
        assert result.entries[0].data.title.startswith("Mô hình “Dân vận khéo” số 1 của Thôn")
        assert {e.data.unit for e in result.entries} == {world.village, world.village2}
    finally:
        path.unlink()
