"""The indicator set for công tác dân vận shipped with danvan: data, loaded by a data migration and
edited by admins afterwards. Names are marked for translation; a name an admin changes is shown as written.

The figures are those the units' six-month and yearly reports on công tác dân vận carry: dialogues with
the people (Quy định 11-QĐ/TW, Nghị định 59/2023 on grassroots democracy), mediation (Luật Hòa giải ở cơ
sở 2013), petitions, the Party cells' themed meetings on mass mobilisation (the rates a Chỉ thị asks
for), outreach, and what the people contributed.
"""

from typing import Any

from django.utils.translation import gettext_noop

DEFAULT_SET = ("dan-van", gettext_noop("Công tác dân vận"))

# (code, name, unit of measure) for entered figures; (code, name, "%", numerator, denominator) for rates.
DEFAULT_INDICATORS: list[tuple[str, ...]] = [
    ("dialogues", gettext_noop("Cuộc đối thoại, tiếp xúc với Nhân dân"), gettext_noop("cuộc")),
    ("dialogue_participants", gettext_noop("Lượt người tham gia đối thoại"), gettext_noop("lượt")),
    ("democracy_meetings", gettext_noop("Hội nghị thực hiện dân chủ ở cơ sở"), gettext_noop("cuộc")),
    ("petitions_received", gettext_noop("Đơn thư, kiến nghị tiếp nhận"), gettext_noop("đơn")),
    ("petitions_resolved", gettext_noop("Đơn thư, kiến nghị đã giải quyết"), gettext_noop("đơn")),
    ("petition_resolution_rate", gettext_noop("Tỷ lệ giải quyết đơn thư, kiến nghị"), "%",
     "petitions_resolved", "petitions_received"),
    ("mediation_cases", gettext_noop("Vụ việc hòa giải ở cơ sở"), gettext_noop("vụ")),
    ("mediation_successful", gettext_noop("Vụ việc hòa giải thành"), gettext_noop("vụ")),
    ("mediation_success_rate", gettext_noop("Tỷ lệ hòa giải thành"), "%", "mediation_successful", "mediation_cases"),
    ("party_cells", gettext_noop("Chi bộ"), gettext_noop("chi bộ")),
    ("party_cells_themed", gettext_noop("Chi bộ sinh hoạt chuyên đề về công tác dân vận"), gettext_noop("chi bộ")),
    ("party_cells_themed_rate", gettext_noop("Tỷ lệ chi bộ sinh hoạt chuyên đề về công tác dân vận"), "%",
     "party_cells_themed", "party_cells"),
    ("outreach_sessions", gettext_noop("Buổi tuyên truyền, phổ biến chủ trương, pháp luật"), gettext_noop("buổi")),
    ("outreach_participants", gettext_noop("Lượt người nghe tuyên truyền"), gettext_noop("lượt")),
    ("models_registered", gettext_noop("Mô hình “Dân vận khéo” đăng ký mới"), gettext_noop("mô hình")),
    ("models_recognized", gettext_noop("Mô hình “Dân vận khéo” được công nhận"), gettext_noop("mô hình")),
    ("land_m2", gettext_noop("Đất Nhân dân hiến"), "m²"),
    ("money_vnd", gettext_noop("Kinh phí huy động từ Nhân dân"), gettext_noop("đồng")),
    ("workdays", gettext_noop("Ngày công đóng góp"), gettext_noop("ngày công")),
    ("roads_km", gettext_noop("Đường giao thông làm mới, sửa chữa"), "km"),
    ("solidarity_houses", gettext_noop("Nhà Đại đoàn kết xây mới, sửa chữa"), gettext_noop("căn")),
    ("households_out_of_poverty", gettext_noop("Hộ thoát nghèo"), gettext_noop("hộ")),
]  # fmt: skip


def load_defaults(apps: Any) -> None:
    """Idempotent; called by the data migration with historical models."""
    IndicatorSet = apps.get_model("rounds", "IndicatorSet")
    Indicator = apps.get_model("rounds", "Indicator")
    indicator_set, created = IndicatorSet.objects.get_or_create(code=DEFAULT_SET[0], defaults={"name": DEFAULT_SET[1]})
    if not created:
        return
    by_code: dict[str, Any] = {}
    for sort, row in enumerate(DEFAULT_INDICATORS, start=1):
        code, name, unit_label = row[:3]
        derived = {"numerator": by_code[row[3]], "denominator": by_code[row[4]]} if len(row) == 5 else {}
        by_code[code] = Indicator.objects.create(
            indicator_set=indicator_set, code=code, name=name, unit_label=unit_label, sort=sort * 10, **derived
        )
