"""The "Commendation by law" API end to end: a commune's proposal of three models to the province,
the dossier's Word files read back, the council's vote, the decision from the proposal, a second award
refused (409), revocation dropping the awards from the statistics and shown on the verification page."""

import io

import pytest
from django.test import Client
from docx import Document

from danvan.api.services import api_token_create
from tests.api_helpers import ApiClient
from tests.conftest import World
from tests.proposals_helpers import PDF, VOTES, three_models

pytestmark = pytest.mark.django_db


def docx_text(content: bytes) -> str:
    document = Document(io.BytesIO(content))
    parts = [p.text for p in document.paragraphs]
    for table in document.tables:
        for row in table.rows:
            parts.extend(cell.text for cell in row.cells)
    return "\n".join(parts)


def upload(world: World, user, proposal_id: int, code: str) -> dict:
    client = Client()
    token = api_token_create(user=user)[1]
    response = client.post(
        f"/api/v1/proposals/{proposal_id}/files",
        {"code": code, "file": io.BytesIO(PDF)},
        headers={"authorization": f"Bearer {token}"},
    )
    assert response.status_code == 201, response.content
    return response.json()


def test_award_forms_carry_the_rule_in_force(world: World) -> None:
    api = ApiClient(world.approver)
    forms = {f["code"]: f for f in api.get("/award-forms", page_size=100).json()["items"]}
    assert forms["bang_khen_chuyen_de"]["vote_threshold"] == 0.9
    assert forms["bang_khen_chuyen_de"]["issuer_level"] == "province"
    assert forms["bang_khen_chuyen_de"]["dossier"] == ["to_trinh", "bao_cao_thanh_tich", "bien_ban"]
    old = {f["code"]: f for f in api.get("/award-forms", on="2025-03-01", page_size=100).json()["items"]}
    assert "98/2023" in old["bang_khen"]["article"] and "152/2025" in forms["bang_khen"]["article"]


