"""Gender through the API exactly as ../shared/API.md names it (NĐ 152/2025/NĐ-CP Điều 4): an individual's
`person_gender` ("female" | "male", optional), a collective's `women_share`; stats'
`"women": {"registered", "recognized", "commended"}` (individuals whose person is female), carried from the
initiative to the award and out of the statistics again when the decision is revoked; the proposal's
items marked `preferred`."""

from typing import Any

import pytest

from danvan.initiatives.models import Initiative
from tests.api_helpers import ApiClient
from tests.conftest import World
from tests.test_api import assert_error, new_initiative

pytestmark = pytest.mark.django_db


def woman(**overrides: Any) -> dict[str, Any]:
    values: dict[str, Any] = {
        "title": "Điển hình Lò Thị Hiền vận động hiến đất",
        "kind": "individual",
        "person_name": "Lò Thị Hiền",
        "person_gender": "female",
    }
    return new_initiative(**{**values, **overrides})


def test_person_gender_and_women_share_in_and_out(world: World) -> None:
    api = ApiClient(world.officer)
    created = api.post("/initiatives", woman())
    assert created.status_code == 201, created.content
    assert created.json()["person_gender"] == "female" and created.json()["women_share"] is None
    assert api.get(f"/initiatives/{created.json()['id']}").json()["person_gender"] == "female"
    listed = api.get("/initiatives", unit="C1-V1").json()["items"]
    assert [i["person_gender"] for i in listed] == ["female"]
    collective = api.post("/initiatives", new_initiative(women_share=75))
    assert collective.status_code == 201 and collective.json()["women_share"] == 75
    assert collective.json()["person_gender"] is None
    unsaid = api.post("/initiatives", woman(person_gender=None, title="Điển hình không ghi giới tính"))
    assert unsaid.status_code == 201 and unsaid.json()["person_gender"] is None  # optional


@pytest.mark.parametrize(
    "body,field,says",
    [
        (woman(person_gender="nu"), "person_gender", "chỉ nhận"),
        (woman(person_gender="FEMALE"), "person_gender", "chỉ nhận"),
        (new_initiative(women_share=101), "women_share", "nhỏ hơn hoặc bằng 100"),
        (new_initiative(women_share=-1), "women_share", "lớn hơn hoặc bằng 0"),
    ],
)
def test_bad_gender_input_is_refused_in_vietnamese_and_nothing_written(
    world: World, body: dict[str, Any], field: str, says: str
) -> None:
    refused = assert_error(ApiClient(world.officer).post("/initiatives", body), 400, field)
    assert any(says in e["message"] for e in refused["errors"] if e["field"] == field), refused
    assert not Initiative.objects.exists()


def test_women_are_counted_from_registration_to_award_and_out_on_revocation(world: World) -> None:
    approver = ApiClient(world.commune_approver)
    recognised = approver.post(
        "/initiatives",
        woman(year=2025, status="recognized", recognized_level="commune", recognized_on="2025-11-20"),
    )
    assert recognised.status_code == 201, recognised.content
    man = approver.post(
        "/initiatives",
        new_initiative(
            title="Điển hình Lò Văn Sáng",
            kind="individual",
            person_name="Lò Văn Sáng",
            person_gender="male",
            year=2025,
            status="recognized",
            recognized_level="commune",
            recognized_on="2025-11-21",
        ),
    )
    assert man.status_code == 201, man.content
    decision = approver.post(
        "/decisions",
        {
            "number": "15/QĐ-UBND",
            "date": "2025-12-01",
            "issuer_unit": "C1",
            "signer_name": "Hoàng Văn Đông",
            "signer_title": "Chủ tịch",
            "award_form": "giay_khen",
            "awards": [{"initiative": recognised.json()["id"]}, {"initiative": man.json()["id"]}],
        },
    )
    assert decision.status_code == 201, decision.content
    # the award carries the gender of the initiative's person
    assert [(a["recipient_name"], a["recipient_gender"]) for a in decision.json()["awards"]] == [
        ("Lò Thị Hiền", "female"),
        ("Lò Văn Sáng", "male"),
    ]
    stats = ApiClient(world.viewer).get("/stats", unit="C1", year_from=2025, year_to=2025).json()
    assert stats["women"] == {"registered": 1, "recognized": 1, "commended": 1}
    assert stats["commended"]["by_kind"] == {"individual": 2}
    revoked = approver.post(
        f"/decisions/{decision.json()['id']}/revoke",
        {"number": "16/QĐ-UBND", "date": "2025-12-20", "reason": "Kê khai thành tích không trung thực"},
    )
    assert revoked.status_code == 201, revoked.content
    stats = ApiClient(world.viewer).get("/stats", unit="C1", year_from=2025, year_to=2025).json()
    assert stats["women"] == {"registered": 1, "recognized": 1, "commended": 0}


def test_the_proposal_marks_who_is_preferred(world: World) -> None:
    created = ApiClient(world.commune_approver).post(
        "/proposals",
        {
            "unit": "C1",
            "to_unit": "P1",
            "award_form": "bang_khen_chuyen_de",
            "date": "2025-12-01",
            "items": [
                {"recipient_name": "Bà Lò Thị Hiền", "recipient_kind": "individual", "achievement": "Dân vận khéo",
                 "recipient_gender": "female"},
                {"recipient_name": "Ông Lò Văn Sáng", "recipient_kind": "individual", "achievement": "Dân vận khéo",
                 "recipient_gender": "male"},
                {"recipient_name": "Chi hội Phụ nữ thôn", "recipient_kind": "collective", "achievement": "Dân vận khéo",
                 "women_share": 70},
                {"recipient_name": "Tổ tự quản", "recipient_kind": "collective", "achievement": "Dân vận khéo",
                 "women_share": 69},
            ],
        },
    )  # fmt: skip
    assert created.status_code == 201, created.content
    items = created.json()["items"]
    assert [(i["recipient_gender"], i["women_share"], i["preferred"]) for i in items] == [
        ("female", None, True),
        ("male", None, False),
        ("", 70, True),
        ("", 69, False),
    ]
