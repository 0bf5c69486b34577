"""The dossier's documents written from the data: the tờ trình (Mẫu 01), the báo cáo thành tích and the
biên bản of the council's meeting with its tally.

Each builder returns a `Paper` (what the document says); `paper_docx` lays it out in Word. The page
layout (Nghị định 30/2020 header, margins, signature) belongs to the one document writer; until it is
shared, `paper_docx` is a plain Nghị định 30 layout of its own.
"""

import io
from dataclasses import dataclass, field
from typing import Any

from django.utils.translation import gettext as _
from docx import Document
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml.ns import qn
from docx.shared import Mm, Pt

from danvan.core.formatting import vn_date, vn_number, vn_place_date_line
from danvan.proposals.models import DocumentCode, Proposal, ProposalItem
from danvan.proposals.selectors import preferred, proposal_items, running_name

DOCX_MIME = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
PLACE_PREFIXES = ("Tỉnh ", "Thành phố ", "Xã ", "Phường ", "Đặc khu ")


@dataclass
class Table:
    headers: list[str]
    rows: list[list[str]]


@dataclass
class Para:
    text: str
    bold: bool = False
    italic: bool = False
    center: bool = False


@dataclass
class Paper:
    """What a document says, without its page layout."""

    issuer_lines: list[str]
    number_line: str
    place_date: str
    title: str
    subtitle: str = ""
    addressee: str = ""
    body: list[Para | Table] = field(default_factory=list)
    signer_title: str = ""
    signer_name: str = ""
    recipients: list[str] = field(default_factory=list)


def _place(name: str) -> str:
    for prefix in PLACE_PREFIXES:
        if name.startswith(prefix):
            return name[len(prefix) :]
    return name


def _issuer_lines(unit_name: str) -> list[str]:
    return [_("ỦY BAN NHÂN DÂN"), unit_name.upper()]


def _kind_label(item: ProposalItem) -> str:
    return _("Tập thể") if item.recipient_kind == "collective" else _("Cá nhân")


def _women(item: ProposalItem) -> str:
    if item.recipient_kind == "individual":
        return {"female": _("Nữ"), "male": _("Nam")}.get(item.recipient_gender, "")
    return f"{vn_number(item.women_share)} %" if item.women_share is not None else ""


def to_trinh(proposal: Proposal) -> Paper:
    """Tờ trình đề nghị khen thưởng (Mẫu 01): who proposes what, to whom, on which bases, for whom."""
    items = proposal_items(proposal)
    collectives = sum(1 for i in items if i.recipient_kind == "collective")
    individuals = len(items) - collectives
    who = []
    if collectives:
        who.append(_("%(n)s tập thể") % {"n": vn_number(collectives)})
    if individuals:
        who.append(_("%(n)s cá nhân") % {"n": vn_number(individuals)})
    body: list[Para | Table] = [Para(line, italic=True) for line in proposal.rule.legal_bases.splitlines() if line]
    body.append(
        Para(
            _(
                "Ủy ban nhân dân %(unit)s kính đề nghị %(to)s xét, tặng %(form)s cho %(who)s đã có thành tích "
                "xuất sắc trong phong trào thi đua “Dân vận khéo” (có danh sách và báo cáo thành tích kèm theo):"
            )
            % {
                "unit": running_name(proposal.unit),
                "to": _("Chủ tịch Ủy ban nhân dân %(unit)s") % {"unit": running_name(proposal.to_unit)},
                "form": proposal.award_form.name,
                "who": _(" và ").join(who),
            }
        )
    )
    body.append(
        Table(
            [_("TT"), _("Tên tập thể, cá nhân"), _("Loại"), _("Nữ / tỷ lệ nữ"), _("Thành tích"), _("Ưu tiên")],
            [
                [
                    str(index),
                    item.recipient_name,
                    _kind_label(item),
                    _women(item),
                    item.achievement,
                    _("NĐ 152 Điều 4") if preferred(item) else "",
                ]
                for index, item in enumerate(items, start=1)
            ],
        )
    )
    body.append(
        Para(
            _("Kính trình %(to)s xem xét, quyết định.")
            % {"to": _("Chủ tịch Ủy ban nhân dân %(unit)s") % {"unit": running_name(proposal.to_unit)}}
        )
    )
    return Paper(
        issuer_lines=_issuer_lines(proposal.unit.name),
        number_line=_("Số: %(n)s") % {"n": proposal.number or "…/TTr-UBND"},
        place_date=vn_place_date_line(_place(proposal.unit.name), proposal.date),
        title=_("TỜ TRÌNH"),
        subtitle=_("Về việc đề nghị tặng %(form)s") % {"form": proposal.award_form.name},
        addressee=_("Kính gửi: Chủ tịch Ủy ban nhân dân %(unit)s") % {"unit": running_name(proposal.to_unit)},
        body=body,
        signer_title=_("CHỦ TỊCH"),
        recipients=[_("Như trên;"), _("Lưu: VT.")],
    )


