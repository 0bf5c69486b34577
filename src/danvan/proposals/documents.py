"""The dossier's documents written from the data: the tờ trình (Mẫu 01), the báo cáo thành tích and the
biên bản of the council's meeting with its tally. Each builder returns the content (`documents.content`);
the one document writer lays it out by the state layout of Nghị định 30/2020."""

from typing import Any

from django.utils.translation import gettext as _

from danvan.core.formatting import vn_date, vn_number, vn_place_date_line
from danvan.core.text import in_sentence
from danvan.documents.content import Block, Document, Header, Signature, Table, Text
from danvan.documents.language import in_document_language
from danvan.documents.layouts import Layout, load_layout
from danvan.documents.word import DOCX_MIME, write_docx
from danvan.proposals.models import DocumentCode, Proposal, ProposalItem
from danvan.proposals.selectors import item_label, preferred, proposal_items

__all__ = ["DOCX_MIME", "dossier_docx", "dossier_filename"]
PLACE_PREFIXES = ("Tỉnh ", "Thành phố ", "Xã ", "Phường ", "Đặc khu ")


def _para(text: str, *, bold: bool = False, italic: bool = False) -> Text:
    """A paragraph of the dossier: "Căn cứ ..." lines italic, item names as headings, the rest running text."""
    return Text(text, "basis" if italic else "heading" if bold else "body")


def _paper(
    *,
    issuer_lines: list[str],
    superior: list[str] | None = None,
    number_line: str,
    place_date: str,
    title: str,
    subtitle: str = "",
    addressee: str = "",
    body: list[Block],
    signer: list[str] | None = None,
    signer_name: str = "",
    recipients: list[str] | None = None,
) -> Document:
    blocks: list[Block] = [Text(title, "title")]
    if subtitle:
        blocks.append(Text(subtitle, "subject"))
    if addressee:
        blocks.append(Text(addressee, "authority"))
    blocks += body
    blocks.append(Signature(signer=signer or [], name=signer_name, recipients=recipients or []))
    return Document(
        header=Header(issuer=issuer_lines, number=number_line, place_date=place_date, superior=superior or []),
        blocks=blocks,
        title=title,
    )


def _place(name: str) -> str:
    for prefix in PLACE_PREFIXES:
        if name.startswith(prefix):
            return name[len(prefix) :]
    return name


def _issuer_lines(unit_name: str) -> list[str]:
    return [_("ỦY BAN NHÂN DÂN"), unit_name.upper()]


def _signer(proposal: Proposal) -> list[str]:
    """ "TM. ỦY BAN NHÂN DÂN", "CHỦ TỊCH": the proposing unit's signer as the state layout has it."""
    layout: Layout = load_layout("state")
    unit = proposal.unit
    return layout.issuer(unit.kind_id, unit_name=unit.name)["signer"].split("\n")


def _kind_label(item: ProposalItem) -> str:
    return _("Tập thể") if item.recipient_kind == "collective" else _("Cá nhân")


def _women(item: ProposalItem) -> str:
    if item.recipient_kind == "individual":
        return {"female": _("Nữ"), "male": _("Nam")}.get(item.recipient_gender, "")
    return f"{vn_number(item.women_share)} %" if item.women_share is not None else ""


