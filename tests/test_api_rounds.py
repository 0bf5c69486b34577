"""The API of reporting rounds and indicator sets (../shared/API.md "Reporting rounds")."""

import pytest

from danvan.orgs.models import Role
from danvan.rounds.models import Submission, SubmissionValue
from tests.api_helpers import ApiClient
from tests.conftest import make_user

pytestmark = pytest.mark.django_db


@pytest.fixture
def opened(world):
    """The province opens a round for its two communes through the API."""
    from danvan.orgs.services import unit_create

    unit_create(by=world.superuser, code="C3", name="Xã Bắc Sơn", kind="commune", parent=world.province)
    api = ApiClient(world.approver)
    response = api.post(
        "/reporting-rounds",
        {
            "unit": "P1",
            "title": "Báo cáo 6 tháng đầu năm 2026",
            "date_from": "2026-01-01",
            "date_to": "2026-06-30",
            "due": "2099-06-20",
            "indicator_set": "dan-van",
        },
    )
    assert response.status_code == 201, response.content
    return api, response.json()


def test_open_send_and_read_the_board(world, opened) -> None:
    api, body = opened
    assert (body["expected"], body["submitted"], body["missing"]) == (3, 0, ["C1", "C2", "C3"])
    assert [s["code"] for s in body["outline"]] == ["results", "shortcomings", "tasks", "proposals"]
    c1 = ApiClient(make_user("c1.canbo", "Cán bộ", (world.commune, Role.OFFICER)))
    sent = c1.post(
        f"/reporting-rounds/{body['id']}/submissions",
        {
            "unit": "C1",
            "values": {"dialogues": 12, "mediation_cases": 8, "mediation_successful": 6},
            "sections": {"results": "Tổ chức 12 cuộc đối thoại."},
            "submit": True,
        },
    )
    assert sent.status_code == 201, sent.content
    assert sent.json()["values"]["mediation_success_rate"] == 75
    assert sent.json()["status"] == "sent" and sent.json()["late"] is False
    c2 = ApiClient(world.outsider)
    assert (
        c2.post(
            f"/reporting-rounds/{body['id']}/submissions", {"unit": "C2", "values": {"dialogues": 3}, "submit": True}
        ).status_code
        == 201
    )
    board = api.get(f"/reporting-rounds/{body['id']}").json()
    assert (board["expected"], board["submitted"], board["late"], board["missing"]) == (3, 2, 0, ["C3"])
    assert board["totals"]["dialogues"] == 15
    # the commune officer cannot read the province's board
    assert c1.get(f"/reporting-rounds/{body['id']}").status_code == 403
    # returned with a note, then read back
    returned = api.post(f"/reporting-rounds/{body['id']}/submissions/C1/review", {"accept": False, "note": "Bổ sung"})
    assert returned.status_code == 200 and returned.json()["status"] == "returned"
    assert c1.get(f"/reporting-rounds/{body['id']}/submissions/C1").json()["return_note"] == "Bổ sung"


@pytest.mark.parametrize(
    ("body", "field", "status"),
    [
        ({"unit": "C1", "values": {"dialogues": "abc"}}, "values.dialogues", 400),
        ({"unit": "C1", "values": {"dialogues": -1}}, "values.dialogues", 400),
        ({"unit": "C1", "values": {"khong": 1}}, "values.khong", 400),
        ({"unit": "C1", "as_of": "2026-08-01"}, "as_of", 400),
        ({"unit": "C1-V1", "values": {"dialogues": 1}}, "unit", 400),  # a village: not asked in the round
        ({"unit": "ZZ", "values": {"dialogues": 1}}, "unit", 400),
    ],
)
def test_bad_submissions_write_nothing(world, opened, body, field, status) -> None:
    api, round_body = opened
    response = api.post(f"/reporting-rounds/{round_body['id']}/submissions", {**body, "submit": True})
    assert response.status_code == status, response.content
    assert response.json()["errors"][0]["field"] == field
    assert response.json()["detail"]
    assert not SubmissionValue.objects.exists()
    assert not Submission.objects.exclude(status="pending").exists()


def test_outsider_cannot_send_for_another_unit(world, opened) -> None:
    _, body = opened
    response = ApiClient(world.outsider).post(
        f"/reporting-rounds/{body['id']}/submissions", {"unit": "C1", "values": {"dialogues": 1}, "submit": True}
    )
    assert response.status_code == 403
    assert "không có quyền" in response.json()["detail"]


def test_indicator_sets(world) -> None:
    listed = ApiClient(world.officer).get("/indicator-sets").json()
    dan_van = next(s for s in listed["items"] if s["code"] == "dan-van")
    rate = next(i for i in dan_van["indicators"] if i["code"] == "party_cells_themed_rate")
    assert (rate["numerator"], rate["denominator"], rate["unit"]) == ("party_cells_themed", "party_cells", "%")
    body = {
        "code": "chi-thi-20",
        "name": "Chỉ thị 20",
        "indicators": [
            {"code": "branches", "name": "Chi hội", "unit": "chi hội"},
            {"code": "branches_active", "name": "Chi hội hoạt động tốt", "unit": "chi hội"},
            {
                "code": "active_rate",
                "name": "Tỷ lệ chi hội hoạt động tốt",
                "unit": "%",
                "numerator": "branches_active",
                "denominator": "branches",
            },
        ],
    }
    assert ApiClient(world.approver).post("/indicator-sets", body).status_code == 403
    created = ApiClient(world.province_admin).post("/indicator-sets", body)
    assert created.status_code == 201, created.content
    assert created.json()["indicators"][2]["numerator"] == "branches_active"
    again = ApiClient(world.province_admin).post("/indicator-sets", body)
    assert again.status_code == 400 and again.json()["errors"][0]["field"] == "code"