def _measures(item: ProposalItem) -> list[str]:
    """The initiative's measured results, when the platform records them."""
    initiative: Any = item.initiative
    values = getattr(initiative, "measure_values", None)
    if values is None:
        return []
    return [
        f"{value.measure.name}: {vn_number(value.value)} {value.measure.unit}".strip()
        for value in values.select_related("measure").order_by("measure__sort", "measure__code")
    ]


def bao_cao(proposal: Proposal) -> Paper:
    """Báo cáo thành tích (the thematic form): for each item, the model's own registration fields and
    its measured results."""
    body: list[Para | Table] = []
    for index, item in enumerate(proposal_items(proposal), start=1):
        body.append(Para(f"{index}. {item.recipient_name}", bold=True))
        body.append(Para(_("Thành tích đề nghị khen thưởng: %(a)s.") % {"a": item.achievement.rstrip(".")}))
        initiative = item.initiative
        if initiative is None:
            continue
        for label, text in (
            (_("Sự cần thiết, lý do"), initiative.problem),
            (_("Tóm tắt"), initiative.summary),
            (_("Nội dung, cách làm"), initiative.content),
            (_("Kết quả, sản phẩm"), initiative.results),
            (_("Duy trì, nhân rộng"), initiative.sustainability),
        ):
            if text:
                body.append(Para(f"{label}: {text}"))
        measures = _measures(item)
        if measures:
            body.append(Para(_("Kết quả định lượng: %(m)s.") % {"m": "; ".join(measures)}))
        if initiative.recognized_on:
            body.append(
                Para(
                    _("Được công nhận ngày %(d)s (%(level)s).")
                    % {"d": vn_date(initiative.recognized_on), "level": initiative.get_recognized_level_display()}
                )
            )
    return Paper(
        issuer_lines=_issuer_lines(proposal.unit.name),
        number_line=_("Số: …/BC-UBND"),
        place_date=vn_place_date_line(_place(proposal.unit.name), proposal.date),
        title=_("BÁO CÁO THÀNH TÍCH"),
        subtitle=_("Đề nghị tặng %(form)s trong phong trào thi đua “Dân vận khéo”")
        % {"form": proposal.award_form.name},
        body=body,
        signer_title=_("CHỦ TỊCH"),
    )


def bien_ban(proposal: Proposal) -> Paper:
    """Biên bản of the council's meeting: members, present, the tally per item, the result."""
    items = proposal_items(proposal)
    members, present = proposal.members or 0, proposal.present or 0
    threshold = proposal.rule.vote_threshold
    council = proposal.council.name if proposal.council else _("Hội đồng Thi đua - Khen thưởng")
    body: list[Para | Table] = [
        Para(
            _(
                "Hôm nay, ngày %(d)s, %(council)s họp xét đề nghị khen thưởng của %(unit)s "
                "(Tờ trình số %(n)s ngày %(td)s)."
            )
            % {
                "d": vn_date(proposal.vote_date),
                "council": council,
                "unit": _("Ủy ban nhân dân %(unit)s") % {"unit": running_name(proposal.unit)},
                "n": proposal.number or "…",
                "td": vn_date(proposal.date),
            }
        ),
        Para(
            _(
                "Tổng số thành viên Hội đồng: %(m)s; có mặt: %(p)s; vắng mặt: %(a)s. Tỷ lệ phiếu đồng ý tính trên "
                "tổng số thành viên Hội đồng, cần đạt từ %(t)s %% trở lên (%(article)s)."
            )
            % {
                "m": vn_number(members),
                "p": vn_number(present),
                "a": vn_number(members - present),
                "t": vn_number(threshold * 100, 0 if threshold * 100 == int(threshold * 100) else 1),
                "article": proposal.rule.article,
            }
        ),
        Table(
            [
                _("TT"),
                _("Tên tập thể, cá nhân"),
                _("Đồng ý tại hội nghị"),
                _("Đồng ý bằng văn bản"),
                _("Tỷ lệ"),
                _("Kết quả"),
            ],
            [
                [
                    str(index),
                    item.recipient_name,
                    vn_number(item.agree or 0),
                    vn_number(item.written_agree or 0),
                    f"{vn_number(((item.agree or 0) + (item.written_agree or 0)) * 100 / members, 1)} %"
                    if members
                    else "",
                    _("Đạt") if item.passed else _("Không đạt"),
                ]
                for index, item in enumerate(items, start=1)
            ],
        ),
    ]
    passed = [i.recipient_name for i in items if i.passed]
    body.append(
        Para(
            _("Kết quả: %(n)s/%(total)s tập thể, cá nhân đạt tỷ lệ phiếu đề nghị khen thưởng: %(names)s.")
            % {"n": vn_number(len(passed)), "total": vn_number(len(items)), "names": "; ".join(passed) or "—"}
        )
    )
    return Paper(
        issuer_lines=[_("ỦY BAN NHÂN DÂN"), council.upper()],
        number_line="",
        place_date=vn_place_date_line(_place(proposal.to_unit.name), proposal.vote_date or proposal.date),
        title=_("BIÊN BẢN"),
        subtitle=_("Họp xét khen thưởng"),
        body=body,
        signer_title=_("CHỦ TỊCH HỘI ĐỒNG"),
    )


