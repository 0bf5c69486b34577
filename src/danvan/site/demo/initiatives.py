"""Demo initiatives for the demo province and communes, in every state, made through the services.

Idempotent: an initiative whose title already exists in its unit is left as it is.
"""

import datetime
import io
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from PIL import Image, ImageDraw

from danvan.accounts.models import User
from danvan.initiatives.files import PreparedFile, prepare_upload
from danvan.initiatives.models import Initiative
from danvan.initiatives.services import (
    InitiativeData,
    attachment_add,
    initiative_act,
    initiative_create,
    initiative_enter_historical,
)
from danvan.movements.models import CriteriaSet, Field, Programme
from danvan.movements.selectors import criteria_set_for
from danvan.movements.services import programme_create
from danvan.site.demo.orgs import _demo_units

# Each path is a list of steps: (username, action, note); action "score" fills a score sheet.
C_REVIEW = ("xa.thamdinh", "score", "Cách làm phù hợp thực tế địa phương.")
P_REVIEW = ("tinh.thamdinh", "score", "Có sức lan tỏa, nên nhân rộng.")
PATHS: dict[str, list[tuple[str, str, str]]] = {
    "draft": [],
    "registered": [],
    "under_review_commune": [("{owner}", "submit", "")],
    "returned": [("{owner}", "submit", ""), ("xa.thamdinh", "return", "Bổ sung ảnh hiện trường và số liệu kết quả.")],
    "rejected": [("{owner}", "submit", ""), C_REVIEW, ("xa.pheduyet", "reject", "Chưa có kết quả rõ rệt.")],
    "recognized_commune": [("{owner}", "submit", ""), C_REVIEW, ("xa.pheduyet", "recognize", "")],
    "exemplary_commune": [
        ("{owner}", "submit", ""),
        C_REVIEW,
        ("xa.pheduyet", "recognize", ""),
        ("xa.pheduyet", "mark_exemplary", ""),
    ],
    "under_review_province": [
        ("{owner}", "submit", ""),
        C_REVIEW,
        ("xa.pheduyet", "recognize", ""),
        ("xa.thamdinh", "forward", "Đề nghị cấp tỉnh xem xét công nhận."),
    ],
    "recognized_province": [
        ("{owner}", "submit", ""),
        C_REVIEW,
        ("xa.pheduyet", "recognize", ""),
        ("xa.thamdinh", "forward", "Đề nghị cấp tỉnh xem xét công nhận."),
        P_REVIEW,
        ("tinh.pheduyet", "recognize", ""),
    ],
    "exemplary_province": [
        ("{owner}", "submit", ""),
        C_REVIEW,
        ("xa.pheduyet", "recognize", ""),
        ("xa.thamdinh", "forward", "Đề nghị cấp tỉnh xem xét công nhận."),
        P_REVIEW,
        ("tinh.pheduyet", "recognize", ""),
        ("tinh.pheduyet", "mark_exemplary", "Mô hình tiêu biểu của tỉnh."),
    ],
    # registered at province level (the commune's own initiatives)
    "province_under_review": [("{owner}", "submit", "")],
    "province_recognized": [("{owner}", "submit", ""), P_REVIEW, ("tinh.pheduyet", "recognize", "")],
}


@dataclass
class Demo:
    unit: str
    owner: str
    title: str
    field: str
    path: str
    year: int = 2026
    person: tuple[str, str] | None = None
    summary: str = ""
    results: str = ""


# What the criteria judge besides the summary, for the models that went to review (sending needs a
# complete dossier and one piece of evidence: workflow.COMPLETE_DOSSIER); drafts and registered ones
# stay as units leave them, so the officer's page shows what is missing.
CONTENT = "Họp dân bàn bạc công khai, phân công từng tổ, từng hộ; cán bộ, đảng viên làm trước để Nhân dân làm theo."
FORCES = "Chi bộ, ban công tác Mặt trận, chi hội phụ nữ, chi đoàn thanh niên, chi hội cựu chiến binh và các hộ dân."
RESULTS = "Được Nhân dân đồng tình hưởng ứng; không có đơn thư khiếu nại; kết quả được sơ kết công khai cuối năm."
SUSTAINABILITY = "Đưa vào quy ước khu dân cư, sơ kết hằng năm; các khu dân cư lân cận đã đến học tập cách làm."


def _sent(path: str) -> bool:
    return any(action == "submit" for _user, action, _note in PATHS[path])


