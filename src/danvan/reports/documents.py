"""Word (python-docx), Excel (openpyxl) and PDF (WeasyPrint) renderings of a `ReportContent`."""

import io
from pathlib import Path
from typing import Any

from django.template.loader import render_to_string
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from docx import Document
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_COLOR_INDEX
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt
from docx.table import _Cell
from openpyxl import Workbook
from openpyxl.chart import BarChart, Reference
from openpyxl.styles import Alignment, Font

from danvan.core.formatting import vn_date
from danvan.reports.charts import svg_to_png
from danvan.reports.writing import ReportContent, Table, number_line

FONT_DIR = Path("/usr/share/fonts/truetype/liberation2")


# ---------------------------------------------------------------- Word


def _font(run: Any, rules: dict[str, Any], size: float | None = None, bold: bool = False, italic: bool = False) -> None:
    run.font.name = rules["font_name"]
    run._element.rPr.rFonts.set(qn("w:eastAsia"), rules["font_name"])
    run.font.size = Pt(size or rules["font_size"])
    run.bold = bold
    run.italic = italic


def _para(
    container: Any,
    text: str,
    rules: dict[str, Any],
    *,
    align: Any = WD_ALIGN_PARAGRAPH.JUSTIFY,
    size: float | None = None,
    bold: bool = False,
    italic: bool = False,
    underline: bool = False,
    indent: bool = False,
    space_after: int = 6,
) -> Any:
    paragraph = container.add_paragraph()
    paragraph.alignment = align
    paragraph.paragraph_format.space_after = Pt(space_after)
    paragraph.paragraph_format.space_before = Pt(0)
    if indent:
        paragraph.paragraph_format.first_line_indent = Mm(12.7)
    lines = text.split("\n")
    for index, line in enumerate(lines):
        run = paragraph.add_run(line)
        _font(run, rules, size, bold, italic)
        run.underline = underline
        if index < len(lines) - 1:
            run.add_break()
    return paragraph


def _no_borders(table: Any) -> None:
    borders = OxmlElement("w:tblBorders")
    for edge in ("top", "left", "bottom", "right", "insideH", "insideV"):
        element = OxmlElement(f"w:{edge}")
        element.set(qn("w:val"), "nil")
        borders.append(element)
    table._tbl.tblPr.append(borders)


def _cell_text(cell: _Cell, text: str, rules: dict[str, Any], **kwargs: Any) -> None:
    cell.paragraphs[0].text = ""
    first = cell.paragraphs[0]
    first.alignment = kwargs.pop("align", WD_ALIGN_PARAGRAPH.CENTER)
    run = first.add_run(text)
    _font(run, rules, kwargs.get("size"), kwargs.get("bold", False), kwargs.get("italic", False))
    run.underline = kwargs.get("underline", False)


def _header(document: Any, content: ReportContent) -> None:
    rules, issuer = content.rules, content.issuer
    table = document.add_table(rows=1, cols=2)
    _no_borders(table)
    table.autofit = False
    left, right = table.rows[0].cells
    left.width, right.width = Mm(70), Mm(95)
    size = rules["small_font_size"] + 1
    left.paragraphs[0].text = ""
    if issuer["superior"]:
        _cell_text(left, issuer["superior"], rules, size=size)
        paragraph = left.add_paragraph()
    else:
        paragraph = left.paragraphs[0]
    paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    for index, line in enumerate(issuer["issuer"].split("\n")):
        run = paragraph.add_run(line)
        _font(run, rules, size, bold=True)
        if index < len(issuer["issuer"].split("\n")) - 1:
            run.add_break()
    marker = "*" if rules.get("issuer_star") else "———"
    _para(left, marker, rules, align=WD_ALIGN_PARAGRAPH.CENTER, size=size, space_after=2)
    _para(left, number_line(content), rules, align=WD_ALIGN_PARAGRAPH.CENTER, size=size)
    _cell_text(right, rules["national_name"], rules, size=size, bold=True, underline=not rules.get("motto"))
    if rules.get("motto"):
        _para(
            right,
            rules["motto"],
            rules,
            align=WD_ALIGN_PARAGRAPH.CENTER,
            bold=True,
            underline=bool(rules.get("motto_underlined")),
            space_after=12,
        )
    else:
        _para(right, "", rules, align=WD_ALIGN_PARAGRAPH.CENTER, space_after=6)
    _para(right, content.place_date, rules, align=WD_ALIGN_PARAGRAPH.CENTER, italic=True)


def _table_style(document: Any, rules: dict[str, Any]) -> Any:
    """One paragraph style for every table cell: setting the font on each run is what makes a big
    table slow in python-docx."""
    styles = document.styles
    if "Danvan Table" in [st.name for st in styles]:
        return styles["Danvan Table"]
    style = styles.add_style("Danvan Table", WD_STYLE_TYPE.PARAGRAPH)
    style.base_style = styles["Normal"]
    style.font.size = Pt(rules["small_font_size"])
    style.paragraph_format.space_after = Pt(0)
    style.paragraph_format.space_before = Pt(0)
    return style


