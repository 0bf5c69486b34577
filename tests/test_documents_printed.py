"""PRINTED (slow): each kind of document printed by a real client and read back from the paper's text.

Word files go through LibreOffice (`soffice --headless --convert-to pdf`), the PDF report and the
certificates are WeasyPrint's own; every PDF is read back with `pdftotext -layout` (one string per
page), so a national name broken over two lines, a missing page number, a draft without its mark or a
wrapped place-and-date line fails here even when the .docx looks right to python-docx.
"""

import datetime
import re
import shutil
import subprocess
import unicodedata
from pathlib import Path

import pytest

from danvan.awards.documents import certificates_pdf, decision_docx
from danvan.awards.services import decision_issue
from danvan.reports.periods import Period
from danvan.reports.services import render_report
from tests.awards_helpers import big_decision_awards, decision_payload, make_decision
from tests.conftest import World

pytestmark = [pytest.mark.django_db, pytest.mark.printed]

PDFTOTEXT = shutil.which("pdftotext") or "pdftotext"
SOFFICE = shutil.which("soffice") or "soffice"
NATIONAL = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"


def _pages(pdf: Path) -> list[str]:
    text = subprocess.run([PDFTOTEXT, "-layout", str(pdf), "-"], check=True, capture_output=True, text=True).stdout
    return [unicodedata.normalize("NFC", page) for page in text.split("\f")[:-1]]


def print_word(files: dict[str, bytes], folder: Path) -> dict[str, list[str]]:
    """Print .docx files through LibreOffice (one run, its own profile) and read each page's text."""
    for name, data in files.items():
        (folder / f"{name}.docx").write_bytes(data)
    profile = (folder / "lo-profile").as_uri()
    subprocess.run(
        [SOFFICE, f"-env:UserInstallation={profile}", "--headless", "--convert-to", "pdf", "--outdir", str(folder)]
        + [str(folder / f"{name}.docx") for name in files],
        check=True,
        capture_output=True,
        timeout=300,
    )
    return {name: _pages(folder / f"{name}.pdf") for name in files}


def print_pdf(data: bytes, folder: Path, name: str) -> list[str]:
    (folder / f"{name}.pdf").write_bytes(data)
    return _pages(folder / f"{name}.pdf")


def on_one_line(pages: list[str], text: str) -> bool:
    return any(text in line for line in pages[0].splitlines())


def top_lines(page: str, count: int = 4) -> list[str]:
    return [line.strip() for line in page.splitlines() if line.strip()][:count]


def numbered_from_page_2(pages: list[str]) -> bool:
    """No number on the first page; page n (n ≥ 2) carries "n" alone on a line at its top."""
    first = "1" not in top_lines(pages[0])
    return first and all(str(index) in top_lines(page) for index, page in enumerate(pages[1:], start=2))


def test_printed_decisions_draft_issued_and_partys(world: World, tmp_path: Path) -> None:
    # given a state decision of 24 recipients, as a draft and issued, and a Party decision of 5 February
    awards = [{k: v for k, v in a.items() if k != "_name"} for a in big_decision_awards(world)]
    draft = make_decision(world, **{**decision_payload(world, awards=awards), "award_form": "giay_khen"})
    files = {"draft": decision_docx(draft)}
    files["issued"] = decision_docx(decision_issue(by=world.approver, decision=draft))
    party = make_decision(world, number="15-QĐ/TU", award_form="giay_khen", date=datetime.date(2026, 2, 5))
    files["party"] = decision_docx(party)
    # when printed by LibreOffice
    printed = print_word(files, tmp_path)
    # then the national name and the place and date each stay on one line
    draft_pages, issued_pages, party_pages = printed["draft"], printed["issued"], printed["party"]
    assert len(draft_pages) >= 2, draft_pages
    assert on_one_line(draft_pages, NATIONAL), draft_pages[0][:800]
    assert on_one_line(draft_pages, "Độc lập - Tự do - Hạnh phúc")
    assert on_one_line(draft_pages, "Hòa Bình Mẫu, ngày 15 tháng 12 năm 2025"), draft_pages[0][:800]
    assert on_one_line(draft_pages, "Số: 2559/QĐ-UBND")
    # page 2 on carries its number, page 1 none
    assert numbered_from_page_2(draft_pages), [top_lines(p) for p in draft_pages]
    assert numbered_from_page_2(issued_pages), [top_lines(p) for p in issued_pages]
    # "DỰ THẢO" on every page of the draft, on none of the issued decision
    assert all("DỰ THẢO" in page for page in draft_pages), [top_lines(p) for p in draft_pages]
    assert not any("DỰ THẢO" in page for page in issued_pages)
    # the annex with its achievement column
    assert any(re.search(r"TT\s+Tên tập thể\s+Đơn vị\s+Thành tích", page) for page in issued_pages)
    # the Party's: its name, the superior body, "Số 15-QĐ/TU" and a date line that does not wrap
    assert on_one_line(party_pages, "ĐẢNG CỘNG SẢN VIỆT NAM")
    assert on_one_line(party_pages, "ĐẢNG BỘ TỈNH HÒA BÌNH MẪU")
    assert on_one_line(party_pages, "Số 15-QĐ/TU")
    assert on_one_line(party_pages, "Hòa Bình Mẫu, ngày 05 tháng 02 năm 2026"), party_pages[0][:800]


