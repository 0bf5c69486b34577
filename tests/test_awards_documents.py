"""The done-when test: one decision, 15 collectives and 9 individuals, read back from Word and PDF."""

import io
import time

import docx
import pytest
from pypdf import PdfReader

from danvan.awards.documents import certificates_pdf, decision_docx
from danvan.awards.models import RecipientKind
from danvan.awards.services import DecisionData, decision_create, decision_issue
from tests.awards_helpers import COLLECTIVE_NAMES, INDIVIDUAL_NAMES, big_decision_awards, decision_payload

pytestmark = pytest.mark.django_db


def _tables_by_heading(document: docx.document.Document) -> dict[str, list[list[str]]]:
    """Each annex table under the heading paragraph that precedes it."""
    found: dict[str, list[list[str]]] = {}
    heading = ""
    for block in document.element.body.iterchildren():
        tag = block.tag.rsplit("}", 1)[-1]
        if tag == "p":
            text = "".join(t.text or "" for t in block.iter() if t.tag.endswith("}t")).strip()
            if text:
                heading = text
        elif tag == "tbl":
            table = docx.table.Table(block, document)
            found[heading] = [[cell.text for cell in row.cells] for row in table.rows]
    return found


def test_decision_with_24_recipients_in_word_and_pdf(world, capsys) -> None:
    # given a decision commending 15 collectives and 9 individuals
    awards = big_decision_awards(world)
    decision = decision_create(
        by=world.approver,
        data=DecisionData(
            **decision_payload(world, awards=[{k: v for k, v in a.items() if k != "_name"} for a in awards])
        ),
    )
    decision = decision_issue(by=world.approver, decision=decision)
    assert decision.awards.filter(recipient_kind=RecipientKind.COLLECTIVE).count() == 15
    assert decision.awards.filter(recipient_kind=RecipientKind.INDIVIDUAL).count() == 9
    collectives = [world.village.name] * 5 + COLLECTIVE_NAMES[5:]
    individuals = [name for name, _position in INDIVIDUAL_NAMES]

    # when
    started = time.perf_counter()
    word = decision_docx(decision)
    word_seconds = time.perf_counter() - started
    started = time.perf_counter()
    pdf = certificates_pdf(decision, verify_url="https://danvan.example/khen-thuong/xac-thuc/CODE/")
    pdf_seconds = time.perf_counter() - started  # the first in a process also loads fonts
    started = time.perf_counter()
    certificates_pdf(decision, verify_url="https://danvan.example/khen-thuong/xac-thuc/CODE/")
    pdf_warm_seconds = time.perf_counter() - started

    # then the Word file has the header, the articles and each name in its group
    document = docx.Document(io.BytesIO(word))
    text = "\n".join(p.text for p in document.paragraphs)
    header = document.tables[0]
    assert "ỦY BAN NHÂN DÂN" in header.cell(0, 0).text and "TỈNH HÒA BÌNH MẪU" in header.cell(0, 0).text
    assert "Số: 2559/QĐ-UBND" in header.cell(0, 0).text
    assert "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in header.cell(0, 1).text
    assert "Độc lập - Tự do - Hạnh phúc" in header.cell(0, 1).text
    assert "Hòa Bình Mẫu, ngày 15 tháng 12 năm 2025" in header.cell(0, 1).text
    assert "Căn cứ Luật Thi đua, khen thưởng" in text
    assert "Tặng Bằng khen cho 15 tập thể và 9 cá nhân" in text
    assert "Điều 3." in text
    assert (
        "(Kèm theo Quyết định số 2559/QĐ-UBND ngày 15/12/2025 của Chủ tịch Ủy ban nhân dân tỉnh Hòa Bình Mẫu)" in text
    )
    assert "Nguyễn Văn Hùng" in document.tables[1].cell(0, 1).text
    assert "Nơi nhận:" in document.tables[1].cell(0, 0).text
    groups = _tables_by_heading(document)
    collective_rows = groups["I. TẬP THỂ"]
    individual_rows = groups["II. CÁ NHÂN"]
    assert collective_rows[0] == ["TT", "Tên tập thể", "Đơn vị", "Thành tích"]
    assert individual_rows[0] == ["TT", "Họ và tên", "Chức vụ", "Đơn vị", "Thành tích"]
    assert collective_rows[1][3] == "mô hình “Mô hình “Dân vận khéo” số 1”"
    assert [row[1] for row in collective_rows[1:]] == collectives
    assert [row[1] for row in individual_rows[1:]] == individuals
    assert individual_rows[1][2] == "Bí thư Chi bộ"
    for font in {r.font.name for p in document.paragraphs for r in p.runs} - {None}:
        assert font == "Times New Roman"
    assert document.styles["Normal"].font.name == "Times New Roman"

    # and the PDF has one landscape page per recipient with every name, diacritics intact
    reader = PdfReader(io.BytesIO(pdf))
    assert len(reader.pages) == 24
    page = reader.pages[0]
    assert float(page.mediabox.width) > float(page.mediabox.height)
    pdf_text = "\n".join(p.extract_text() for p in reader.pages)
    for name in [*COLLECTIVE_NAMES[5:], *individuals, world.village.name]:
        assert name in pdf_text, name
    codes = list(decision.awards.values_list("certificate_code", flat=True))
    for code in codes:
        assert code in pdf_text
        assert f"https://danvan.example/khen-thuong/xac-thuc/{code}/" in pdf_text.replace("\n", "")
    fonts = {str(f.get_object()["/BaseFont"]) for p in reader.pages for f in p["/Resources"]["/Font"].values()}
    assert fonts and all("Liberation-Serif" in f for f in fonts), fonts
    with capsys.disabled():
        print(
            f"\n[timing] 24 recipients: Word {word_seconds:.3f} s, "
            f"PDF {pdf_seconds:.3f} s (first in process), {pdf_warm_seconds:.3f} s (next)"
        )