def _table(document: Any, table_data: Table, rules: dict[str, Any]) -> None:
    _para(document, table_data.title, rules, align=WD_ALIGN_PARAGRAPH.CENTER, bold=True, space_after=4)
    columns = len(table_data.headers)
    table = document.add_table(rows=len(table_data.rows) + 1, cols=columns)
    table.style = "Table Grid"
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    style_id = _table_style(document, rules).style_id
    cells = table._cells
    lines: list[list[Any]] = [list(table_data.headers), *table_data.rows]
    last = len(lines) - 1
    for row_index, row in enumerate(lines):
        for col_index, value in enumerate(row):
            paragraph = cells[row_index * columns + col_index].paragraphs[0]
            paragraph._p.style = style_id  # by id: the public setter searches every style each time
            if row_index == 0:
                paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
            elif col_index:
                paragraph.alignment = WD_ALIGN_PARAGRAPH.RIGHT
            run = paragraph.add_run(value if isinstance(value, str) else _number(value))
            if row_index in (0, last):
                run.bold = True
    document.add_paragraph()


def _number(value: Any) -> str:
    from danvan.core.formatting import vn_number

    return vn_number(value)


def render_docx(content: ReportContent) -> bytes:
    rules = content.rules
    document = Document()
    section = document.sections[0]
    section.page_width, section.page_height = Mm(210), Mm(297)
    margins = rules["margins_mm"]
    section.top_margin, section.bottom_margin = Mm(margins["top"]), Mm(margins["bottom"])
    section.left_margin, section.right_margin = Mm(margins["left"]), Mm(margins["right"])
    normal = document.styles["Normal"]
    normal.font.name = rules["font_name"]
    normal.font.size = Pt(rules["font_size"])
    normal.element.rPr.rFonts.set(qn("w:eastAsia"), rules["font_name"])
    _header(document, content)
    _para(document, content.title, rules, align=WD_ALIGN_PARAGRAPH.CENTER, bold=True, space_after=0)
    _para(document, content.subject, rules, align=WD_ALIGN_PARAGRAPH.CENTER, bold=True, space_after=2)
    _para(document, "———", rules, align=WD_ALIGN_PARAGRAPH.CENTER, space_after=12)
    for item in content.sections:
        _para(document, item.heading, rules, bold=True, indent=True)
        for text in item.paragraphs:
            _para(document, text, rules, indent=True)
        if item.placeholder:
            paragraph = _para(document, item.placeholder, rules, indent=True, italic=True)
            for run in paragraph.runs:
                run.font.highlight_color = WD_COLOR_INDEX.YELLOW
        if item.heading.startswith("4."):
            for table_data in content.tables:
                _table(document, table_data, rules)
            document.add_picture(io.BytesIO(svg_to_png(content.chart_svg)), width=Mm(160))
            document.paragraphs[-1].alignment = WD_ALIGN_PARAGRAPH.CENTER
            _para(
                document,
                _("Biểu đồ 1. %(title)s") % {"title": content.chart_title},
                rules,
                align=WD_ALIGN_PARAGRAPH.CENTER,
                italic=True,
                size=rules["small_font_size"],
            )
    _signature(document, content)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def _signature(document: Any, content: ReportContent) -> None:
    rules = content.rules
    table = document.add_table(rows=1, cols=2)
    _no_borders(table)
    left, right = table.rows[0].cells
    left.width, right.width = Mm(80), Mm(85)
    _cell_text(left, rules["recipients_heading"], rules, size=12, bold=True, italic=True, align=WD_ALIGN_PARAGRAPH.LEFT)
    for line in rules["recipients"]:
        _para(left, f"- {line}", rules, align=WD_ALIGN_PARAGRAPH.LEFT, size=11, space_after=0)
    _cell_text(right, content.issuer["signer"].split("\n")[0], rules, bold=True)
    for line in content.issuer["signer"].split("\n")[1:]:
        _para(right, line, rules, align=WD_ALIGN_PARAGRAPH.CENTER, bold=True, space_after=0)
    _para(
        right, _("(Ký, ghi rõ họ tên, đóng dấu)"), rules, align=WD_ALIGN_PARAGRAPH.CENTER, italic=True, space_after=48
    )


# ---------------------------------------------------------------- Excel


def _sheet(workbook: Workbook, title: str, headers: list[str], rows: list[list[Any]]) -> Any:
    sheet = workbook.create_sheet(title)
    sheet.append(headers)
    for cell in sheet[1]:
        cell.font = Font(bold=True)
        cell.alignment = Alignment(wrap_text=True, vertical="center")
    for row in rows:
        sheet.append(row)
        for cell in sheet[sheet.max_row][1:]:
            cell.number_format = "#,##0"
    sheet.column_dimensions["A"].width = 48
    for letter in "BCDEFGH":
        sheet.column_dimensions[letter].width = 16
    sheet.freeze_panes = "B2"
    return sheet


