"""A `Document` as a Word file, laid out by a `Layout`: the only place a page, its margins, the
header of an administrative document, its signature block and page numbers are set in Word."""

import io
from typing import Any

from docx import Document as new_docx
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_BREAK, WD_COLOR_INDEX
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt

from danvan.core.formatting import vn_number
from danvan.documents.content import Document, Header, PageBreak, Picture, Signature, Table, Text
from danvan.documents.layouts import Layout
from danvan.documents.metrics import text_width_mm

DOCX_MIME = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"

CENTER, LEFT, JUSTIFY = WD_ALIGN_PARAGRAPH.CENTER, WD_ALIGN_PARAGRAPH.LEFT, WD_ALIGN_PARAGRAPH.JUSTIFY
INDENT_MM = 12.7
CELL_MARGIN_MM = 1.0

# How each role of `content.Text` is set: alignment, bold, italic, first-line indent, space before/after (pt),
# "small" for the layout's small size.
ROLES: dict[str, dict[str, Any]] = {
    "title": {"align": CENTER, "bold": True, "before": 6},
    "subject": {"align": CENTER, "bold": True, "after": 2},
    "rule": {"align": CENTER, "after": 12},
    "authority": {"align": CENTER, "bold": True, "before": 6, "after": 12},
    "basis": {"italic": True, "indent": True, "after": 4},
    "decide": {"align": CENTER, "bold": True, "before": 12, "after": 12},
    "heading": {"bold": True, "indent": True, "after": 6},
    "body": {"indent": True, "after": 6},
    "article": {"indent": True, "after": 6},
    "placeholder": {"italic": True, "indent": True, "after": 6},
    "caption": {"align": CENTER, "italic": True, "small": True, "after": 6},
    "table_title": {"align": CENTER, "bold": True, "after": 4},
    "annex_title": {"align": CENTER, "bold": True},
    "annex_note": {"align": CENTER, "italic": True, "after": 12},
    "group": {"align": LEFT, "bold": True, "before": 6, "after": 6},
}


def _font(run: Any, layout: Layout, size: float | None = None, *, bold: bool = False, italic: bool = False) -> None:
    run.font.name = layout["font_name"]
    run._element.get_or_add_rPr().get_or_add_rFonts().set(qn("w:eastAsia"), layout["font_name"])
    run.font.size = Pt(size or layout["font_size"])
    run.bold = bold
    run.italic = italic


def _paragraph(
    container: Any,
    layout: Layout,
    lines: list[str] | str,
    *,
    align: Any = JUSTIFY,
    size: float | None = None,
    bold: bool = False,
    italic: bool = False,
    underline: bool = False,
    indent: bool = False,
    before: float = 0,
    after: float = 0,
    reuse: bool = False,
) -> Any:
    """A paragraph of one or more lines (broken, not separate paragraphs). `reuse` writes into the
    container's first, empty paragraph (a new table cell has one)."""
    paragraph = container.paragraphs[0] if reuse else container.add_paragraph()
    paragraph.alignment = align
    fmt = paragraph.paragraph_format
    fmt.space_before, fmt.space_after = Pt(before), Pt(after)
    if indent:
        fmt.first_line_indent = Mm(INDENT_MM)
    lines = [lines] if isinstance(lines, str) else lines
    for index, line in enumerate(lines):
        run = paragraph.add_run(line)
        _font(run, layout, size, bold=bold, italic=italic)
        run.underline = underline
        if index < len(lines) - 1:
            run.add_break()
    return paragraph


def _element(tag: str, **attributes: str) -> Any:
    element = OxmlElement(tag)
    for name, value in attributes.items():
        element.set(qn(f"w:{name}"), value)
    return element


def _no_borders(table: Any) -> None:
    borders = _element("w:tblBorders")
    for edge in ("top", "left", "bottom", "right", "insideH", "insideV"):
        borders.append(_element(f"w:{edge}", val="nil"))
    table._tbl.tblPr.append(borders)