BUILDERS = {
    DocumentCode.TO_TRINH.value: to_trinh,
    DocumentCode.BAO_CAO.value: bao_cao,
    DocumentCode.BIEN_BAN.value: bien_ban,
}


def dossier_docx(proposal: Proposal, code: str) -> bytes:
    return paper_docx(BUILDERS[code](proposal))


def dossier_filename(proposal: Proposal, code: str) -> str:
    return f"{code.replace('_', '-')}-de-nghi-{proposal.pk}.docx"


# Word (a plain Nghị định 30 layout until the shared writer is used) -----------------------------------


def _line(
    container: Any, text: str, *, bold: bool = False, italic: bool = False, align: Any = None, size: float = 14
) -> None:
    paragraph = container.add_paragraph()
    paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER if align is None else align
    paragraph.paragraph_format.space_after = Pt(0)
    run = paragraph.add_run(text)
    run.bold, run.italic, run.font.size = bold, italic, Pt(size)


def paper_docx(paper: Paper) -> bytes:
    document = Document()
    style = document.styles["Normal"]
    style.font.name = "Times New Roman"
    style.font.size = Pt(14)
    style.element.rPr.rFonts.set(qn("w:eastAsia"), "Times New Roman")
    section = document.sections[0]
    section.page_width, section.page_height = Mm(210), Mm(297)
    section.top_margin, section.bottom_margin, section.left_margin, section.right_margin = (
        Mm(20),
        Mm(20),
        Mm(30),
        Mm(15),
    )
    header = document.add_table(rows=1, cols=2)
    header.alignment = WD_TABLE_ALIGNMENT.CENTER
    left, right = header.rows[0].cells
    left.width, right.width = Mm(65), Mm(100)
    left.paragraphs[0]._element.getparent().remove(left.paragraphs[0]._element)
    right.paragraphs[0]._element.getparent().remove(right.paragraphs[0]._element)
    for index, text in enumerate(paper.issuer_lines):
        _line(left, text, bold=index == len(paper.issuer_lines) - 1, size=13)
    if paper.number_line:
        _line(left, paper.number_line, size=13)
    _line(right, _("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"), bold=True, size=12)
    _line(right, _("Độc lập - Tự do - Hạnh phúc"), bold=True, size=13)
    _line(right, paper.place_date, italic=True, size=14)
    _line(document, paper.title, bold=True)
    if paper.subtitle:
        _line(document, paper.subtitle, bold=True)
    if paper.addressee:
        _line(document, paper.addressee)
    for block in paper.body:
        if isinstance(block, Para):
            align = WD_ALIGN_PARAGRAPH.CENTER if block.center else WD_ALIGN_PARAGRAPH.JUSTIFY
            _line(document, block.text, bold=block.bold, italic=block.italic, align=align)
            continue
        table = document.add_table(rows=1, cols=len(block.headers))
        table.style = "Table Grid"
        for cell, text in zip(table.rows[0].cells, block.headers, strict=True):
            run = cell.paragraphs[0].add_run(text)
            run.bold, run.font.size = True, Pt(12)
        for row in block.rows:
            for cell, text in zip(table.add_row().cells, row, strict=True):
                cell.paragraphs[0].add_run(text).font.size = Pt(12)
    signature = document.add_table(rows=1, cols=2)
    left, right = signature.rows[0].cells
    if paper.recipients:
        _line(left, _("Nơi nhận:"), bold=True, italic=True, align=WD_ALIGN_PARAGRAPH.LEFT, size=12)
        for text in paper.recipients:
            _line(left, f"- {text}", align=WD_ALIGN_PARAGRAPH.LEFT, size=11)
    _line(right, paper.signer_title, bold=True)
    for _blank in range(3):
        _line(right, "")
    _line(right, paper.signer_name, bold=True)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()
