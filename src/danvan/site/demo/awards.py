"""Demo commendation decisions: a province decision (state form) and a commune one (Party form),
both issued, commending recognised initiatives of the demo commune and people named directly."""

import datetime
from typing import Any

from django.db import transaction

from danvan.accounts.models import User
from danvan.awards.models import Decision
from danvan.awards.services import DecisionData, decision_create
from danvan.initiatives.models import Initiative, Status
from danvan.initiatives.services import InitiativeData, initiative_enter_historical
from danvan.movements.models import Field
from danvan.orgs.models import Unit, subtree_lookup
from danvan.site.demo.orgs import DEMO_PROVINCE, _demo_units

DEMO_INITIATIVES = [
    # key, unit key, kind, field, title, person, position
    ("k1-duong", "village", "collective", "economy", "Hiến đất, góp công làm đường bê tông liên thôn", "", ""),
    ("k2-camera", "village2", "collective", "defence_security", "Camera an ninh do dân cùng lắp đặt", "", ""),
    ("k3-hoa-giai", "village3", "collective", "culture_society", "Tổ hòa giải “Nói để dân hiểu”", "", ""),
    ("mttq-nha", "front", "collective", "culture_society", "Mái ấm tình thương cho hộ nghèo", "", ""),
    (
        "k1-huong",
        "village",
        "individual",
        "economy",
        "Dẫn dắt tổ hợp tác trồng bưởi",
        "Đỗ Thị Hoa",
        "Bí thư Chi bộ khu 1",
    ),
    ("k2-tam", "village2", "individual", "political_system", "Tiếp dân mỗi tối thứ Sáu", "Lê Văn Tâm", "Trưởng khu 2"),
]


def _recognized_initiatives(by: User, units: dict[str, Unit]) -> list[Initiative]:
    initiatives = []
    for key, unit_key, kind, field_code, title, person, position in DEMO_INITIATIVES:
        existing = Initiative.objects.filter(import_key=f"demo-awards-{key}").first()
        initiatives.append(
            existing
            or initiative_enter_historical(
                by=by,
                data=InitiativeData(
                    title=title,
                    kind=kind,
                    field=Field.objects.get(code=field_code),
                    unit=units[unit_key],
                    year=2025,
                    registered_level="commune",
                    person_name=person,
                    person_position=position,
                    person_unit=units[unit_key].name if person else "",
                ),
                status=Status.RECOGNIZED,
                recognized_level="commune",
                recognized_on=datetime.date(2025, 11, 28),
                exemplary=key.startswith("k1"),
                import_key=f"demo-awards-{key}",
            )
        )
    return initiatives


LEGAL_BASES = (
    "Căn cứ Luật Thi đua, khen thưởng ngày 15 tháng 6 năm 2022;\n"
    "Căn cứ Nghị định số 152/2025/NĐ-CP của Chính phủ quy định chi tiết một số điều của Luật Thi đua, khen thưởng;"
)


@transaction.atomic
def seed() -> list[str]:
    units = _demo_units()
    province = Unit.objects.get(code=DEMO_PROVINCE)
    approver = User.objects.get(username="tinh.pheduyet")
    commune_approver = User.objects.get(username="xa.pheduyet")
    # the recognised initiatives of the demo commune (the initiatives step makes some); ours if none
    recognized = Initiative.objects.filter(
        status=Status.RECOGNIZED, **subtree_lookup("unit__path", units["commune"].path)
    ).order_by("pk")
    initiatives = list(recognized[:6]) or _recognized_initiatives(approver, units)
    commune_awards: list[dict[str, Any]] = [{"initiative": i.pk} for i in initiatives[4:6]] or [
        {"recipient_name": "Chi hội Phụ nữ Khu 2", "recipient_kind": "collective", "unit_name": units["commune"].name}
    ]
    lines = []
    if not Decision.objects.filter(issuer_unit=province, year=2025, number="2559/QĐ-UBND").exists():
        decision_create(
            by=approver,
            issue=True,
            data=DecisionData(
                number="2559/QĐ-UBND",
                date=datetime.date(2025, 12, 15),
                issuer_unit=province,
                signer_name="Nguyễn Văn Hùng",
                signer_title="KT. CHỦ TỊCH\nPHÓ CHỦ TỊCH",
                award_form="bang_khen",
                legal_bases=LEGAL_BASES,
                proposal="Trưởng Ban Thi đua - Khen thưởng tỉnh",
                awards=[
                    *({"initiative": i.pk} for i in initiatives[:4]),
                    {
                        "recipient_name": "Hội Cựu chiến binh xã",
                        "recipient_kind": "collective",
                        "unit_name": units["commune"].name,
                    },
                    {
                        "recipient_name": "Phạm Thu Hà",
                        "recipient_kind": "individual",
                        "position": "Chuyên viên",
                        "unit_name": "Ban Tuyên giáo và Dân vận Tỉnh ủy",
                    },
                ],
            ),
        )
    lines.append("Quyết định khen thưởng mẫu: 2559/QĐ-UBND (Bằng khen của tỉnh)")
    if not Decision.objects.filter(issuer_unit=units["commune"], year=2025, number="25-QĐ/ĐU").exists():
        decision_create(
            by=commune_approver,
            issue=True,
            data=DecisionData(
                number="25-QĐ/ĐU",
                date=datetime.date(2025, 12, 5),
                issuer_unit=units["commune"],
                signer_name="Hoàng Văn Đông",
                signer_title="T/M BAN THƯỜNG VỤ\nPHÓ BÍ THƯ",
                award_form="giay_khen",
                awards=commune_awards,
            ),
        )
    lines.append("Quyết định khen thưởng mẫu: 25-QĐ/ĐU (Giấy khen của Đảng ủy xã)")
    return lines