def _widths(table: Any, widths_mm: list[float]) -> None:
    """Fixed column widths, written where both Word and LibreOffice read them (the grid and each cell)."""
    table.autofit = False
    tbl_pr = table._tbl.tblPr
    layout = tbl_pr.find(qn("w:tblLayout"))
    if layout is None:
        layout = _element("w:tblLayout")
        tbl_pr.append(layout)
    layout.set(qn("w:type"), "fixed")
    for col, width in zip(table._tbl.tblGrid.findall(qn("w:gridCol")), widths_mm, strict=True):
        col.set(qn("w:w"), str(int(Mm(width).twips)))
    for row in table.rows:
        for cell, width in zip(row.cells, widths_mm, strict=True):
            cell.width = Mm(width)


def _cell_margins(table: Any, mm: float) -> None:
    margins = _element("w:tblCellMar")
    for edge in ("left", "right"):
        margins.append(_element(f"w:{edge}", w=str(int(Mm(mm).twips)), type="dxa"))
    table._tbl.tblPr.append(margins)


def _rule(paragraph: Any, length_mm: float, column_mm: float, *, edge: str = "bottom") -> None:
    """A line `length_mm` long centred in its column, drawn as the paragraph's border between indents
    (so the paragraph must hold no text: indents would squeeze it)."""
    side = max((column_mm - 2 * CELL_MARGIN_MM - length_mm) / 2, 0)
    fmt = paragraph.paragraph_format
    fmt.left_indent = fmt.right_indent = Mm(side)
    p_pr = paragraph._p.get_or_add_pPr()
    borders = _element("w:pBdr")
    borders.append(_element(f"w:{edge}", val="single", sz="6", space="1", color="000000"))
    p_pr.append(borders)


def _line_under(container: Any, layout: Layout, length_mm: float, column_mm: float) -> Any:
    """An empty, 2-point-high paragraph whose top border is the line under the text above it."""
    paragraph = _paragraph(container, layout, "", align=CENTER)
    paragraph.paragraph_format.line_spacing = Pt(2)
    _rule(paragraph, length_mm, column_mm, edge="top")
    return paragraph


# ---------------------------------------------------------------- page


def _page(document: Any, layout: Layout) -> Any:
    """A4 portrait, the layout's margins and font: the one place a document's page is set."""
    section = document.sections[0]
    page, margins = layout["page"], layout["margins_mm"]
    section.page_width, section.page_height = Mm(page["width_mm"]), Mm(page["height_mm"])
    section.top_margin, section.bottom_margin = Mm(margins["top"]), Mm(margins["bottom"])
    section.left_margin, section.right_margin = Mm(margins["left"]), Mm(margins["right"])
    normal = document.styles["Normal"]
    normal.font.name = layout["font_name"]
    normal.font.size = Pt(layout["font_size"])
    normal.element.get_or_add_rPr().get_or_add_rFonts().set(qn("w:eastAsia"), layout["font_name"])
    return section


def text_width(layout: Layout) -> float:
    page, margins = layout["page"], layout["margins_mm"]
    return float(page["width_mm"] - margins["left"] - margins["right"])


def _field(paragraph: Any, layout: Layout, instruction: str, shown: str) -> None:
    """A field (PAGE, NUMPAGES) the word processor fills in when it lays the pages out."""
    for kind, text in (("begin", None), ("instr", instruction), ("separate", None), ("text", shown), ("end", None)):
        run = paragraph.add_run()
        _font(run, layout, layout["header_size"])
        if kind == "instr":
            element = _element("w:instrText")
            element.set(qn("xml:space"), "preserve")
            element.text = f" {text} "
            run._r.append(element)
        elif kind == "text":
            run.text = text or ""
        else:
            run._r.append(_element("w:fldChar", fldCharType=kind))


def _page_furniture(section: Any, layout: Layout, *, draft: bool) -> None:
    """Page numbers from the page `page_number_from` (2: the first page has its own, empty header)
    and, on a draft, the draft mark on every page."""
    section.different_first_page_header_footer = int(layout["page_number_from"]) > 1
    headers = [section.header, section.first_page_header] if draft else [section.header]
    for header in headers:
        header.is_linked_to_previous = False
        if draft:
            mark = _paragraph(
                header, layout, layout["draft_mark"], align=WD_ALIGN_PARAGRAPH.RIGHT, bold=True, reuse=True
            )
            mark.runs[0].font.size = Pt(layout["font_size"])
    number = section.header.add_paragraph() if draft else section.header.paragraphs[0]
    number.alignment = CENTER
    _field(number, layout, "PAGE", "2")


