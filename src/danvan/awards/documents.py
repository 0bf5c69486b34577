"""The decision and its annex, and its certificates, as content for `danvan.documents`, which lays
them out by the layout of the decision's number form (state: Nghị định 30/2020/NĐ-CP; Party:
Hướng dẫn 36-HD/VPTW)."""

import re

import segno
from django.utils.translation import gettext as _

from danvan.awards.models import AwardForm, Decision, NumberForm
from danvan.awards.selectors import AwardGroups, decision_awards
from danvan.core.formatting import vn_date, vn_number, vn_place_date_line
from danvan.core.text import in_sentence, place_name
from danvan.documents.content import (
    Block,
    Certificate,
    Certificates,
    Document,
    Header,
    PageBreak,
    Signature,
    Table,
    Text,
)
from danvan.documents.language import in_document_language
from danvan.documents.layouts import Layout, load_layout
from danvan.documents.pdf import write_certificates
from danvan.documents.word import DOCX_MIME, write_docx
from danvan.orgs.models import Unit

__all__ = ["DOCX_MIME", "certificates_pdf", "decision_docx", "default_texts"]


def decision_layout(number_form: str) -> Layout:
    return load_layout("party" if number_form == NumberForm.PARTY else "state")


def default_place(unit: Unit) -> str:
    """ "Tỉnh Phú Thọ" → "Phú Thọ": the place name of Nghị định 30's place and date line."""
    return place_name(unit.name)


def _issuer(layout: Layout, unit: Unit) -> dict[str, str]:
    """The layout's issuer for the unit: its superior body, its own name, its signer (one query: the parent)."""
    parent = Unit.objects.filter(pk=unit.parent_id).values_list("name", flat=True).first() if unit.parent_id else None
    return layout.issuer(unit.kind_id, unit_name=unit.name, parent_name=parent or "")


def default_texts(*, unit: Unit, award_form: AwardForm, number_form: str) -> dict[str, str]:
    layout = decision_layout(number_form)
    texts = layout.kind("decision")
    issuer = _issuer(layout, unit)
    upper = unit.name.upper()
    return {
        "issuer_body": "\n".join(line for line in (issuer["superior"], issuer["issuer"]) if line),
        "authority": str(texts["authority_template"]).format(
            unit=upper, body=issuer["body"], body_upper=issuer["body"].upper()
        ),
        "place": default_place(unit),
        "title": str(texts["title_template"]).format(form=award_form.name),
        "citation": str(texts["citation"]),
    }


def _issuer_lines(
    decision: Decision, layout: Layout, issuer: dict[str, str] | None = None
) -> tuple[list[str], list[str]]:
    """The issuing body as typed, split into the superior body (not bold) and the issuer (bold): the
    leading lines that are the layout's superior for this unit are the superior. The Party's "*" is
    the layout's to draw."""
    lines = [line.strip() for line in decision.issuer_body.splitlines() if line.strip() and line.strip() != "*"]
    issuer = issuer or _issuer(layout, decision.issuer_unit)
    superior = [line for line in issuer["superior"].split("\n") if line]
    if superior and len(lines) > len(superior) and lines[: len(superior)] == superior:
        return superior, lines[len(superior) :]
    return [], lines


def _recipients_phrase(collectives: int, individuals: int) -> str:
    parts = []
    if collectives:
        parts.append(_("%(n)s tập thể") % {"n": vn_number(collectives)})
    if individuals:
        parts.append(_("%(n)s cá nhân") % {"n": vn_number(individuals)})
    return _(" và ").join(parts)


def _articles(decision: Decision, groups: AwardGroups, texts: dict[str, str]) -> list[Block]:
    blocks: list[Block] = [
        Text(_("QUYẾT ĐỊNH"), "title"),
        Text(decision.title, "subject"),
        Text("", "rule"),
        Text(decision.authority, "authority"),
    ]
    blocks += [Text(line, "basis") for line in decision.legal_bases.splitlines()]
    if decision.proposal:
        blocks.append(Text(_("Xét đề nghị của %(who)s.") % {"who": decision.proposal.rstrip(".")}, "basis"))
    blocks.append(Text(_("QUYẾT ĐỊNH:"), "decide"))
    revoked = decision.revokes if decision.revokes_id else None
    if revoked is not None:  # a revocation (Luật Thi đua, khen thưởng 2022, Chương VII)
        article1 = _("Hủy Quyết định số %(number)s ngày %(date)s về việc tặng %(form)s. Lý do: %(reason)s.") % {
            "number": revoked.number,
            "date": vn_date(revoked.date),
            "form": revoked.award_form.name,
            "reason": decision.revocation_reason.rstrip("."),
        }
    else:
        summary = _recipients_phrase(len(groups.collectives), len(groups.individuals))
        article1 = _("Tặng %(form)s cho %(who)s (có danh sách kèm theo) %(citation)s.") % {
            "form": decision.award_form.name,
            "who": summary,
            "citation": decision.citation.rstrip("."),
        }
    blocks.append(Text(article1, "article", lead=_("Điều 1. ")))
    text2 = str(texts["article2"])
    if decision.corrects_id and decision.corrects:
        text2 = _("%(text)s Quyết định này đính chính và thay thế Quyết định số %(number)s ngày %(date)s.") % {
            "text": text2,
            "number": decision.corrects.number,
            "date": vn_date(decision.corrects.date),
        }
    blocks.append(Text(text2, "article", lead=_("Điều 2. ")))
    blocks.append(Text(str(texts["article3"]), "article", lead=_("Điều 3. ")))
    return blocks