def _evidence_photo(title: str) -> PreparedFile:
    """A picture standing for the photo of the site (generated: the demo ships no photographs)."""
    tint = sum(title.encode()) % 80
    image = Image.new("RGB", (800, 500), (120 + tint, 170, 220 - tint))
    draw = ImageDraw.Draw(image)
    draw.rectangle((0, 320, 800, 500), fill=(90, 140 + tint // 2, 70))  # the field
    draw.polygon([(300, 500), (380, 320), (420, 320), (500, 500)], fill=(170, 170, 165))  # the road
    draw.rectangle((560, 220, 700, 330), fill=(230, 220, 200))  # a house
    draw.polygon([(545, 225), (630, 160), (715, 225)], fill=(170, 60, 50))
    out = io.BytesIO()
    image.save(out, format="JPEG", quality=80)
    return prepare_upload(SimpleUploadedFile("anh-hien-truong.jpg", out.getvalue(), content_type="image/jpeg"))


DEMO = [
    Demo(
        "village",
        "thon.canbo",
        "Nhân dân hiến đất mở rộng đường giao thông nông thôn Khu 1",
        "economy",
        "exemplary_province",
        summary="Vận động 46 hộ hiến hơn 1.800 m² đất, góp ngày công làm 2,3 km đường bê tông.",
        results="2,3 km đường rộng 5 m; không có đơn thư khiếu nại.",
    ),
    Demo(
        "village",
        "thon.canbo",
        "Camera an ninh do Nhân dân đóng góp",
        "defence_security",
        "under_review_province",
        summary="Các hộ góp tiền lắp 14 camera tại các ngã ba, kết nối điện thoại của tổ an ninh cơ sở.",
        results="Trộm cắp vặt giảm hẳn so với năm trước.",
    ),
    Demo(
        "village",
        "thon.canbo",
        "Tổ tự quản vệ sinh môi trường khu dân cư",
        "culture_society",
        "under_review_commune",
        summary="Mỗi tổ 10 hộ luân phiên quét dọn đường làng sáng thứ Bảy.",
    ),
    Demo(
        "village",
        "thon.canbo",
        "Chi hội phụ nữ tiết kiệm giúp nhau phát triển kinh tế",
        "economy",
        "registered",
        summary="Hội viên góp vốn xoay vòng, giúp 12 hộ mua giống, con giống.",
    ),
    Demo(
        "village",
        "thon.canbo",
        "Dòng họ không có người vi phạm pháp luật",
        "defence_security",
        "returned",
        summary="Các dòng họ ký cam kết, trưởng họ nhắc nhở con cháu chấp hành pháp luật.",
    ),
    Demo(
        "village",
        "thon.canbo",
        "Phân loại rác thải tại nguồn",
        "culture_society",
        "draft",
        summary="Phát thùng hai ngăn cho các hộ, làm phân vi sinh từ rác hữu cơ.",
    ),
    Demo(
        "village",
        "thon.canbo",
        "Bà Nguyễn Thị Lan, tổ trưởng tổ hòa giải gương mẫu",
        "political_system",
        "recognized_commune",
        person=("Nguyễn Thị Lan", "Tổ trưởng tổ hòa giải Khu 1"),
        summary="Hòa giải thành 9 vụ tranh chấp đất đai, mâu thuẫn gia đình trong năm.",
    ),
    Demo(
        "village",
        "thon.canbo",
        "Thắp sáng đường quê",
        "economy",
        "rejected",
        summary="Lắp 30 bóng đèn năng lượng mặt trời dọc đường liên thôn.",
    ),
    Demo(
        "village2",
        "tinh.quantri",
        "Khu dân cư kiểu mẫu Khu 2",
        "culture_society",
        "recognized_commune",
        summary="Các hộ chỉnh trang cổng ngõ, trồng hàng rào xanh, giữ đường làng sạch đẹp.",
    ),
    Demo(
        "village2",
        "tinh.quantri",
        "Cây chè giúp dân thoát nghèo",
        "economy",
        "under_review_commune",
        summary="Hợp tác xã hướng dẫn kỹ thuật, bao tiêu sản phẩm chè an toàn cho 35 hộ.",
    ),
    Demo(
        "village2",
        "tinh.quantri",
        "Sân chơi cho thiếu nhi từ vật liệu tái chế",
        "culture_society",
        "registered",
        summary="Đoàn viên thanh niên làm xích đu, bập bênh từ lốp xe cũ.",
    ),
    Demo(
        "village2",
        "tinh.quantri",
        "Ông Trần Văn Bình, người có uy tín vận động hiến đất",
        "economy",
        "under_review_commune",
        person=("Trần Văn Bình", "Người có uy tín Khu 2"),
        summary="Gia đình ông hiến 320 m² đất trước, rồi đến từng nhà vận động.",
    ),
    Demo(
        "village3",
        "tinh.quantri",
        "Tuyến đường hoa Khu 3",
        "culture_society",
        "exemplary_commune",
        summary="Mỗi hộ trồng và chăm sóc hoa trước cửa, tạo tuyến đường hoa dài 1,2 km.",
    ),
    Demo(
        "village3",
        "tinh.quantri",
        "Câu lạc bộ hát dân ca",
        "culture_society",
        "under_review_commune",
        summary="Sinh hoạt hai buổi mỗi tháng, lồng ghép tuyên truyền chính sách.",
    ),
    Demo(
        "village3",
        "tinh.quantri",
        "Tổ liên gia an toàn phòng cháy, chữa cháy",
        "defence_security",
        "registered",
        summary="Mỗi tổ 5 hộ có bình chữa cháy dùng chung và số điện thoại báo cháy.",
    ),
    Demo("village3", "tinh.quantri", "Nhà sạch, vườn đẹp", "economy", "draft"),
    Demo(
        "front",
        "tinh.quantri",
        "Quỹ “Vì người nghèo” xây nhà đại đoàn kết",
        "culture_society",
        "recognized_province",
        summary="Vận động doanh nghiệp, con em xa quê ủng hộ xây 6 nhà cho hộ nghèo.",
        results="6 nhà đại đoàn kết, tổng kinh phí 420 triệu đồng.",
    ),
    Demo(
        "front",
        "tinh.quantri",
        "Loa di động và nhóm Zalo khu dân cư",
        "political_system",
        "under_review_commune",
        summary="Truyền thông tin chính sách tới từng hộ qua loa di động và nhóm Zalo.",
    ),
    Demo(
        "front",
        "tinh.quantri",
        "Ngày Chủ nhật xanh",
        "culture_society",
        "returned",
        summary="Đoàn viên, hội viên ra quân làm sạch kênh mương mỗi tháng một lần.",
    ),
    Demo(
        "commune",
        "tinh.quantri",
        "Dân vận khéo trong giải phóng mặt bằng dự án đường tỉnh",
        "economy",
        "province_under_review",
        summary="Tổ công tác đến từng hộ, đối thoại công khai phương án bồi thường.",
    ),
    Demo(
        "commune",
        "tinh.quantri",
        "Bộ phận một cửa thân thiện",
        "political_system",
        "province_recognized",
        summary="Cán bộ một cửa hướng dẫn tận tình, hẹn trả kết quả qua điện thoại.",
    ),
    Demo("commune", "tinh.quantri", "Chính quyền lắng nghe Nhân dân nói", "political_system", "registered"),
    Demo(
        "other_commune",
        "xakhac.canbo",
        "Phố đi bộ văn minh",
        "culture_society",
        "under_review_commune",
        summary="Tổ dân phố tự quản giữ trật tự, vệ sinh trên tuyến phố đi bộ.",
    ),
    Demo("other_commune", "xakhac.canbo", "Tổ hòa giải ở cơ sở hoạt động hiệu quả", "defence_security", "registered"),
    Demo(
        "other_commune",
        "xakhac.canbo",
        "Chị Lê Thu Trang, đoàn viên tiên phong chuyển đổi số",
        "political_system",
        "draft",
        person=("Lê Thu Trang", "Bí thư Chi đoàn"),
    ),
]

HISTORICAL = [
    # title, unit key, field, year, level, day, exemplary, person
    (
        "Dân vận khéo trong xây dựng nông thôn mới",
        "commune",
        "economy",
        2019,
        "province",
        datetime.date(2019, 11, 20),
        True,
        None,
    ),
    (
        "Gia đình văn hóa, khu dân cư văn hóa",
        "village",
        "culture_society",
        2020,
        "commune",
        datetime.date(2020, 12, 10),
        False,
        None,
    ),
    (
        "Phòng, chống dịch COVID-19 tại khu dân cư",
        "front",
        "defence_security",
        2021,
        "province",
        datetime.date(2021, 12, 28),
        True,
        None,
    ),
    (
        "Ông Hà Văn Sơn, trưởng khu vận động xóa nhà tạm",
        "village2",
        "economy",
        2022,
        "commune",
        datetime.date(2022, 11, 15),
        False,
        ("Hà Văn Sơn", "Trưởng Khu 2"),
    ),
    ("Bảo vệ rừng đầu nguồn", "village3", "defence_security", 2023, "commune", datetime.date(2023, 12, 5), False, None),
]


def _user(username: str) -> User:
    return User.objects.get(username=username)


def _walk(initiative: Initiative, owner: str, steps: list[tuple[str, str, str]]) -> Initiative:
    from danvan.reviews.services import review_save

    for username, action, note in steps:
        actor = _user(owner if username == "{owner}" else username)
        if action == "score":
            criteria = criteria_set_for(kind=initiative.kind, programme_id=initiative.programme_id)
            assert criteria is not None
            scores: dict[int, int | None] = {c.pk: 7 + (c.pk + initiative.pk) % 4 for c in criteria.criteria.all()}
            review_save(by=actor, initiative=initiative, scores=scores, comment=note)
        else:
            initiative = initiative_act(by=actor, initiative=initiative, action=action, note=note)
    return initiative


def _programme(units: dict[str, Any]) -> Programme:
    existing = Programme.objects.filter(number="09-KH/TU", issuer=units["province"]).first()
    if existing is not None:
        return existing
    return programme_create(
        by=_user("tinh.quantri"),
        number="09-KH/TU",
        title="Kế hoạch thực hiện phong trào thi đua “Dân vận khéo” giai đoạn 2026 - 2030",
        issuer=units["province"],
        start=datetime.date(2026, 1, 1),
        end=datetime.date(2030, 12, 31),
    )


DEMO_PASS_MARK = Decimal(70)  # of 100: the demo's review regulations (a unit's own rules set it, not a decree)


@transaction.atomic
def seed() -> list[str]:
    CriteriaSet.objects.filter(programme=None, pass_mark=None).update(
        pass_mark=DEMO_PASS_MARK,
        pass_mark_basis="Quy chế bình xét “Dân vận khéo” (bản thử nghiệm)",  # noqa: S106
    )
    units = _demo_units()
    programme = _programme(units)
    fields = {f.pk: f for f in Field.objects.all()}
    made = 0
    for item in DEMO:
        unit = units[item.unit]
        if Initiative.objects.filter(unit=unit, title=item.title).exists():
            continue
        owner = _user(item.owner)
        data = InitiativeData(
            title=item.title,
            kind="individual" if item.person else "collective",
            field=fields[item.field],
            unit=unit,
            year=item.year,
            registered_level="province" if item.path.startswith("province_") else "commune",
            programme=programme,
            person_name=item.person[0] if item.person else "",
            person_position=item.person[1] if item.person else "",
            person_unit=unit.name if item.person else "",
            summary=item.summary,
            results=item.results,
            start_date=datetime.date(item.year - 1, 3, 1),
        )
        if _sent(item.path):
            data.content, data.results = CONTENT, item.results or RESULTS
            data.forces, data.sustainability = ("" if item.person else FORCES), SUSTAINABILITY
        initiative = initiative_create(by=owner, data=data, register=item.path != "draft")
        if _sent(item.path):
            attachment_add(by=owner, initiative=initiative, prepared=_evidence_photo(item.title))
        _walk(initiative, item.owner, PATHS[item.path])
        made += 1
    approver = _user("tinh.pheduyet")
    for title, unit_key, field, year, level, day, exemplary, person in HISTORICAL:
        unit = units[unit_key]
        if Initiative.objects.filter(unit=unit, title=title).exists():
            continue
        data = InitiativeData(
            title=title,
            kind="individual" if person else "collective",
            field=fields[field],
            unit=unit,
            year=year,
            person_name=person[0] if person else "",
            person_position=person[1] if person else "",
        )
        initiative_enter_historical(
            by=approver, data=data, status="recognized", recognized_level=level, recognized_on=day, exemplary=exemplary
        )
        made += 1
    total = Initiative.objects.filter(unit__path__startswith=units["province"].path).count()
    return [f"Mô hình, điển hình mẫu: thêm {made}, tổng {total} trong tỉnh mẫu."]
