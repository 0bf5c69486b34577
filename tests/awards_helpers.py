"""Builders for the awards and conferences tests: recognised initiatives and decisions, through services."""

import datetime
from typing import Any

from danvan.awards.models import Decision
from danvan.awards.services import DecisionData, decision_create
from danvan.initiatives.models import Initiative
from danvan.initiatives.services import initiative_enter_historical
from tests.conftest import World, initiative_data

COLLECTIVE_NAMES = [
    "Chi bộ Thôn Đoàn Kết",
    "Hội Liên hiệp Phụ nữ xã Đông Hòa",
    "Đoàn Thanh niên Cộng sản Hồ Chí Minh xã Đông Hòa",
    "Hội Nông dân xã Đông Hòa",
    "Hội Cựu chiến binh xã Đông Hòa",
    "Ủy ban Mặt trận Tổ quốc Việt Nam xã Đông Hòa",
    "Chi hội Người cao tuổi Thôn Tân Tiến",
    "Tổ hòa giải Thôn Đoàn Kết",
    "Công an xã Đông Hòa",
    "Trường Tiểu học Đông Hòa",
    "Trạm Y tế xã Đông Hòa",
    "Hợp tác xã Nông nghiệp Tân Tiến",
    "Ban Công tác Mặt trận Thôn Tân Tiến",
    "Chi đoàn Thôn Đoàn Kết",
    "Đội xung kích phòng, chống thiên tai Thôn Tân Tiến",
]
INDIVIDUAL_NAMES = [
    ("Nguyễn Thị Hường", "Bí thư Chi bộ"),
    ("Trần Văn Đức", "Trưởng thôn"),
    ("Lê Thị Ánh Tuyết", "Chi hội trưởng Phụ nữ"),
    ("Phạm Quốc Việt", "Bí thư Chi đoàn"),
    ("Hoàng Thị Lụa", "Trưởng Ban Công tác Mặt trận"),
    ("Đặng Văn Nghĩa", "Công an viên"),
    ("Vũ Thị Thủy", "Giáo viên"),
    ("Bùi Đình Khiêm", "Y sĩ"),
    ("Đỗ Thị Huyền Trang", "Tổ trưởng tổ hòa giải"),
]


def recognized_initiative(world: World, *, by: Any = None, **overrides: Any) -> Initiative:
    """A recognised initiative of the village, entered as history by the province approver."""
    values: dict[str, Any] = {"year": 2025}
    values.update(overrides)
    return initiative_enter_historical(
        by=by or world.approver,
        data=initiative_data(world, **values),
        status="recognized",
        recognized_level="commune",
        recognized_on=datetime.date(values["year"], 11, 20),
    )


def decision_payload(world: World, **overrides: Any) -> dict[str, Any]:
    values: dict[str, Any] = {
        "number": "2559/QĐ-UBND",
        "date": datetime.date(2025, 12, 15),
        "issuer_unit": world.province,
        "signer_name": "Nguyễn Văn Hùng",
        "signer_title": "KT. Chủ tịch\nPhó Chủ tịch",
        "award_form": "bang_khen",
        "awards": [{"recipient_name": "Hội Nông dân xã Đông Hòa", "recipient_kind": "collective"}],
        "legal_bases": "Căn cứ Luật Thi đua, khen thưởng ngày 15 tháng 6 năm 2022;\n"
        "Căn cứ Nghị định số 152/2025/NĐ-CP của Chính phủ;",
        "proposal": "Trưởng Ban Thi đua - Khen thưởng tỉnh",
    }
    values.update(overrides)
    return values


def make_decision(
    world: World, *, by: Any = None, issue: bool = False, corrects: Decision | None = None, **overrides: Any
) -> Decision:
    data = DecisionData(**decision_payload(world, **overrides))
    return decision_create(by=by or world.approver, data=data, issue=issue, corrects=corrects)


def big_decision_awards(world: World) -> list[dict[str, Any]]:
    """15 collectives (5 through recognised initiatives, 10 named) and 9 individuals (3 through
    recognised initiatives, 6 named)."""
    awards: list[dict[str, Any]] = []
    for index, name in enumerate(COLLECTIVE_NAMES):
        if index < 5:
            initiative = recognized_initiative(world, title=f"Mô hình “Dân vận khéo” số {index + 1}")
            awards.append({"initiative": initiative.pk, "_name": world.village.name})
        else:
            awards.append({"recipient_name": name, "recipient_kind": "collective", "unit_name": "Xã Đông Hòa"})
    for index, (name, position) in enumerate(INDIVIDUAL_NAMES):
        if index < 3:
            initiative = recognized_initiative(
                world,
                kind="individual",
                title=f"Điển hình “Dân vận khéo” {name}",
                person_name=name,
                person_position=position,
                person_unit="Thôn Đoàn Kết",
            )
            awards.append({"initiative": initiative.pk, "_name": name})
        else:
            awards.append(
                {
                    "recipient_name": name,
                    "recipient_kind": "individual",
                    "position": position,
                    "unit_name": "Thôn Tân Tiến",
                }
            )
    return awards


def matrix_objects(world: World) -> dict[str, Any]:
    """Decisions and conferences of the village (the authorisation matrix's target unit)."""
    from danvan.conferences.services import ConferenceData, conference_create, news_draft, news_publish

    village = {"issuer_unit": world.village, "award_form": "giay_khen", "by": world.superuser}
    issued = make_decision(world, number="101/QĐ-UBND", issue=True, **village)
    draft = make_decision(world, number="102/QĐ-UBND", **village)
    to_issue = make_decision(world, number="103/QĐ-UBND", **village)

    def conference(title: str) -> Any:
        return conference_create(
            by=world.superuser,
            data=ConferenceData(
                kind="annual",
                title=title,
                host_unit=world.village,
                date=datetime.date(2025, 12, 20),
                place="Nhà văn hóa thôn",
                chair_name="Đỗ Thị Hoa",
                year_from=2025,
                year_to=2025,
            ),
        )

    drafted = conference("Hội nghị tổng kết năm 2025 của thôn")
    news_draft(by=world.superuser, conference=drafted)
    published = conference("Hội nghị sơ kết 6 tháng của thôn")
    news = news_publish(by=world.superuser, news=news_draft(by=world.superuser, conference=published))
    return {
        "decision": issued,
        "draft_decision": draft,
        "decision_to_issue": to_issue,
        "certificate_code": issued.awards.first().certificate_code,  # type: ignore[union-attr]
        "conference": drafted,
        "news_key": news.public_key,
    }
