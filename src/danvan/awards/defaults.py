"""Default award forms, loaded by a data migration; admins change them later.

Award forms follow the Law on Emulation and Commendation (Luật Thi đua, khen thưởng 2022) and
Nghị định 152/2025/NĐ-CP (in force 1 July 2025).
"""

from typing import Any

LAW = "Luật Thi đua, khen thưởng năm 2022; Nghị định số 152/2025/NĐ-CP"

AWARD_FORMS: list[dict[str, Any]] = [
    {
        "code": "giay_khen",
        "name": "Giấy khen",
        "certificate_title": "GIẤY KHEN",
        "levels": ["commune", "district", "province"],
        "sort": 10,
    },
    {
        "code": "bang_khen",
        "name": "Bằng khen",
        "certificate_title": "BẰNG KHEN",
        "levels": ["province", "central"],
        "sort": 20,
    },
    {
        "code": "co_thi_dua",
        "name": "Cờ thi đua",
        "certificate_title": "CỜ THI ĐUA",
        "levels": ["province", "central"],
        "sort": 30,
    },
    {
        "code": "bang_khen_thu_tuong",
        "name": "Bằng khen của Thủ tướng Chính phủ",
        "certificate_title": "BẰNG KHEN",
        "levels": ["central"],
        "sort": 40,
    },
    {
        "code": "co_thi_dua_chinh_phu",
        "name": "Cờ thi đua của Chính phủ",
        "certificate_title": "CỜ THI ĐUA",
        "levels": ["central"],
        "sort": 50,
    },
    {
        "code": "huan_chuong_lao_dong",
        "name": "Huân chương Lao động",
        "certificate_title": "HUÂN CHƯƠNG LAO ĐỘNG",
        "levels": ["central"],
        "sort": 60,
    },
]


def load_defaults(apps: Any) -> None:
    """Create the default forms that are missing; never overwrite an admin's changes. (The document
    layouts are `danvan.documents.layouts`.)"""
    award_form = apps.get_model("awards", "AwardForm")
    for row in AWARD_FORMS:
        award_form.objects.get_or_create(code=row["code"], defaults={**row, "legal_basis": LAW})
