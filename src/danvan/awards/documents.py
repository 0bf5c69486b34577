"""The decision as a Word document (Nghị định 30/2020/NĐ-CP layout, or the Party's) and its
certificates as one PDF. Header texts, fonts and default wording come from `DocumentLayout` rows."""

import io
import re
from pathlib import Path
from typing import Any

import segno
from django.conf import settings
from django.template.loader import render_to_string
from django.utils.translation import gettext as _
from docx import Document
from docx.enum.section import WD_ORIENT
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_BREAK
from docx.oxml.ns import qn
from docx.shared import Mm, Pt
from docx.table import _Cell
from docx.text.paragraph import Paragraph

from danvan.awards.defaults import PARTY_LAYOUT, STATE_LAYOUT
from danvan.awards.models import AwardForm, Decision, DocumentLayout, NumberForm
from danvan.awards.selectors import AwardGroups, decision_awards
from danvan.core.formatting import vn_date, vn_number, vn_place_date_line
from danvan.orgs.models import Unit

PLACE_PREFIXES = re.compile(r"^(Tỉnh|Thành phố|Xã|Phường|Đặc khu|Huyện|Quận|Thị xã|Thị trấn)\s+", re.IGNORECASE)
DOCX_MIME = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def layout_settings(number_form: str) -> dict[str, Any]:
    """The layout's settings over the built-in defaults, so a partial admin edit still prints."""
    base = PARTY_LAYOUT if number_form == NumberForm.PARTY else STATE_LAYOUT
    row = DocumentLayout.objects.filter(code=number_form).first()
    return {**base, **(row.settings if row and isinstance(row.settings, dict) else {})}


def default_place(unit: Unit) -> str:
    """ "Tỉnh Phú Thọ" → "Phú Thọ": the place name of Nghị định 30's place and date line."""
    return PLACE_PREFIXES.sub("", unit.name).strip()


def default_texts(*, unit: Unit, award_form: AwardForm, number_form: str) -> dict[str, str]:
    layout = layout_settings(number_form)
    upper = unit.name.upper()
    return {
        "issuer_body": str(layout["body_template"]).format(unit=upper),
        "authority": str(layout["authority_template"]).format(unit=upper),
        "place": default_place(unit),
        "title": str(layout["title_template"]).format(form=award_form.name),
        "citation": str(layout["citation"]),
    }


# Word -----------------------------------------------------------------------------------------


def _style_run(run: Any, *, bold: bool = False, italic: bool = False, size: float | None = None) -> None:
    run.bold = bold
    run.italic = italic
    if size:
        run.font.size = Pt(size)


def _para(
    container: Any,
    text: str = "",
    *,
    align: Any = WD_ALIGN_PARAGRAPH.JUSTIFY,
    bold: bool = False,
    italic: bool = False,
    size: float | None = None,
    first_line: float | None = None,
    before: float = 0,
    after: float = 0,
    underline: bool = False,
) -> Paragraph:
    paragraph = container.add_paragraph()
    paragraph.alignment = align
    fmt = paragraph.paragraph_format
    fmt.space_before = Pt(before)
    fmt.space_after = Pt(after)
    if first_line is not None:
        fmt.first_line_indent = Mm(first_line)
    if text:
        run = paragraph.add_run(text)
        _style_run(run, bold=bold, italic=italic, size=size)
        run.underline = underline
    return paragraph


def _cell_lines(cell: _Cell, lines: list[tuple[str, dict[str, Any]]]) -> None:
    cell.paragraphs[0]._element.getparent().remove(cell.paragraphs[0]._element)
    for text, options in lines:
        _para(cell, text, align=options.pop("align", WD_ALIGN_PARAGRAPH.CENTER), **options)


def _no_borders(table: Any) -> None:
    borders = table._tbl.tblPr.first_child_found_in("w:tblBorders")
    if borders is not None:
        table._tbl.tblPr.remove(borders)


def _setup(document: Any, layout: dict[str, Any]) -> None:
    style = document.styles["Normal"]
    style.font.name = layout["font_name"]
    style.font.size = Pt(float(layout["font_size"]))
    style.element.rPr.rFonts.set(qn("w:eastAsia"), layout["font_name"])
    section = document.sections[0]
    section.orientation = WD_ORIENT.PORTRAIT
    section.page_width, section.page_height = Mm(210), Mm(297)
    margins = layout.get("margins_mm") or {}
    section.top_margin = Mm(margins.get("top", 20))
    section.bottom_margin = Mm(margins.get("bottom", 20))
    section.left_margin = Mm(margins.get("left", 30))
    section.right_margin = Mm(margins.get("right", 15))