def to_trinh(proposal: Proposal) -> Document:
    """Tờ trình đề nghị khen thưởng (Mẫu 01): who proposes what, to whom, on which bases, for whom."""
    items = proposal_items(proposal)
    collectives = sum(1 for i in items if i.recipient_kind == "collective")
    individuals = len(items) - collectives
    who = []
    if collectives:
        who.append(_("%(n)s tập thể") % {"n": vn_number(collectives)})
    if individuals:
        who.append(_("%(n)s cá nhân") % {"n": vn_number(individuals)})
    body: list[Block] = [_para(line, italic=True) for line in proposal.rule.legal_bases.splitlines() if line]
    body.append(
        _para(
            _(
                "Ủy ban nhân dân %(unit)s kính đề nghị %(to)s xét, tặng %(form)s cho %(who)s đã có thành tích "
                "xuất sắc trong phong trào thi đua “Dân vận khéo” (có danh sách và báo cáo thành tích kèm theo):"
            )
            % {
                "unit": in_sentence(proposal.unit.name),
                "to": _("Chủ tịch Ủy ban nhân dân %(unit)s") % {"unit": in_sentence(proposal.to_unit.name)},
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
            weights=[12, 34, 18, 18, 56, 30],
        )
    )
    body.append(
        _para(
            _("Kính trình %(to)s xem xét, quyết định.")
            % {"to": _("Chủ tịch Ủy ban nhân dân %(unit)s") % {"unit": in_sentence(proposal.to_unit.name)}}
        )
    )
    return _paper(
        issuer_lines=_issuer_lines(proposal.unit.name),
        number_line=_("Số: %(n)s") % {"n": proposal.number or "…/TTr-UBND"},
        place_date=vn_place_date_line(_place(proposal.unit.name), proposal.date),
        title=_("TỜ TRÌNH"),
        subtitle=_("Về việc đề nghị tặng %(form)s") % {"form": proposal.award_form.name},
        addressee=_("Kính gửi: Chủ tịch Ủy ban nhân dân %(unit)s") % {"unit": in_sentence(proposal.to_unit.name)},
        body=body,
        signer=_signer(proposal),
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


def bao_cao(proposal: Proposal) -> Document:
    """Báo cáo thành tích (the thematic form): for each item, the model's own registration fields and
    its measured results."""
    body: list[Block] = []
    for index, item in enumerate(proposal_items(proposal), start=1):
        body.append(_para(f"{index}. {item.recipient_name}", bold=True))
        body.append(_para(_("Thành tích đề nghị khen thưởng: %(a)s.") % {"a": item.achievement.rstrip(".")}))
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
                body.append(_para(f"{label}: {text}"))
        measures = _measures(item)
        if measures:
            body.append(_para(_("Kết quả định lượng: %(m)s.") % {"m": "; ".join(measures)}))
        if initiative.recognized_on:
            body.append(
                _para(
                    _("Được công nhận ngày %(d)s (%(level)s).")
                    % {
                        "d": vn_date(initiative.recognized_on),
                        "level": initiative.get_recognized_level_display().lower(),
                    }
                )
            )
    return _paper(
        issuer_lines=_issuer_lines(proposal.unit.name),
        number_line=_("Số: …/BC-UBND"),
        place_date=vn_place_date_line(_place(proposal.unit.name), proposal.date),
        title=_("BÁO CÁO THÀNH TÍCH"),
        subtitle=_("Đề nghị tặng %(form)s trong phong trào thi đua “Dân vận khéo”")
        % {"form": proposal.award_form.name},
        body=body,
        signer=_signer(proposal),
    )


def bien_ban(proposal: Proposal) -> Document:
    """Biên bản of the council's meeting: members, present, the tally per item, the result."""
    items = proposal_items(proposal)
    members, present = proposal.members or 0, proposal.present or 0
    threshold = proposal.rule.vote_threshold
    council = proposal.council.name if proposal.council else _("Hội đồng Thi đua - Khen thưởng")
    body: list[Block] = [
        _para(
            _(
                "Hôm nay, ngày %(d)s, %(council)s họp xét đề nghị khen thưởng của %(unit)s "
                "(Tờ trình số %(n)s ngày %(td)s)."
            )
            % {
                "d": vn_date(proposal.vote_date),
                "council": council,
                "unit": _("Ủy ban nhân dân %(unit)s") % {"unit": in_sentence(proposal.unit.name)},
                "n": proposal.number or "…",
                "td": vn_date(proposal.date),
            }
        ),
        _para(
            _(
                "Tổng số thành viên Hội đồng: %(m)s; có mặt: %(p)s; vắng mặt: %(a)s. Tỷ lệ phiếu đồng ý tính trên "
                "tổng số thành viên Hội đồng, cần đạt từ %(t)s %% trở lên (%(article)s)."
            )
            % {
                "m": vn_number(members),
                "p": vn_number(present),
                "a": vn_number(members - present),
                "t": vn_number(threshold * 100, 0 if threshold * 100 == int(threshold * 100) else 1),
                "article": proposal.rule.threshold_basis,
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
                    item_label(item),
                    vn_number(item.agree or 0),
                    vn_number(item.written_agree or 0),
                    f"{vn_number(((item.agree or 0) + (item.written_agree or 0)) * 100 / members, 1)} %"
                    if members
                    else "",
                    _("Đạt") if item.passed else _("Không đạt"),
                ]
                for index, item in enumerate(items, start=1)
            ],
            weights=[12, 70, 22, 22, 20, 22],
        ),
    ]
    passed = [item_label(i) for i in items if i.passed]
    body.append(
        _para(
            _("Kết quả: %(n)s/%(total)s tập thể, cá nhân đạt tỷ lệ phiếu đề nghị khen thưởng: %(names)s.")
            % {"n": vn_number(len(passed)), "total": vn_number(len(items)), "names": "; ".join(passed) or "—"}
        )
    )
    return _paper(
        superior=_issuer_lines(proposal.to_unit.name),
        issuer_lines=[council.upper()],
        number_line="",
        place_date=vn_place_date_line(_place(proposal.to_unit.name), proposal.vote_date or proposal.date),
        title=_("BIÊN BẢN"),
        subtitle=_("Họp xét khen thưởng"),
        body=body,
        signer=[_("CHỦ TỊCH HỘI ĐỒNG")],
    )


BUILDERS = {
    DocumentCode.TO_TRINH.value: to_trinh,
    DocumentCode.BAO_CAO.value: bao_cao,
    DocumentCode.BIEN_BAN.value: bien_ban,
}


@in_document_language
def dossier_docx(proposal: Proposal, code: str) -> bytes:
    """The document `code` of the dossier, laid out by the one document writer (Nghị định 30/2020)."""
    return write_docx(load_layout("state"), BUILDERS[code](proposal))


def dossier_filename(proposal: Proposal, code: str) -> str:
    return f"{code.replace('_', '-')}-de-nghi-{proposal.pk}.docx"
