"""Document layouts as data. The defaults below are shipped (and loaded by a data migration into
`ReportLayout`); an admin edits a layout's `rules` JSON when the rules change (a new decree, the
Party's guidance replaced). A key missing from the stored rules takes the default.

Placeholders in the templates: {unit_upper} the unit's name in capitals, {place_upper} its
name without the administrative word, {parent_upper} the parent's name in capitals,
{number} the document number, {abbr} the issuer's abbreviation.
"""

import copy
from typing import Any

from danvan.orgs.models import Unit

STATE: dict[str, Any] = {
    "name": "Cơ quan nhà nước (Nghị định 30/2020/NĐ-CP)",
    "font_name": "Times New Roman",
    "font_size": 14,
    "small_font_size": 12,
    "margins_mm": {"top": 20, "bottom": 20, "left": 30, "right": 15},
    "national_name": "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
    "motto": "Độc lập - Tự do - Hạnh phúc",
    "motto_underlined": True,
    "issuer_star": False,
    "number_format": "Số: {number}/BC-{abbr}",
    "title": "BÁO CÁO",
    "subject": "Kết quả thực hiện phong trào thi đua “Dân vận khéo” {period}",
    "recipients_heading": "Nơi nhận:",
    "recipients": ["Như trên;", "Ban Chỉ đạo phong trào thi đua “Dân vận khéo” cấp trên (để báo cáo);", "Lưu: VT."],
    "issuers": {
        "central": {
            "superior": "",
            "issuer": "BAN CHỈ ĐẠO TRUNG ƯƠNG\nPHONG TRÀO THI ĐUA “DÂN VẬN KHÉO”",
            "abbr": "BCĐ",
            "signer": "TM. BAN CHỈ ĐẠO\nTRƯỞNG BAN",
        },
        "province": {
            "superior": "",
            "issuer": "ỦY BAN NHÂN DÂN\n{unit_upper}",
            "abbr": "UBND",
            "signer": "TM. ỦY BAN NHÂN DÂN\nCHỦ TỊCH",
        },
        "district": {
            "superior": "",
            "issuer": "ỦY BAN NHÂN DÂN\n{unit_upper}",
            "abbr": "UBND",
            "signer": "TM. ỦY BAN NHÂN DÂN\nCHỦ TỊCH",
        },
        "commune": {
            "superior": "",
            "issuer": "ỦY BAN NHÂN DÂN\n{unit_upper}",
            "abbr": "UBND",
            "signer": "TM. ỦY BAN NHÂN DÂN\nCHỦ TỊCH",
        },
        "other": {"superior": "{parent_upper}", "issuer": "{unit_upper}", "abbr": "", "signer": "THỦ TRƯỞNG ĐƠN VỊ"},
    },
}

PARTY: dict[str, Any] = {
    **copy.deepcopy(STATE),
    "name": "Cơ quan Đảng (Hướng dẫn 36-HD/VPTW)",
    "margins_mm": {"top": 20, "bottom": 20, "left": 30, "right": 15},
    "national_name": "ĐẢNG CỘNG SẢN VIỆT NAM",
    "motto": "",
    "motto_underlined": False,
    "issuer_star": True,
    "number_format": "Số {number}-BC/{abbr}",
    "recipients": ["Ban Thường vụ cấp trên (để báo cáo),", "Các đồng chí cấp ủy viên,", "Lưu Văn phòng."],
    "issuers": {
        "central": {
            "superior": "",
            "issuer": "BAN CHẤP HÀNH TRUNG ƯƠNG",
            "abbr": "TW",
            "signer": "T/M BAN CHẤP HÀNH TRUNG ƯƠNG",
        },
        "province": {
            "superior": "ĐẢNG BỘ {unit_upper}",
            "issuer": "BAN THƯỜNG VỤ TỈNH ỦY",
            "abbr": "TU",
            "signer": "T/M BAN THƯỜNG VỤ\nBÍ THƯ",
        },
        "district": {
            "superior": "ĐẢNG BỘ {parent_upper}",
            "issuer": "HUYỆN ỦY {place_upper}",
            "abbr": "HU",
            "signer": "T/M HUYỆN ỦY\nBÍ THƯ",
        },
        "commune": {
            "superior": "ĐẢNG BỘ {parent_upper}",
            "issuer": "ĐẢNG ỦY {unit_upper}",
            "abbr": "ĐU",
            "signer": "T/M ĐẢNG ỦY\nBÍ THƯ",
        },
        "other": {"superior": "{parent_upper}", "issuer": "{unit_upper}", "abbr": "", "signer": "T/M CẤP ỦY"},
    },
}

DEFAULT_LAYOUTS: dict[str, dict[str, Any]] = {"state": STATE, "party": PARTY}

ADMINISTRATIVE_WORDS = ("Thành phố", "Tỉnh", "Xã", "Phường", "Đặc khu", "Huyện", "Quận", "Thị xã", "Thị trấn")


def place_name(unit: Unit) -> str:
    """ "Tỉnh Phú Thọ" → "Phú Thọ"; "Thành phố Hà Nội" → "Hà Nội"."""
    for word in ADMINISTRATIVE_WORDS:
        if unit.name.startswith(word + " "):
            return unit.name[len(word) + 1 :]
    return unit.name


def layout_rules(code: str) -> dict[str, Any]:
    """The rules of a layout: the stored ones over the shipped defaults (one query)."""
    from danvan.reports.models import ReportLayout

    rules = copy.deepcopy(DEFAULT_LAYOUTS.get(code, STATE))
    stored = ReportLayout.objects.filter(code=code).values_list("rules", flat=True).first()
    if isinstance(stored, dict):
        for key, value in stored.items():
            if isinstance(value, dict) and isinstance(rules.get(key), dict):
                rules[key] = {**rules[key], **value}
            else:
                rules[key] = value
    return rules


def issuer_block(rules: dict[str, Any], unit: Unit, parent: Unit | None, level_key: str) -> dict[str, str]:
    """The issuer's lines, abbreviation and signer title for `unit`, from the rules."""
    issuers = rules["issuers"]
    entry = issuers.get(level_key) or issuers["other"]
    values = {
        "unit_upper": unit.name.upper(),
        "place_upper": place_name(unit).upper(),
        "parent_upper": parent.name.upper() if parent else "",
    }
    return {key: str(entry.get(key, "")).format(**values) for key in ("superior", "issuer", "abbr", "signer")}
