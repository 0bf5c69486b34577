"""The one document writer: its layout model (rules as data, an admin's changes over the defaults)."""

import datetime
import importlib
import io
from typing import Any

import docx
import pytest
from docx.oxml.ns import qn

from danvan.awards.documents import decision_docx
from danvan.awards.services import decision_issue
from danvan.core.text import place_name
from danvan.documents.layouts import DEFAULTS, load_layout
from danvan.documents.metrics import text_width_mm
from danvan.documents.models import Layout
from danvan.documents.word import CELL_MARGIN_MM
from danvan.reports.periods import Period
from danvan.reports.services import render_report
from tests.awards_helpers import make_decision
from tests.conftest import World

pytestmark = pytest.mark.django_db


def test_an_admins_change_is_laid_over_the_defaults_key_by_key(migrated_rows: None) -> None:
    # given an admin changed one margin and one text of the decision
    Layout.objects.filter(code="state").update(
        rules={"margins_mm": {"left": 35}, "kinds": {"decision": {"recipients": ["Lưu: VT, TĐKT."]}}}
    )
    # when
    layout = load_layout("state")
    # then the rest of each nested rule keeps its default
    assert layout["margins_mm"] == {**DEFAULTS["state"]["margins_mm"], "left": 35}
    assert layout.kind("decision")["recipients"] == ["Lưu: VT, TĐKT."]
    assert layout.kind("decision")["article2"] == DEFAULTS["state"]["kinds"]["decision"]["article2"]
    assert load_layout("party")["national_name"] == "ĐẢNG CỘNG SẢN VIỆT NAM"


def test_number_lines_and_places() -> None:
    state, party = load_layout("state"), load_layout("party")
    assert state.number_line("12", kind="decision", abbr="UBND") == "Số: 12/QĐ-UBND"
    assert party.number_line("12", kind="decision", abbr="ĐU") == "Số 12-QĐ/ĐU"
    assert state.number_line("2559/QĐ-UBND") == "Số: 2559/QĐ-UBND"
    assert state.number_line("3", kind="proposal", abbr="UBND") == "Số: 3/TTr-UBND"
    assert party.number_line("3", kind="minutes", abbr="ĐU") == "Số 3-BB/ĐU"
    assert place_name("Tỉnh Phú Thọ") == "Phú Thọ" and place_name("Xã Thanh Thủy") == "Thanh Thủy"


def test_the_migration_keeps_only_what_an_admin_had_changed() -> None:
    migration = importlib.import_module("danvan.documents.migrations.0002_one_layout_model")
    report = {**migration.OLD_REPORTS["state"], "title": "BÁO CÁO SƠ KẾT"}
    decision = {**migration.OLD_DECISIONS["party"], "distribution": ["Như Điều 3,", "Lưu Văn phòng, BTG."]}
    assert migration.changes("state", report, None) == {"kinds": {"report": {"title": "BÁO CÁO SƠ KẾT"}}}
    assert migration.changes("party", migration.OLD_REPORTS["party"], decision) == {
        "kinds": {"decision": {"recipients": ["Như Điều 3,", "Lưu Văn phòng, BTG."]}}
    }
    assert migration.changes("state", {}, {}) == {}


# ------------------------------------------------------------------ exact to Nghị định 30 (the Word file read back)


def _runs(paragraphs: Any) -> list[Any]:
    return [run for paragraph in paragraphs for run in paragraph.runs if run.text.strip()]


def _run(cell: Any, text: str) -> Any:
    return next(run for run in _runs(cell.paragraphs) if run.text.strip() == text)


def _grid_mm(table: Any) -> list[float]:
    return [int(col.get(qn("w:w"))) / 56.6929 for col in table._tbl.tblGrid.findall(qn("w:gridCol"))]


def _line_under_mm(cell: Any, text: str, column_mm: float) -> float:
    """The length of the line drawn under the paragraph `text` of a cell (the next paragraph, empty, whose
    top border runs between its indents), not an underline."""
    paragraphs = cell.paragraphs
    index = next(i for i, p in enumerate(paragraphs) if p.text.strip() == text)
    line = paragraphs[index + 1]
    assert line.text == "" and line._p.pPr.find(qn("w:pBdr")).find(qn("w:top")) is not None
    assert not any(run.underline for run in paragraphs[index].runs)
    fmt = line.paragraph_format
    return column_mm - 2 * CELL_MARGIN_MM - fmt.left_indent.mm - fmt.right_indent.mm