# ---------------------------------------------------------------- header and signature


def header_widths(layout: Layout, header: Header) -> list[float]:
    """The two header columns: the layout's widths, moved so that the national name, the motto and
    the place-and-date line fit the right one on one line and, when there is room, the issuer's
    lines the left one."""
    left, right = (float(w) for w in layout["header_widths_mm"])
    total, air = left + right, 2 * CELL_MARGIN_MM + 2
    size = layout["header_size"]
    right_needed = air + max(
        text_width_mm(layout["national_name"], layout["national_name_size"], bold=True),
        text_width_mm(layout.get("motto") or "", layout["motto_size"], bold=True),
        text_width_mm(header.place_date, layout["place_date_size"], italic=True),
    )
    left_needed = air + max(
        [text_width_mm(line, size) for line in header.superior]
        + [text_width_mm(line, size, bold=True) for line in header.issuer]
        + [text_width_mm(header.number, size)]
    )
    right = min(max(right, right_needed), total - 40)
    left = total - right
    if left < left_needed <= total - right_needed:
        left, right = left_needed, total - left_needed
    return [left, right]


def _header(document: Any, layout: Layout, header: Header) -> None:
    widths = header_widths(layout, header)
    table = document.add_table(rows=1, cols=2)
    _no_borders(table)
    _cell_margins(table, CELL_MARGIN_MM)
    _widths(table, widths)
    left, right = table.rows[0].cells
    size = layout["header_size"]
    first = True
    if header.superior:
        _paragraph(left, layout, header.superior, align=CENTER, size=size, reuse=True)
        first = False
    _paragraph(left, layout, header.issuer, align=CENTER, size=size, bold=True, reuse=first)
    if layout.get("issuer_star"):
        _paragraph(left, layout, "*", align=CENTER, size=size)
    else:  # a line 1/3 to 1/2 as long as the issuer's name
        longest = max((text_width_mm(line, size, bold=True) for line in header.issuer), default=0)
        _line_under(left, layout, longest * 0.4, widths[0])
    _paragraph(left, layout, header.number, align=CENTER, size=size, before=6)
    motto = layout.get("motto")
    _paragraph(
        right,
        layout,
        layout["national_name"],
        align=CENTER,
        size=layout["national_name_size"],
        bold=True,
        reuse=True,
    )
    if motto:
        _paragraph(right, layout, motto, align=CENTER, size=layout["motto_size"], bold=True)
        if layout.get("motto_rule", True):  # as long as the motto
            _line_under(right, layout, text_width_mm(motto, layout["motto_size"], bold=True), widths[1])
    else:  # the Party's name has its line beneath
        national_mm = text_width_mm(layout["national_name"], layout["national_name_size"], bold=True)
        _line_under(right, layout, national_mm, widths[1])
    _paragraph(right, layout, header.place_date, align=CENTER, size=layout["place_date_size"], italic=True, before=8)


def _signature(document: Any, layout: Layout, signature: Signature) -> None:
    widths = [float(w) for w in layout["signature_widths_mm"]]
    table = document.add_table(rows=1, cols=2)
    _no_borders(table)
    _cell_margins(table, CELL_MARGIN_MM)
    _widths(table, widths)
    left, right = table.rows[0].cells
    if signature.recipients:
        _paragraph(left, layout, layout["recipients_heading"], align=LEFT, size=12, bold=True, italic=True, reuse=True)
        for line in signature.recipients:
            _paragraph(left, layout, f"- {line}", align=LEFT, size=11)
    _paragraph(right, layout, signature.signer[:1], align=CENTER, bold=True, reuse=True)
    for line in signature.signer[1:]:
        _paragraph(right, layout, line, align=CENTER, bold=True)
    if signature.note:
        _paragraph(right, layout, signature.note, align=CENTER, italic=True)
    room = _paragraph(right, layout, "", align=CENTER)
    room.paragraph_format.space_after = Mm(float(layout["signature_room_mm"]))
    if signature.name:
        _paragraph(right, layout, signature.name, align=CENTER, bold=True)


# ---------------------------------------------------------------- blocks


