"""Word, PDF (both laid out by `danvan.documents`) and Excel (openpyxl) renderings of a `ReportContent`."""

import io
from typing import Any

from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.chart import BarChart, Reference
from openpyxl.styles import Alignment, Font

from danvan.core.exports import neutralise
from danvan.core.formatting import vn_date
from danvan.documents.content import Block, Document, Header, Picture, Signature, Text
from danvan.documents.content import Table as DocumentTable
from danvan.documents.pdf import write_pdf
from danvan.documents.word import write_docx
from danvan.reports.charts import svg_to_png
from danvan.reports.writing import ReportContent, number_line

# ---------------------------------------------------------------- Word and PDF


def report_document(content: ReportContent, *, for_pdf: bool = False) -> Document:
    """The report as the content of an administrative document; `documents` lays it out."""
    issuer = content.issuer
    blocks: list[Block] = [
        Text(content.title, "title"),
        Text(content.subject, "subject"),
        Text("", "rule"),
    ]
    for item in content.sections:
        blocks.append(Text(item.heading, "heading"))
        blocks += [Text(text) for text in item.paragraphs]
        if item.tables_after:
            blocks += [
                DocumentTable(headers=t.headers, rows=t.rows, title=t.title, numeric=True) for t in content.tables
            ]
            blocks.append(
                Picture(
                    png=b"" if for_pdf else svg_to_png(content.chart_svg),
                    svg=content.chart_svg,
                    width_mm=160,
                    caption=_("Biểu đồ 1. %(title)s") % {"title": content.chart_title},
                )
            )
    blocks.append(
        Signature(
            signer=issuer["signer"].split("\n"),
            note=_("(Ký, ghi rõ họ tên, đóng dấu)"),
            recipients=list(content.layout.kind("report").get("recipients", [])),
        )
    )
    return Document(
        header=Header(
            superior=[line for line in issuer["superior"].split("\n") if line],
            issuer=issuer["issuer"].split("\n"),
            number=number_line(content),
            place_date=content.place_date,
        ),
        blocks=blocks,
        title=f"{content.title} — {content.subject}",
    )


def render_docx(content: ReportContent) -> bytes:
    return write_docx(content.layout, report_document(content))


# ---------------------------------------------------------------- Excel


def _sheet(workbook: Workbook, title: str, headers: list[str], rows: list[list[Any]]) -> Any:
    sheet = workbook.create_sheet(title)
    sheet.append(headers)
    for cell in sheet[1]:
        cell.font = Font(bold=True)
        cell.alignment = Alignment(wrap_text=True, vertical="center")
    for row in rows:
        sheet.append([neutralise(v) if isinstance(v, str) else v for v in row])  # unit names are user text
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
    sheet["A1"] = neutralise(f"{stats.unit.name}: {content.subject}")
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
    return write_pdf(content.layout, report_document(content, for_pdf=True))


RENDERERS = {"docx": render_docx, "xlsx": render_xlsx, "pdf": render_pdf}