def _header_xml(section: Any) -> str:
    return section.header._element.xml + section.first_page_header._element.xml


def test_state_decision_is_laid_out_as_nghi_dinh_30_says(world: World) -> None:
    # given a draft decision and the same decision issued
    draft = make_decision(world, award_form="giay_khen")
    word = decision_docx(draft)
    issued = decision_docx(decision_issue(by=world.approver, decision=draft))
    # when read back
    document = docx.Document(io.BytesIO(word))
    section = document.sections[0]
    # then A4, margins 20–25 / 20–25 / 30–35 / 15–20 mm
    assert (round(section.page_width.mm), round(section.page_height.mm)) == (210, 297)
    top, bottom, left, right = (
        round(m.mm, 1) for m in (section.top_margin, section.bottom_margin, section.left_margin, section.right_margin)
    )
    assert 20 <= top <= 25 and 20 <= bottom <= 25 and 30 <= left <= 35 and 15 <= right <= 20
    assert document.styles["Normal"].font.name == "Times New Roman"
    # unequal header columns, the national name's the wider, wide enough for it on one line
    header = document.tables[0]
    left_mm, right_mm = _grid_mm(header)
    national_mm = text_width_mm("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", 12, bold=True)
    assert left_mm < right_mm and right_mm - 2 * CELL_MARGIN_MM > national_mm
    national = _run(header.cell(0, 1), "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM")
    assert (national.bold, national.font.size.pt, national.font.name) == (True, 12, "Times New Roman")
    # the motto 13 pt bold, not underlined, a line beneath as long as it
    motto = _run(header.cell(0, 1), "Độc lập - Tự do - Hạnh phúc")
    assert (motto.bold, motto.font.size.pt, bool(motto.underline)) == (True, 13, False)
    motto_line_mm = _line_under_mm(header.cell(0, 1), motto.text, right_mm)
    assert abs(motto_line_mm - text_width_mm(motto.text, 13, bold=True)) < 1
    # the issuing body bold, with its short line; the number; the place and date in italics
    for line in ("ỦY BAN NHÂN DÂN", "TỈNH HÒA BÌNH MẪU"):
        assert _run(header.cell(0, 0), line).bold is True
    issuer_mm = text_width_mm("TỈNH HÒA BÌNH MẪU", 13, bold=True)
    assert (
        issuer_mm / 3
        <= _line_under_mm(header.cell(0, 0), "ỦY BAN NHÂN DÂN\nTỈNH HÒA BÌNH MẪU", left_mm)
        <= issuer_mm / 2
    )
    assert "Số: 2559/QĐ-UBND" in header.cell(0, 0).text
    place_date = _run(header.cell(0, 1), "Hòa Bình Mẫu, ngày 15 tháng 12 năm 2025")
    assert place_date.italic is True and not place_date.bold
    # page numbers from page 2: a PAGE field in the header, the first page's header apart
    assert section.different_first_page_header_footer is True
    assert "PAGE" in "".join(t.text or "" for t in section.header._element.iter(qn("w:instrText")))
    assert "PAGE" not in section.first_page_header._element.xml
    # the draft says so on every page (both headers); the issued file does not, and differs
    assert section.header.paragraphs[0].text == "DỰ THẢO" and section.first_page_header.paragraphs[0].text == "DỰ THẢO"
    issued_section = docx.Document(io.BytesIO(issued)).sections[0]
    assert "DỰ THẢO" not in _header_xml(issued_section) and issued != word
    # the annex: weighted columns over the text width, with the achievement
    annex = document.tables[-1]
    widths = _grid_mm(annex)
    assert len({round(w) for w in widths}) == len(widths) and abs(sum(widths) - 165) < 1
    assert [c.text for c in annex.rows[0].cells][-1] == "Thành tích"
    # the signature leaves room to sign and stamp
    signature = document.tables[1].cell(0, 1)
    room = next(p for p in signature.paragraphs if not p.text and p.paragraph_format.space_after)
    assert room.paragraph_format.space_after.mm >= 20