def test_printed_reports_word_and_pdf_of_a_commune(world: World, tmp_path: Path) -> None:
    # given a commune's report in Word and in PDF, dated 5 February 2026
    values = {"unit": world.commune, "period": Period(2025, 2025), "layout": "state", "number": "12"}
    day = datetime.date(2026, 2, 5)
    word = render_report(**values, format="docx", day=day)
    pdf = render_report(**values, format="pdf", day=day)
    # when printed (Word through LibreOffice; the PDF as it is)
    pages = {
        "word": print_word({"report": word}, tmp_path)["report"],
        "pdf": print_pdf(pdf, tmp_path, "report-weasyprint"),
    }
    for kind, printed in pages.items():
        # then each keeps the national name on one line, is dated at the commune, numbers page 2
        assert len(printed) >= 2, kind
        assert on_one_line(printed, NATIONAL), (kind, printed[0][:800])
        assert on_one_line(printed, "Đông Hòa, ngày 05 tháng 02 năm 2026"), (kind, printed[0][:800])
        assert on_one_line(printed, "Số: 12/BC-UBND"), kind
        assert numbered_from_page_2(printed), (kind, [top_lines(p) for p in printed])
        assert not any("DỰ THẢO" in page for page in printed)
        # and the signature block does not wrap
        last = printed[-1].splitlines()
        assert any(line.strip().endswith("TM. ỦY BAN NHÂN DÂN") for line in last), (kind, printed[-1])
        assert any(line.strip().endswith("(Ký, ghi rõ họ tên, đóng dấu)") for line in last), (kind, printed[-1])


def test_printed_certificate_leaves_room_to_sign_and_stamp(world: World, tmp_path: Path) -> None:
    decision = decision_issue(by=world.approver, decision=make_decision(world, award_form="giay_khen"))
    path = tmp_path / "giay-khen.pdf"
    path.write_bytes(certificates_pdf(decision, verify_url="https://danvan.example/xac-thuc/CODE/"))
    assert on_one_line(_pages(path), NATIONAL)
    # the words' boxes: from the signer's title to the signer's name at least 25 mm of paper
    boxes = subprocess.run([PDFTOTEXT, "-bbox", str(path), "-"], check=True, capture_output=True, text=True).stdout
    words = [
        (unicodedata.normalize("NFC", m.group(3)), float(m.group(1)), float(m.group(2)))
        for m in re.finditer(r'<word xMin="[\d.]+" yMin="([\d.]+)" xMax="[\d.]+" yMax="([\d.]+)">([^<]*)</word>', boxes)
    ]
    title_bottom = max(y_max for word, _y_min, y_max in words if word == "PHÓ")  # "PHÓ CHỦ TỊCH"
    name_top = min(y_min for word, y_min, _y_max in words if word == "Hùng")  # "Nguyễn Văn Hùng"
    assert (name_top - title_bottom) * 25.4 / 72 >= 25, (title_bottom, name_top)


def test_printed_revocation_names_what_it_revokes(world: World, tmp_path: Path) -> None:
    from danvan.awards.services import decision_revoke

    issued = make_decision(world, issue=True)
    revocation = decision_revoke(
        by=world.approver,
        decision=issued,
        number="2700/QĐ-UBND",
        date=datetime.date(2025, 12, 20),
        reason="Kê khai thành tích không trung thực",
    )
    pages = print_word({"revocation": decision_docx(revocation)}, tmp_path)["revocation"]
    assert on_one_line(pages, NATIONAL), pages[0][:800]
    assert on_one_line(pages, "Số: 2700/QĐ-UBND") and on_one_line(pages, "Hòa Bình Mẫu, ngày 20 tháng 12 năm 2025")
    text = " ".join(" ".join(pages).split())
    assert "Hủy Quyết định số 2559/QĐ-UBND ngày 15/12/2025" in text
    assert "Lý do: Kê khai thành tích không trung thực." in text
    assert "DANH SÁCH" not in text and not any("DỰ THẢO" in page for page in pages)  # no annex; issued
    assert len(pages) == 1 or numbered_from_page_2(pages), [top_lines(p) for p in pages]