def render_xlsx(content: ReportContent) -> bytes:
    stats = content.stats
    workbook = Workbook()
    workbook.remove(workbook.active)  # type: ignore[arg-type]
    summary = [
        [_("Đăng ký"), stats.registered.total, content.previous.registered.total if content.previous else None],
        [_("Được công nhận"), stats.recognized.total, content.previous.recognized.total if content.previous else None],
        [_("Tiêu biểu"), stats.exemplary.total, content.previous.exemplary.total if content.previous else None],
        [_("Được khen thưởng"), stats.commended.total, content.previous.commended.total if content.previous else None],
    ]
    previous_label = content.previous.period.label() if content.previous else ""
    sheet = _sheet(
        workbook,
        _("Tổng hợp"),
        [
            _("Chỉ tiêu"),
            _("Kỳ báo cáo (%(period)s)") % {"period": stats.period.label()},
            _("Kỳ trước (%(period)s)") % {"period": previous_label},
        ],
        summary,
    )
    sheet.insert_rows(1, 2)
    sheet["A1"] = f"{stats.unit.name}: {content.subject}"
    sheet["A1"].font = Font(bold=True, size=13)
    field_table, child_table = content.tables
    fields = _sheet(workbook, _("Theo lĩnh vực"), field_table.headers, field_table.rows)
    chart = BarChart()
    chart.type = "bar"
    chart.title = content.chart_title
    chart.y_axis.title = _("Số mô hình, điển hình")
    last = len(field_table.rows)  # the data rows, without the total line
    data = Reference(fields, min_col=2, max_col=3, min_row=1, max_row=last)
    chart.add_data(data, titles_from_data=True)
    chart.set_categories(Reference(fields, min_col=1, min_row=2, max_row=last))
    chart.width, chart.height = 22, 10
    fields.add_chart(chart, "H2")
    from danvan.orgs.models import LEVEL_ORDER
    from danvan.reports.writing import LEVEL_WORDS, STATUS_WORDS

    metrics = [
        (_("Đăng ký"), stats.registered),
        (_("Được công nhận"), stats.recognized),
        (_("Tiêu biểu"), stats.exemplary),
    ]
    level_rows = [
        [LEVEL_WORDS[level].capitalize(), *[b.by_level.get(level, 0) for _m, b in metrics]] for level in LEVEL_ORDER
    ]
    _sheet(workbook, _("Theo cấp"), [_("Cấp"), *[m for m, _b in metrics]], level_rows)
    kind_rows = [
        [
            _("Mô hình tập thể"),
            *[b.by_kind.get("collective", 0) for _m, b in metrics],
            stats.commended.by_kind.get("collective", 0),
        ],
        [
            _("Điển hình cá nhân"),
            *[b.by_kind.get("individual", 0) for _m, b in metrics],
            stats.commended.by_kind.get("individual", 0),
        ],
    ]
    _sheet(workbook, _("Theo loại"), [_("Loại"), *[m for m, _b in metrics], _("Được khen thưởng")], kind_rows)
    status_rows = [[text.capitalize(), stats.registered.by_status.get(code, 0)] for code, text in STATUS_WORDS.items()]
    _sheet(
        workbook,
        _("Theo trạng thái"),
        [_("Trạng thái hiện nay"), _("Số mô hình, điển hình đăng ký trong kỳ")],
        status_rows,
    )
    _sheet(workbook, _("Theo đơn vị"), child_table.headers, child_table.rows)
    decisions = [[d.number, vn_date(d.date), d.issuer, d.collectives, d.individuals] for d in content.decisions]
    _sheet(
        workbook,
        _("Khen thưởng"),
        [_("Số quyết định"), _("Ngày"), _("Cơ quan ban hành"), _("Số tập thể"), _("Số cá nhân")],
        decisions,
    )
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


# ---------------------------------------------------------------- PDF


def render_pdf(content: ReportContent) -> bytes:
    from weasyprint import HTML

    html = render_to_string(
        "reports/report_pdf.html",
        {
            "c": content,
            "number_line": number_line(content),
            "chart": mark_safe(content.chart_svg.replace("Liberation Sans", "Liberation Serif")),  # noqa: S308 - built and escaped by charts.py
            "font_dir": FONT_DIR.as_uri(),
            "issuer_lines": content.issuer["issuer"].split("\n"),
            "signer_lines": content.issuer["signer"].split("\n"),
        },
    )
    return bytes(HTML(string=html, base_url=str(FONT_DIR)).write_pdf())


RENDERERS = {"docx": render_docx, "xlsx": render_xlsx, "pdf": render_pdf}