def test_party_decision_header_has_the_superior_body_and_a_line_under_the_partys_name(world: World) -> None:
    decision = make_decision(world, number="15-QĐ/TU", award_form="giay_khen", date=datetime.date(2026, 2, 5))
    header = docx.Document(io.BytesIO(decision_docx(decision))).tables[0]
    superior = _run(header.cell(0, 0), "ĐẢNG BỘ TỈNH HÒA BÌNH MẪU")
    issuer = _run(header.cell(0, 0), "BAN THƯỜNG VỤ TỈNH ỦY")
    assert superior.bold is False and issuer.bold is True
    assert "*" in header.cell(0, 0).text and "Số 15-QĐ/TU" in header.cell(0, 0).text
    right_mm = _grid_mm(header)[1]
    national_mm = text_width_mm("ĐẢNG CỘNG SẢN VIỆT NAM", 15, bold=True)
    assert abs(_line_under_mm(header.cell(0, 1), "ĐẢNG CỘNG SẢN VIỆT NAM", right_mm) - national_mm) < 1
    place_date = _run(header.cell(0, 1), "Hòa Bình Mẫu, ngày 05 tháng 02 năm 2026")
    assert place_date.italic is True
    assert right_mm - 2 * CELL_MARGIN_MM > text_width_mm(place_date.text, 14, italic=True)


def test_a_communes_report_is_dated_at_the_commune(world: World) -> None:
    data = render_report(
        unit=world.commune, period=Period(2025, 2025), format="docx", layout="state", day=datetime.date(2026, 2, 5)
    )
    header = docx.Document(io.BytesIO(data)).tables[0]
    assert "Đông Hòa, ngày 05 tháng 02 năm 2026" in header.cell(0, 1).text
    assert "ỦY BAN NHÂN DÂN\nXÃ ĐÔNG HÒA" in header.cell(0, 0).text


def test_a_centrally_governed_citys_party_committee_is_the_thanh_uy(world: World) -> None:
    from danvan.core.text import office_in_sentence
    from danvan.orgs.services import unit_create

    party, state = load_layout("party"), load_layout("state")
    city = party.issuer("province", unit_name="Thành phố Hà Nội")
    assert (city["issuer"], city["abbr"], city["body"]) == (
        "BAN THƯỜNG VỤ THÀNH ỦY",
        "ThU",
        "Ban Thường vụ Thành ủy Hà Nội",
    )
    assert city["superior"] == "ĐẢNG BỘ THÀNH PHỐ HÀ NỘI"
    assert party.issuer("province", unit_name="Tỉnh Phú Thọ")["body"] == "Ban Thường vụ Tỉnh ủy Phú Thọ"
    # a ward of the city keeps its own (commune-level) committee; the state layout names the city's people's committee
    assert party.issuer("commune", unit_name="Phường Ba Đình")["body"] == "Đảng ủy phường Ba Đình"
    assert state.issuer("province", unit_name="Thành phố Hà Nội")["issuer"] == "ỦY BAN NHÂN DÂN\nTHÀNH PHỐ HÀ NỘI"
    # and a Party decision of the city, read back from Word: header, authority line and its sentence form
    hanoi = unit_create(by=world.superuser, code="01", name="Thành phố Hà Nội", kind="province", parent=world.root)
    decision = make_decision(world, number="20-QĐ/ThU", issuer_unit=hanoi, by=world.superuser, award_form="giay_khen")
    header = docx.Document(io.BytesIO(decision_docx(decision))).tables[0]
    assert "BAN THƯỜNG VỤ THÀNH ỦY" in header.cell(0, 0).text and "TỈNH ỦY" not in header.cell(0, 0).text
    assert decision.authority == "BAN THƯỜNG VỤ THÀNH ỦY HÀ NỘI"
    assert office_in_sentence(decision.authority, hanoi.name) == "Ban Thường vụ Thành ủy Hà Nội"
