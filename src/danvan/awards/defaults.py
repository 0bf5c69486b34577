"""Default award forms and document layouts, loaded by a data migration; admins change them later.

Award forms follow the Law on Emulation and Commendation (Luật Thi đua, khen thưởng 2022) and
Nghị định 152/2025/NĐ-CP (in force 1 July 2025). Layouts follow Nghị định 30/2020/NĐ-CP for
state bodies and the Party's format guidance for Party committees.
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

STATE_LAYOUT: dict[str, Any] = {
    "font_name": "Times New Roman",
    "font_size": 14,
    "national_lines": ["CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc"],
    "number_prefix": "Số: ",
    "body_template": "ỦY BAN NHÂN DÂN\n{unit}",
    "authority_template": "CHỦ TỊCH ỦY BAN NHÂN DÂN {unit}",
    "annex_of_template": "Chủ tịch Ủy ban nhân dân {unit_name}",
    "title_template": (
        "Về việc tặng {form} cho các tập thể, cá nhân có thành tích xuất sắc trong phong trào thi đua “Dân vận khéo”"
    ),
    "citation": "đã có thành tích xuất sắc trong phong trào thi đua “Dân vận khéo”",
    "article2": "Quyết định này có hiệu lực kể từ ngày ký.",
    "article3": (
        "Chánh Văn phòng, Trưởng ban Thi đua - Khen thưởng, thủ trưởng các cơ quan, đơn vị có liên quan "
        "và các tập thể, cá nhân có tên tại Điều 1 chịu trách nhiệm thi hành Quyết định này."
    ),
    "distribution": ["Như Điều 3;", "Lưu: VT."],
    "margins_mm": {"top": 20, "bottom": 20, "left": 30, "right": 15},
    "certificate_font": "Liberation Serif",
}

PARTY_LAYOUT: dict[str, Any] = {
    **STATE_LAYOUT,
    "national_lines": ["ĐẢNG CỘNG SẢN VIỆT NAM"],
    "number_prefix": "Số ",
    "body_template": "ĐẢNG ỦY {unit}\n*",
    "authority_template": "BAN THƯỜNG VỤ ĐẢNG ỦY {unit}",
    "annex_of_template": "Ban Thường vụ Đảng ủy {unit_name}",
    "article3": (
        "Văn phòng, các ban, đơn vị có liên quan và các tập thể, cá nhân có tên tại Điều 1 căn cứ Quyết định thi hành."
    ),
    "distribution": ["Như Điều 3,", "Lưu Văn phòng."],
}

LAYOUTS: list[dict[str, Any]] = [
    {"code": "state", "name": "Thể thức văn bản hành chính (Nghị định 30/2020/NĐ-CP)", "settings": STATE_LAYOUT},
    {"code": "party", "name": "Thể thức văn bản của Đảng", "settings": PARTY_LAYOUT},
]


def load_defaults(apps: Any) -> None:
    """Create the default forms and layouts that are missing; never overwrite an admin's changes."""
    award_form = apps.get_model("awards", "AwardForm")
    layout = apps.get_model("awards", "DocumentLayout")
    for row in AWARD_FORMS:
        award_form.objects.get_or_create(code=row["code"], defaults={**row, "legal_basis": LAW})
    for row in LAYOUTS:
        layout.objects.get_or_create(code=row["code"], defaults=row)