def test_party_decision_uses_the_party_layout_and_admin_changes_apply(world) -> None:
    from danvan.documents.models import Layout
    from tests.awards_helpers import make_decision

    # given an admin changed the Party layout's distribution list (rules change: layouts are data)
    layout = Layout.objects.get(code="party")
    layout.rules = {
        **layout.rules,
        "kinds": {"decision": {"recipients": ["Như Điều 3,", "Ban Tuyên giáo và Dân vận,", "Lưu Văn phòng."]}},
    }
    layout.save(update_fields=["rules"])
    decision = make_decision(
        world, number="15-QĐ/TU", award_form="giay_khen", signer_title="T/M BAN THƯỜNG VỤ\nPHÓ BÍ THƯ"
    )
    # when
    document = docx.Document(io.BytesIO(decision_docx(decision)))
    # then
    header = document.tables[0]
    # the issuer under its superior body (Hướng dẫn 36-HD/VPTW)
    assert header.cell(0, 0).text.startswith("ĐẢNG BỘ TỈNH HÒA BÌNH MẪU\nBAN THƯỜNG VỤ TỈNH ỦY\n*")
    assert "Số 15-QĐ/TU" in header.cell(0, 0).text and "Số:" not in header.cell(0, 0).text
    assert header.cell(0, 1).text.strip().startswith("ĐẢNG CỘNG SẢN VIỆT NAM")
    assert "CỘNG HÒA" not in header.cell(0, 1).text
    signature = document.tables[1]
    assert "Ban Tuyên giáo và Dân vận," in signature.cell(0, 0).text
    assert "T/M BAN THƯỜNG VỤ" in signature.cell(0, 1).text
    # the authority line and the annex name the body of the header and of "T/M BAN THƯỜNG VỤ"
    paragraphs = [p.text for p in document.paragraphs]
    assert "BAN THƯỜNG VỤ TỈNH ỦY HÒA BÌNH MẪU" in paragraphs
    assert "(Kèm theo Quyết định số 15-QĐ/TU ngày 15/12/2025 của Ban Thường vụ Tỉnh ủy Hòa Bình Mẫu)" in paragraphs
    assert "đảng ủy tỉnh" not in "\n".join(paragraphs).lower()


@pytest.mark.parametrize(
    "level,header,authority,annex_of",
    [
        (
            "province",
            "BAN THƯỜNG VỤ TỈNH ỦY",
            "BAN THƯỜNG VỤ TỈNH ỦY HÒA BÌNH MẪU",
            "Ban Thường vụ Tỉnh ủy Hòa Bình Mẫu",
        ),
        ("commune", "ĐẢNG ỦY XÃ ĐÔNG HÒA", "ĐẢNG ỦY XÃ ĐÔNG HÒA", "Đảng ủy xã Đông Hòa"),
    ],
)
def test_a_party_decisions_authority_is_the_body_of_its_header(world, level, header, authority, annex_of) -> None:
    from tests.awards_helpers import make_decision

    unit = world.province if level == "province" else world.commune
    decision = make_decision(
        world,
        number="16-QĐ/TU" if level == "province" else "3-QĐ/ĐU",
        issuer_unit=unit,
        award_form="giay_khen",
        signer_title="T/M BAN THƯỜNG VỤ\nBÍ THƯ" if level == "province" else "T/M ĐẢNG ỦY\nBÍ THƯ",
    )
    assert decision.authority == authority
    document = docx.Document(io.BytesIO(decision_docx(decision)))
    assert header in document.tables[0].cell(0, 0).text.splitlines()
    paragraphs = [p.text for p in document.paragraphs]
    assert authority in paragraphs
    assert any(p.startswith("(Kèm theo Quyết định số") and p.endswith(f"của {annex_of})") for p in paragraphs)
