"""PRINTED (slow): the dossier of a commune's proposal — Tờ trình (Mẫu 01), báo cáo thành tích, biên bản of
the council's meeting — printed through LibreOffice and read back with pdftotext, as the decisions are
in tests/test_documents_printed.py: the national name on one line, page 2 on numbered, the data there."""

from pathlib import Path

import pytest

from danvan.proposals.documents import dossier_docx
from danvan.proposals.services import proposal_vote
from tests.conftest import World
from tests.proposals_helpers import MODELS, VOTE_DATE, VOTES, province_council, submitted_proposal, three_models
from tests.test_documents_printed import NATIONAL, numbered_from_page_2, on_one_line, print_word, top_lines

pytestmark = [pytest.mark.django_db, pytest.mark.printed]

# A model's "cách làm" long enough to carry the báo cáo thành tích over to a second page.
CONTENT = " ".join(
    f"Bước {n}: tổ dân vận họp dân, nghe ý kiến từng hộ, thống nhất cách làm và phân công người theo dõi."
    for n in range(1, 41)
)


def flat(pages: list[str]) -> str:
    """The printed text without the layout's line breaks and runs of spaces (cells wrap inside tables)."""
    return " ".join(" ".join(pages).split())


def test_printed_dossier_documents(world: World, tmp_path: Path) -> None:
    # given a commune's proposal of three models, one of them with a long report, voted by 14 of 20
    models = three_models(world)
    models[0].content = CONTENT
    models[0].save(update_fields=["content"])
    proposal = submitted_proposal(world, models)
    proposal = proposal_vote(
        by=world.approver, proposal=proposal, council=province_council(world), date=VOTE_DATE, present=14, votes=VOTES
    )
    # when the three documents are printed by LibreOffice
    printed = print_word(
        {code: dossier_docx(proposal, code) for code in ("to_trinh", "bao_cao_thanh_tich", "bien_ban")}, tmp_path
    )
    for code, pages in printed.items():
        # then each keeps the national name and the motto on one line and numbers page 2 on
        assert on_one_line(pages, NATIONAL), (code, pages[0][:800])
        assert on_one_line(pages, "Độc lập - Tự do - Hạnh phúc"), code
        assert numbered_from_page_2(pages), (code, [top_lines(p) for p in pages])
        assert not any("DỰ THẢO" in page for page in pages), code
    assert len(printed["bao_cao_thanh_tich"]) >= 2, "the long report should run to a second page"

    # the tờ trình: its number, place and date at the commune, the bases, every model and the preference
    to_trinh = printed["to_trinh"]
    assert on_one_line(to_trinh, "Số: 45/TTr-UBND")
    assert on_one_line(to_trinh, "Đông Hòa, ngày 01 tháng 12 năm 2025"), to_trinh[0][:800]
    text = flat(to_trinh)
    assert "TỜ TRÌNH" in text and "Về việc đề nghị tặng Bằng khen theo chuyên đề" in text
    assert "Căn cứ Nghị định số 152/2025/NĐ-CP" in text
    assert "Kính gửi: Chủ tịch Ủy ban nhân dân tỉnh Hòa Bình Mẫu" in text
    assert "cho 3 tập thể đã có thành tích" in text, text
    rows = [" ".join(line.split()) for line in to_trinh[0].splitlines()]
    preferred = next(row for row in rows if row.startswith("3 Thôn Đoàn Kết Tập thể 75 % mô hình “Hũ gạo"))
    assert "NĐ 152" in preferred, rows
    for title in MODELS:
        assert " ".join(title.split()[:4]) in text, title
    assert "TM. ỦY BAN NHÂN DÂN" in text and "CHỦ TỊCH" in text

    # the báo cáo thành tích: each model's own fields and results
    text = flat(printed["bao_cao_thanh_tich"])
    assert "BÁO CÁO THÀNH TÍCH" in text
    assert "Kết quả của mô hình 2: 1.800 m² đất hiến." in text and "Tóm tắt mô hình 3." in text
    assert "Bước 40: tổ dân vận họp dân" in text
    assert "Được công nhận ngày 20/11/2025 (cấp xã)." in text

    # the biên bản: members, present, the tally per item and the result, dated at the province
    minutes = printed["bien_ban"]
    assert on_one_line(minutes, "Hòa Bình Mẫu, ngày 05 tháng 12 năm 2025"), minutes[0][:800]
    text = flat(minutes)
    assert "BIÊN BẢN" in text and "Tổng số thành viên Hội đồng: 20; có mặt: 14; vắng mặt: 6" in text
    assert "90,0 %" in text and "85,0 %" in text and "Không đạt" in text
    assert "Kết quả: 2/3 tập thể, cá nhân đạt tỷ lệ phiếu" in text
    # two models of one village: the tally names the model, so the one that failed is not mistaken
    assert on_one_line(minutes, "ỦY BAN NHÂN DÂN") and on_one_line(minutes, "TỈNH HÒA BÌNH MẪU")
    rows = [" ".join(line.split()) for line in minutes[0].splitlines()]
    assert "3 Thôn Đoàn Kết — mô hình “Hũ gạo 13 4 85,0 % Không đạt" in rows, rows
    assert "1 Thôn Đoàn Kết — mô hình “Dân vận 14 4 90,0 % Đạt" in rows, rows