def _annex_of(decision: Decision, texts: dict[str, str], body: str) -> str:
    """ "Chủ tịch Ủy ban nhân dân tỉnh Phú Thọ" (state), "Ban Thường vụ Tỉnh ủy Phú Thọ" (Party): who
    issued, in running text (the unit's kind in lower case; the Party's issuing body as its layout names it)."""
    return str(texts.get("annex_of_template", "{unit_name}")).format(
        unit_name=in_sentence(decision.issuer_unit.name), body=body
    )


def _annex(decision: Decision, groups: AwardGroups, texts: dict[str, str], body: str) -> list[Block]:
    blocks: list[Block] = [
        PageBreak(),
        Text(_("DANH SÁCH"), "annex_title"),
        Text(
            _("TẬP THỂ, CÁ NHÂN ĐƯỢC TẶNG %(form)s") % {"form": decision.award_form.name.upper()},
            "annex_title",
        ),
        Text(
            _("(Kèm theo Quyết định số %(number)s ngày %(date)s của %(authority)s)")
            % {
                "number": decision.number,
                "date": vn_date(decision.date),
                "authority": _annex_of(decision, texts, body),
            },
            "annex_note",
        ),
    ]
    # Weighted columns; "Thành tích" names what is commended (for a recognised model, the model).
    blocks.append(Text(_("I. TẬP THỂ"), "group"))
    blocks.append(
        Table(
            headers=[_("TT"), _("Tên tập thể"), _("Đơn vị"), _("Thành tích")],
            rows=[
                [str(index), award.recipient_name, award.unit_name, award.achievement]
                for index, award in enumerate(groups.collectives, start=1)
            ],
            weights=[12, 50, 40, 63],
            small=False,
        )
    )
    blocks.append(Text(_("II. CÁ NHÂN"), "group"))
    blocks.append(
        Table(
            headers=[_("TT"), _("Họ và tên"), _("Chức vụ"), _("Đơn vị"), _("Thành tích")],
            rows=[
                [str(index), award.recipient_name, award.position, award.unit_name, award.achievement]
                for index, award in enumerate(groups.individuals, start=1)
            ],
            weights=[12, 38, 30, 33, 52],
            small=False,
        )
    )
    return blocks


def decision_document(decision: Decision, layout: Layout) -> Document:
    """The decision and its annex as the content of an administrative document."""
    texts = layout.kind("decision")
    groups = decision_awards(decision)
    blocks = _articles(decision, groups, texts)
    blocks.append(
        Signature(
            signer=[line.upper() for line in decision.signer_title.splitlines()],
            name=decision.signer_name,
            recipients=list(texts.get("recipients", [])),
        )
    )
    names = _issuer(layout, decision.issuer_unit)
    if not decision.revokes_id:  # a revocation has no list of recipients
        blocks += _annex(decision, groups, texts, names["body"])
    superior, issuer = _issuer_lines(decision, layout, names)
    return Document(
        header=Header(
            superior=superior,
            issuer=issuer,
            number=layout.number_line(decision.number),
            place_date=vn_place_date_line(decision.place, decision.date),
        ),
        blocks=blocks,
        title=f"{_('Quyết định')} {decision.number}",
        draft=not decision.is_issued,
    )


@in_document_language
def decision_docx(decision: Decision) -> bytes:
    """The decision and its annex as a .docx file."""
    layout = decision_layout(decision.number_form)
    return write_docx(layout, decision_document(decision, layout))


def docx_filename(decision: Decision) -> str:
    return "quyet-dinh-" + re.sub(r"[^0-9A-Za-z]+", "-", decision.number.replace("Đ", "D")).strip("-") + ".docx"


# Certificates ---------------------------------------------------------------------------------


@in_document_language
def certificates_pdf(decision: Decision, *, verify_url: str) -> bytes:
    """One A4 landscape page per recipient, one file. `verify_url` is the absolute URL of the
    public verification page with "CODE" where the certificate's code goes."""
    layout = decision_layout(decision.number_form)
    groups = decision_awards(decision)
    citation = decision.citation[:1].upper() + decision.citation[1:]
    reference = _("Quyết định số %(n)s ngày %(d)s") % {"n": decision.number, "d": vn_date(decision.date)}
    pages = []
    for award in [*groups.collectives, *groups.individuals]:
        url = verify_url.replace("CODE", award.certificate_code)
        reason = (
            _("%(c)s với %(a)s.") % {"c": citation, "a": award.achievement}
            if award.achievement
            else _("%(c)s.") % {"c": citation}
        )
        pages.append(
            Certificate(
                recipient=award.recipient_name,
                lines=[line for line in (award.position, award.unit_name) if line],
                reason=reason,
                qr_data_uri=str(segno.make(url, error="m").svg_data_uri(scale=3, border=0)),
                decision=reference,
                code=award.certificate_code,
                verify_url=url,
            )
        )
    superior, issuer = _issuer_lines(decision, layout)
    content = Certificates(
        title=decision.award_form.certificate_title,
        superior=superior,
        issuer=issuer,
        place_date=vn_place_date_line(decision.place, decision.date),
        signer=[line.upper() for line in decision.signer_title.splitlines()],
        name=decision.signer_name,
        pages=pages,
        document_title=f"{decision.award_form.certificate_title} — {decision.number}",
    )
    return write_certificates(layout, content)


def certificates_filename(decision: Decision) -> str:
    return docx_filename(decision).replace("quyet-dinh-", "giay-khen-").replace(".docx", ".pdf")
