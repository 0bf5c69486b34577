"""Demo data of the public library: a few recognised initiatives, one replicated elsewhere."""

import datetime

from django.db import transaction

from danvan.accounts.models import User
from danvan.core.text import in_sentence
from danvan.initiatives.models import Initiative, Status
from danvan.initiatives.services import InitiativeData, initiative_enter_historical
from danvan.movements.models import Field
from danvan.orgs.models import Level, Unit

DEMO_INITIATIVES = [
    # key, unit key, field, title, summary, problem, content, results, exemplary, date
    (
        "road",
        "village",
        "economy",
        "Đường giao thông nông thôn “Dân vận khéo” Khu 1",
        "Các hộ trong khu cùng bàn, tự nguyện hiến đất và góp ngày công để mở rộng đường liên khu.",
        "Đường đất hẹp, mùa mưa lầy lội, xe chở nông sản không vào được.",
        "Chi bộ và ban công tác mặt trận tổ chức họp dân, công khai dự toán; "
        "người có uy tín đi vận động từng hộ; mỗi tuần niêm yết số tiền, ngày công đã góp.",
        "1,8 km đường bê tông rộng 4 m; 46 hộ hiến 2.150 m² đất; không có khiếu nại.",
        True,
        datetime.date(2025, 10, 15),
    ),
    (
        "camera",
        "commune",
        "defence_security",
        "Camera an ninh tự quản ở các ngã ba",
        "Người dân góp kinh phí lắp camera, công an xã và tổ tự quản cùng theo dõi.",
        "Trộm cắp vặt tăng vào ban đêm ở các ngã ba, ngã tư.",
        "Tổ tự quản khảo sát điểm lắp; các hộ góp tiền theo khả năng; hình ảnh kết nối về trụ sở công an xã.",
        "24 camera; trộm cắp vặt giảm rõ rệt sau một năm.",
        False,
        datetime.date(2025, 6, 20),
    ),
    (
        "mediation",
        "other_commune",
        "culture_society",
        "Tổ hòa giải “Ba cùng” giữ tình làng nghĩa xóm",
        "Tổ hòa giải gồm người cao tuổi, đoàn viên thanh niên và cán bộ hội phụ nữ cùng đến từng nhà.",
        "Tranh chấp đất đai nhỏ kéo dài, dễ thành đơn thư vượt cấp.",
        "Mỗi vụ việc có hai hòa giải viên khác thế hệ; gặp riêng từng bên trước khi gặp chung.",
        "Hòa giải thành 31 trên 34 vụ việc trong năm.",
        False,
        datetime.date(2024, 12, 5),
    ),
]
REPLICA = (
    "road-replica",
    "village2",
    "Nhân rộng đường giao thông “Dân vận khéo” ở Khu 2",
    "road",
    datetime.date(2026, 3, 10),
)


def _unit(key: str) -> Unit:
    from danvan.site.demo.orgs import _demo_units

    return _demo_units()[key]


@transaction.atomic
def seed() -> list[str]:
    approver = User.objects.get(username="tinh.pheduyet")
    made: dict[str, Initiative] = {}
    for key, unit_key, field, title, summary, problem, content, results, exemplary, on in DEMO_INITIATIVES:
        made[key] = Initiative.objects.filter(import_key=f"demo-library-{key}").first() or initiative_enter_historical(
            by=approver,
            data=InitiativeData(
                title=title,
                kind="collective",
                field=Field.objects.get(code=field),
                unit=_unit(unit_key),
                year=on.year,
                summary=summary,
                problem=problem,
                content=content,
                results=results,
            ),
            status=Status.RECOGNIZED,
            recognized_level=Level.COMMUNE,
            recognized_on=on,
            exemplary=exemplary,
            import_key=f"demo-library-{key}",
        )
    key, unit_key, title, original, on = REPLICA
    if not Initiative.objects.filter(import_key=f"demo-library-{key}").exists():
        initiative_enter_historical(
            by=approver,
            data=InitiativeData(
                title=title,
                kind="collective",
                field=made[original].field,
                unit=_unit(unit_key),
                year=on.year,
                summary="Khu 2 học cách làm của Khu 1: họp dân, công khai, người có uy tín vận động.",
                replicated_from=made[original],
            ),
            status=Status.RECOGNIZED,
            recognized_level=Level.COMMUNE,
            recognized_on=on,
            import_key=f"demo-library-{key}",
        )
    commune = _unit("commune")
    if not commune.contact_office:
        commune.contact_office = f"Văn phòng Đảng ủy {in_sentence(commune.name)}"
        commune.contact_phone = "0210 3 000 000"
        commune.save(update_fields=["contact_office", "contact_phone", "updated_at"])
    return [f"Thư viện mô hình: {len(DEMO_INITIATIVES) + 1} mô hình đã công nhận, xem /thu-vien/"]