def _header(document: Any, decision: Decision, layout: dict[str, Any]) -> None:
    table = document.add_table(rows=1, cols=2)
    _no_borders(table)
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    left, right = table.rows[0].cells
    left.width, right.width = Mm(70), Mm(95)
    body = [line for line in decision.issuer_body.splitlines() if line.strip()]
    left_lines: list[tuple[str, dict[str, Any]]] = []
    for index, line in enumerate(body):
        last = index == len(body) - 1 or (index == len(body) - 2 and body[-1].strip() == "*")
        left_lines.append((line, {"bold": last or line.strip() == "*", "size": 13}))
    left_lines.append(("―――――", {"size": 10}) if decision.number_form == NumberForm.STATE else ("", {}))
    left_lines.append((f"{layout['number_prefix']}{decision.number}", {"size": 13}))
    _cell_lines(left, left_lines)
    national = list(layout["national_lines"])
    right_lines: list[tuple[str, dict[str, Any]]] = []
    for index, line in enumerate(national):
        last = index == len(national) - 1
        right_lines.append(
            (line, {"bold": True, "size": 13 if index == 0 and len(national) > 1 else 14, "underline": last})
        )
    right_lines.append(("", {}))
    right_lines.append(
        (
            vn_place_date_line(decision.place, decision.date),
            {"italic": True, "size": 14, "align": WD_ALIGN_PARAGRAPH.RIGHT},
        )
    )
    _cell_lines(right, right_lines)


def _articles(document: Any, decision: Decision, groups: AwardGroups, layout: dict[str, Any]) -> None:
    center = WD_ALIGN_PARAGRAPH.CENTER
    _para(document, _("QUYẾT ĐỊNH"), align=center, bold=True, before=18)
    _para(document, decision.title, align=center, bold=True, after=12)
    _para(document, decision.authority, align=center, bold=True, after=12)
    for line in decision.legal_bases.splitlines():
        _para(document, line, italic=True, first_line=10, after=4)
    if decision.proposal:
        _para(
            document,
            _("Theo đề nghị của %(who)s.") % {"who": decision.proposal.rstrip(".")},
            italic=True,
            first_line=10,
        )
    _para(document, _("QUYẾT ĐỊNH:"), align=center, bold=True, before=12, after=12)
    summary = _recipients_phrase(len(groups.collectives), len(groups.individuals))
    article1 = _para(document, first_line=10, after=6)
    _style_run(article1.add_run(_("Điều 1. ")), bold=True)
    article1.add_run(
        _("Tặng %(form)s cho %(who)s (có danh sách kèm theo) %(citation)s.")
        % {"form": decision.award_form.name, "who": summary, "citation": decision.citation.rstrip(".")}
    )
    article2 = _para(document, first_line=10, after=6)
    _style_run(article2.add_run(_("Điều 2. ")), bold=True)
    text2 = str(layout["article2"])
    if decision.corrects_id and decision.corrects:
        text2 = _("%(text)s Quyết định này đính chính và thay thế Quyết định số %(number)s ngày %(date)s.") % {
            "text": text2,
            "number": decision.corrects.number,
            "date": vn_date(decision.corrects.date),
        }
    article2.add_run(text2)
    article3 = _para(document, first_line=10, after=12)
    _style_run(article3.add_run(_("Điều 3. ")), bold=True)
    article3.add_run(str(layout["article3"]))


def _recipients_phrase(collectives: int, individuals: int) -> str:
    parts = []
    if collectives:
        parts.append(_("%(n)s tập thể") % {"n": vn_number(collectives)})
    if individuals:
        parts.append(_("%(n)s cá nhân") % {"n": vn_number(individuals)})
    return _(" và ").join(parts)


def _signature(document: Any, decision: Decision, layout: dict[str, Any]) -> None:
    table = document.add_table(rows=1, cols=2)
    _no_borders(table)
    left, right = table.rows[0].cells
    left.width, right.width = Mm(80), Mm(85)
    distribution: list[tuple[str, dict[str, Any]]] = [
        (_("Nơi nhận:"), {"bold": True, "italic": True, "size": 12, "align": WD_ALIGN_PARAGRAPH.LEFT})
    ]
    distribution += [(f"- {line}", {"size": 11, "align": WD_ALIGN_PARAGRAPH.LEFT}) for line in layout["distribution"]]
    _cell_lines(left, distribution)
    signer: list[tuple[str, dict[str, Any]]] = [
        (line.upper(), {"bold": True}) for line in decision.signer_title.splitlines()
    ]
    signer += [("", {}), ("", {}), ("", {}), (decision.signer_name, {"bold": True})]
    _cell_lines(right, signer)