def test_a_communes_proposal_to_the_province_end_to_end(world: World) -> None:
    # given three recognised models of the commune and the province's council of 20
    models = three_models(world)
    commune, province = ApiClient(world.commune_approver), ApiClient(world.approver)
    council = province.post(
        "/councils",
        {
            "unit": "P1",
            "name": "Hội đồng Thi đua - Khen thưởng tỉnh",
            "members": [{"name": f"Thành viên {i}", "position": "Ủy viên"} for i in range(20)],
        },
    )
    assert council.status_code == 201 and council.json()["members"] == 20

    # when the commune proposes them
    created = commune.post(
        "/proposals",
        {
            "unit": "C1",
            "to_unit": "P1",
            "award_form": "bang_khen_chuyen_de",
            "date": "2025-12-01",
            "number": "45/TTr-UBND",
            "items": [{"initiative": m.pk} for m in models],
        },
    )
    assert created.status_code == 201, created.content
    proposal = created.json()
    assert proposal["status"] == "draft"
    assert proposal["missing"] == ["to_trinh", "bao_cao_thanh_tich", "bien_ban"]
    assert [i["preferred"] for i in proposal["items"]] == [False, False, True]  # 75 % women
    pid = proposal["id"]

    # then the dossier's three Word files hold the data
    to_trinh = docx_text(commune.get(f"/proposals/{pid}/documents/to_trinh.docx").content)
    assert "TỜ TRÌNH" in to_trinh and "Số: 45/TTr-UBND" in to_trinh and "Bằng khen theo chuyên đề" in to_trinh
    assert all(m.title in to_trinh for m in models)
    assert "Căn cứ Nghị định số 152/2025/NĐ-CP" in to_trinh
    assert "Đông Hòa, ngày 01 tháng 12 năm 2025" in to_trinh
    report = docx_text(commune.get(f"/proposals/{pid}/documents/bao_cao_thanh_tich.docx").content)
    assert "BÁO CÁO THÀNH TÍCH" in report and "Kết quả của mô hình 2: 1.800 m² đất hiến." in report

    # a proposal cannot go to the council while a document is missing, and says which
    refused = commune.post(f"/proposals/{pid}/submit", {})
    assert refused.status_code == 400 and "Tờ trình đề nghị khen thưởng" in refused.json()["detail"]
    upload(world, world.commune_approver, pid, "to_trinh")
    assert upload(world, world.commune_approver, pid, "bao_cao_thanh_tich")["missing"] == ["bien_ban"]
    assert commune.post(f"/proposals/{pid}/submit", {}).json()["status"] == "submitted"

    # the council of 20 with 14 present: two pass at 90 %, the third is a vote short
    too_many = province.post(
        f"/proposals/{pid}/vote",
        {
            "council": council.json()["id"],
            "date": "2025-12-05",
            "present": 14,
            "votes": [{"item": 0, "agree": 15, "written_agree": 0}, *VOTES[1:]],
        },
    )
    assert too_many.status_code == 400 and "nhiều hơn 14 thành viên có mặt" in too_many.json()["detail"]
    voted = province.post(
        f"/proposals/{pid}/vote", {"council": council.json()["id"], "date": "2025-12-05", "present": 14, "votes": VOTES}
    )
    assert voted.status_code == 200, voted.content
    assert voted.json()["items"] == [
        {"passed": True, "share": 0.9},
        {"passed": True, "share": 0.9},
        {"passed": False, "share": 0.85},
    ]
    minutes = docx_text(province.get(f"/proposals/{pid}/documents/bien_ban.docx").content)
    assert "Tổng số thành viên Hội đồng: 20; có mặt: 14; vắng mặt: 6" in minutes
    assert "Không đạt" in minutes and "85,0 %" in minutes and "90,0 %" in minutes
    upload(world, world.approver, pid, "bien_ban")

    # the decision awards the two that passed and cites its bases
    decision = province.post(
        "/decisions",
        {
            "proposal": pid,
            "number": "2559/QĐ-UBND",
            "date": "2025-12-10",
            "issuer_unit": "P1",
            "signer_name": "Nguyễn Văn Hùng",
            "signer_title": "Chủ tịch",
            "award_form": "bang_khen_chuyen_de",
        },
    )
    assert decision.status_code == 201, decision.content
    body = decision.json()
    assert body["collectives"] == 2 and {a["initiative"] for a in body["awards"]} == {models[0].pk, models[1].pk}
    # each award carries its achievement: the model's name for a collective
    assert {a["initiative"]: a["achievement"] for a in body["awards"]} == {
        m.pk: f"mô hình “{m.title}”" for m in models[:2]
    }
    assert {a["recipient_name"] for a in body["awards"]} == {models[0].unit.name, models[1].unit.name}
    text = docx_text(province.get(f"/decisions/{body['id']}/document.docx").content)
    assert "Căn cứ Luật Thi đua, khen thưởng ngày 15 tháng 6 năm 2022;" in text
    assert "Xét đề nghị của Ủy ban nhân dân xã Đông Hòa tại Tờ trình số 45/TTr-UBND ngày 01/12/2025" in text
    assert all(f"mô hình “{m.title}”" in text for m in models[:2]) and models[2].title not in text  # the annex
    listed = province.get("/decisions", unit="P1", year_from=2025, year_to=2025).json()["items"]
    assert [a["achievement"] for a in listed[0]["awards"]] == [a["achievement"] for a in body["awards"]]

    # a second award for the same model in the same year: 409 naming the first decision
    again = province.post(
        "/decisions",
        {
            "number": "2600/QĐ-UBND",
            "date": "2025-12-20",
            "issuer_unit": "P1",
            "signer_name": "Nguyễn Văn Hùng",
            "signer_title": "Chủ tịch",
            "award_form": "bang_khen",
            "awards": [{"initiative": models[0].pk}],
        },
    )
    assert again.status_code == 409 and "2559/QĐ-UBND" in again.json()["detail"]

    # revocation: statistics drop the awards, the verification page names the revoking decision
    stats = province.get("/stats", unit="P1", year_from=2025, year_to=2025).json()
    assert stats["commended"]["total"] == 2
    revoked = province.post(
        f"/decisions/{body['id']}/revoke",
        {"number": "2700/QĐ-UBND", "date": "2025-12-22", "reason": "Kê khai thành tích không trung thực"},
    )
    assert revoked.status_code == 201, revoked.content
    revoking = docx_text(province.get(f"/decisions/{revoked.json()['id']}/document.docx").content)
    assert "Hủy Quyết định số 2559/QĐ-UBND ngày 10/12/2025 về việc tặng Bằng khen theo chuyên đề." in revoking
    assert "Lý do: Kê khai thành tích không trung thực." in revoking
    stats = province.get("/stats", unit="P1", year_from=2025, year_to=2025).json()
    assert stats["commended"] == {"total": 0, "by_kind": {}, "decisions": 0}
    page = Client().get(f"/khen-thuong/xac-thuc/{body['awards'][0]['certificate_code']}/")
    assert "Đã bị hủy theo Quyết định số 2700/QĐ-UBND ngày 22/12/2025" in page.content.decode()
    twice = province.post(
        f"/decisions/{body['id']}/revoke", {"number": "2701/QĐ-UBND", "date": "2025-12-23", "reason": "Lần hai"}
    )
    assert twice.status_code == 409 and "2700/QĐ-UBND" in twice.json()["detail"]


def test_a_proposal_outside_the_superiors_is_refused(world: World) -> None:
    models = three_models(world)
    response = ApiClient(world.commune_approver).post(
        "/proposals",
        {"unit": "C1", "to_unit": "C2", "award_form": "giay_khen", "items": [{"initiative": models[0].pk}]},
    )
    assert response.status_code == 400
    assert response.json()["errors"][0]["field"] == "to_unit"
    assert "không phải là cấp trên" in response.json()["detail"]
