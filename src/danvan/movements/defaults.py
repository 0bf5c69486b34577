"""The defaults shipped with danvan: the four fields of the API contract and the criteria used
in practice. Data, loaded by a data migration; admins edit them afterwards. Names are marked for
translation, so pages show them in the reader's language (`core.formatting.data_name`); a name an admin
changes is shown as written."""

from typing import Any

from django.utils.translation import gettext_noop

DEFAULT_MOVEMENT = ("dan-van-kheo", "Phong trào thi đua “Dân vận khéo”")

DEFAULT_FIELDS = [
    ("economy", gettext_noop("Kinh tế"), 10),
    ("culture_society", gettext_noop("Văn hóa - xã hội"), 20),
    ("defence_security", gettext_noop("Quốc phòng - an ninh"), 30),
    ("political_system", gettext_noop("Xây dựng Đảng, hệ thống chính trị"), 40),
]

DEFAULT_CRITERIA = {
    "collective": (
        gettext_noop("Tiêu chí mô hình “Dân vận khéo” (tập thể)"),
        [
            (gettext_noop("Có cách làm sáng tạo, tiết kiệm thời gian, chi phí"), 2),
            (
                gettext_noop(
                    "Tuyên truyền, vận động, thuyết phục được Nhân dân hiểu và làm theo chủ trương, pháp luật"
                ),
                2,
            ),
            (gettext_noop("Huy động được nhiều lực lượng cùng tham gia"), 2),
            (gettext_noop("Bảo đảm hài hòa lợi ích của Nhà nước, tập thể và Nhân dân"), 2),
            (gettext_noop("Có tính bền vững, khả năng nhân rộng"), 2),
        ],
    ),
    "individual": (
        gettext_noop("Tiêu chí điển hình “Dân vận khéo” (cá nhân)"),
        [
            (gettext_noop("Gương mẫu, đi đầu, nói đi đôi với làm"), 2),
            (gettext_noop("Có sáng kiến, đề xuất hay được áp dụng"), 2),
            (gettext_noop("Góp phần giải quyết dứt điểm vụ việc tồn đọng, phức tạp kéo dài"), 2),
            (gettext_noop("Tận tụy phục vụ Nhân dân, được Nhân dân tin yêu"), 2),
            (gettext_noop("Gia đình văn hóa, hoàn thành tốt nhiệm vụ được giao"), 2),
        ],
    ),
}


def load_defaults(apps: Any) -> None:
    """Idempotent; called by the data migration with historical models."""
    Movement = apps.get_model("movements", "Movement")
    Field = apps.get_model("movements", "Field")
    CriteriaSet = apps.get_model("movements", "CriteriaSet")
    Criterion = apps.get_model("movements", "Criterion")
    Movement.objects.get_or_create(code=DEFAULT_MOVEMENT[0], defaults={"name": DEFAULT_MOVEMENT[1]})
    for code, name, sort in DEFAULT_FIELDS:
        Field.objects.get_or_create(code=code, defaults={"name": name, "sort": sort})
    for kind, (set_name, criteria) in DEFAULT_CRITERIA.items():
        criteria_set, created = CriteriaSet.objects.get_or_create(
            kind=kind, programme=None, defaults={"name": set_name}
        )
        if created:
            for sort, (name, weight) in enumerate(criteria, start=1):
                Criterion.objects.create(criteria_set=criteria_set, name=name, weight=weight, max_score=10, sort=sort)