def _annex_of(decision: Decision, layout: dict[str, Any]) -> str:
    """ "Chủ tịch Ủy ban nhân dân tỉnh Phú Thọ": who issued, in running text (the unit's kind in lower case)."""
    name = decision.issuer_unit.name
    match = PLACE_PREFIXES.match(name)
    if match:
        name = match.group(1).lower() + name[len(match.group(1)) :]
    return str(layout.get("annex_of_template", "{unit_name}")).format(unit_name=name)


def _annex(document: Any, decision: Decision, groups: AwardGroups, layout: dict[str, Any]) -> None:
    paragraph = _para(document)
    paragraph.add_run().add_break(WD_BREAK.PAGE)
    center = WD_ALIGN_PARAGRAPH.CENTER
    _para(document, _("DANH SÁCH"), align=center, bold=True)
    _para(
        document,
        _("TẬP THỂ, CÁ NHÂN ĐƯỢC TẶNG %(form)s") % {"form": decision.award_form.name.upper()},
        align=center,
        bold=True,
    )
    _para(
        document,
        _("(Kèm theo Quyết định số %(number)s ngày %(date)s của %(authority)s)")
        % {"number": decision.number, "date": vn_date(decision.date), "authority": _annex_of(decision, layout)},
        align=center,
        italic=True,
        after=12,
    )
    for heading, awards, name_header in (
        (_("I. TẬP THỂ"), groups.collectives, _("Tên tập thể")),
        (_("II. CÁ NHÂN"), groups.individuals, _("Họ và tên")),
    ):
        _para(document, heading, align=WD_ALIGN_PARAGRAPH.LEFT, bold=True, before=6, after=6)
        table = document.add_table(rows=1, cols=4)
        table.style = "Table Grid"
        for cell, text in zip(table.rows[0].cells, [_("TT"), name_header, _("Chức vụ"), _("Đơn vị")], strict=True):
            cell.paragraphs[0].alignment = center
            _style_run(cell.paragraphs[0].add_run(text), bold=True, size=13)
        for index, award in enumerate(awards, start=1):
            cells = table.add_row().cells
            for cell, text in zip(
                cells, [str(index), award.recipient_name, award.position, award.unit_name], strict=True
            ):
                _style_run(cell.paragraphs[0].add_run(text), size=13)
        for row in table.rows:
            row.cells[0].width, row.cells[1].width, row.cells[2].width, row.cells[3].width = (
                Mm(12),
                Mm(60),
                Mm(40),
                Mm(53),
            )


def decision_docx(decision: Decision) -> bytes:
    """The decision and its annex as a .docx file."""
    layout = layout_settings(decision.number_form)
    groups = decision_awards(decision)
    document = Document()
    _setup(document, layout)
    _header(document, decision, layout)
    _articles(document, decision, groups, layout)
    _signature(document, decision, layout)
    _annex(document, decision, groups, layout)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def docx_filename(decision: Decision) -> str:
    return "quyet-dinh-" + re.sub(r"[^0-9A-Za-z]+", "-", decision.number.replace("Đ", "D")).strip("-") + ".docx"


# Certificates ---------------------------------------------------------------------------------


def font_dir() -> Path:
    return Path(getattr(settings, "DANVAN_FONT_DIR", "/usr/share/fonts/truetype/liberation2"))


def certificates_pdf(decision: Decision, *, verify_url: str) -> bytes:
    """One A4 landscape page per recipient, one file. `verify_url` is the absolute URL of the
    public verification page with "CODE" where the certificate's code goes."""
    from weasyprint import HTML

    layout = layout_settings(decision.number_form)
    groups = decision_awards(decision)
    pages = []
    for award in [*groups.collectives, *groups.individuals]:
        url = verify_url.replace("CODE", award.certificate_code)
        qr = str(segno.make(url, error="m").svg_data_uri(scale=3, border=0))
        pages.append({"award": award, "verify_url": url, "qr": qr})
    html = render_to_string(
        "awards/certificates.html",
        {
            "decision": decision,
            "pages": pages,
            "font_dir": font_dir().as_uri(),
            "font_family": layout.get("certificate_font", "Liberation Serif"),
            "body_lines": [line for line in decision.issuer_body.splitlines() if line.strip() and line.strip() != "*"],
            "national_lines": layout["national_lines"],
            "place_date": vn_place_date_line(decision.place, decision.date),
            "signer_lines": [line.upper() for line in decision.signer_title.splitlines()],
            "decision_date": vn_date(decision.date),
        },
    )
    return HTML(string=html, base_url=str(font_dir())).write_pdf()


def certificates_filename(decision: Decision) -> str:
    return docx_filename(decision).replace("quyet-dinh-", "giay-khen-").replace(".docx", ".pdf")