def _text(document: Any, layout: Layout, block: Text) -> None:
    role = ROLES.get(block.role, ROLES["body"])
    if block.role == "rule":  # the line under the trích yếu, a third of the text's width
        paragraph = _paragraph(document, layout, "", align=CENTER, after=role["after"])
        _rule(paragraph, text_width(layout) / 3, text_width(layout) + 2 * CELL_MARGIN_MM)
        return
    size = layout["small_font_size"] if role.get("small") else None
    if block.lead:
        paragraph = _paragraph(document, layout, "", indent=role.get("indent", False), after=role.get("after", 0))
        _font(paragraph.add_run(block.lead), layout, size, bold=True)
        _font(paragraph.add_run(block.text), layout, size, bold=role.get("bold", False))
        return
    paragraph = _paragraph(
        document,
        layout,
        block.text.split("\n"),
        align=role.get("align", JUSTIFY),
        size=size,
        bold=role.get("bold", False),
        italic=role.get("italic", False),
        indent=role.get("indent", False),
        before=role.get("before", 0),
        after=role.get("after", 0),
    )
    if block.role == "placeholder":
        for run in paragraph.runs:
            run.font.highlight_color = WD_COLOR_INDEX.YELLOW


def _table_style(document: Any, layout: Layout, size: float) -> Any:
    """One paragraph style per size for table cells: setting the font on each run is what makes a big
    table slow in python-docx."""
    name = f"Danvan Table {size:g}"
    styles = document.styles
    if name in [style.name for style in styles]:
        return styles[name]
    style = styles.add_style(name, WD_STYLE_TYPE.PARAGRAPH)
    style.base_style = styles["Normal"]
    style.font.size = Pt(size)
    style.paragraph_format.space_after = Pt(0)
    style.paragraph_format.space_before = Pt(0)
    return style


def _table(document: Any, layout: Layout, data: Table) -> None:
    if data.title:
        _text(document, layout, Text(data.title, "table_title"))
    columns = len(data.headers)
    table = document.add_table(rows=len(data.rows) + 1, cols=columns)
    table.style = "Table Grid"
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    if data.weights:
        total = sum(data.weights)
        _widths(table, [text_width(layout) * weight / total for weight in data.weights])
    size = layout["small_font_size"] if data.small else layout["font_size"] - 1
    style_id = _table_style(document, layout, size).style_id
    cells = table._cells
    lines: list[list[Any]] = [list(data.headers), *data.rows]
    last = len(lines) - 1
    for row_index, row in enumerate(lines):
        for col_index, value in enumerate(row):
            paragraph = cells[row_index * columns + col_index].paragraphs[0]
            paragraph._p.style = style_id  # by id: the public setter searches every style each time
            if row_index == 0:
                paragraph.alignment = CENTER
            elif data.numeric and col_index:
                paragraph.alignment = WD_ALIGN_PARAGRAPH.RIGHT
            elif not data.numeric and col_index == 0:
                paragraph.alignment = CENTER
            run = paragraph.add_run(value if isinstance(value, str) else vn_number(value))
            if row_index == 0 or (data.numeric and row_index == last):
                run.bold = True
    if data.numeric:
        document.add_paragraph()


def _picture(document: Any, layout: Layout, picture: Picture) -> None:
    document.add_picture(io.BytesIO(picture.png), width=Mm(picture.width_mm))
    document.paragraphs[-1].alignment = CENTER
    if picture.caption:
        _text(document, layout, Text(picture.caption, "caption"))


def _page_break(document: Any) -> None:
    document.add_paragraph().add_run().add_break(WD_BREAK.PAGE)


def write_docx(layout: Layout, content: Document) -> bytes:
    """The document as a .docx file, laid out by `layout`."""
    document = new_docx()
    section = _page(document, layout)
    _header(document, layout, content.header)
    for block in content.blocks:
        if isinstance(block, Text):
            _text(document, layout, block)
        elif isinstance(block, Table):
            _table(document, layout, block)
        elif isinstance(block, Picture):
            _picture(document, layout, block)
        elif isinstance(block, PageBreak):
            _page_break(document)
        elif isinstance(block, Signature):
            _signature(document, layout, block)
    _page_furniture(section, layout, draft=content.draft)
    if content.title:
        document.core_properties.title = content.title
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()
