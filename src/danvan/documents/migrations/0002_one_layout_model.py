"""One layout model: the rows of `reports.ReportLayout` and `awards.DocumentLayout` become
`documents.Layout` rows holding only what an admin had changed from the defaults shipped then
(frozen below), under the new keys. The old tables are dropped by the next migration of each app."""

from typing import Any

from django.db import migrations

NAMES = {"state": "Cơ quan nhà nước (Nghị định 30/2020/NĐ-CP)", "party": "Cơ quan Đảng (Hướng dẫn 36-HD/VPTW)"}

# The report rules' keys that kept their meaning (top level) and those that became the report's texts.
REPORT_TOP = (
    "font_name",
    "font_size",
    "small_font_size",
    "margins_mm",
    "national_name",
    "motto",
    "motto_underlined",
    "issuer_star",
    "recipients_heading",
    "issuers",
)
REPORT_KIND = ("title", "subject", "recipients")
DECISION_KIND = {
    "body_template": "body_template",
    "authority_template": "authority_template",
    "annex_of_template": "annex_of_template",
    "title_template": "title_template",
    "citation": "citation",
    "article2": "article2",
    "article3": "article3",
    "distribution": "recipients",
}

OLD_REPORTS = {
    "state": {
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
            "other": {
                "superior": "{parent_upper}",
                "issuer": "{unit_upper}",
                "abbr": "",
                "signer": "THỦ TRƯỞNG ĐƠN VỊ",
            },
        },
    },
    "party": {
        "name": "Cơ quan Đảng (Hướng dẫn 36-HD/VPTW)",
        "font_name": "Times New Roman",
        "font_size": 14,
        "small_font_size": 12,
        "margins_mm": {"top": 20, "bottom": 20, "left": 30, "right": 15},
        "national_name": "ĐẢNG CỘNG SẢN VIỆT NAM",
        "motto": "",
        "motto_underlined": False,
        "issuer_star": True,
        "number_format": "Số {number}-BC/{abbr}",
        "title": "BÁO CÁO",
        "subject": "Kết quả thực hiện phong trào thi đua “Dân vận khéo” {period}",
        "recipients_heading": "Nơi nhận:",
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
    },
}

OLD_DECISIONS = {
    "state": {
        "font_name": "Times New Roman",
        "font_size": 14,
        "national_lines": ["CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc"],
        "number_prefix": "Số: ",
        "body_template": "ỦY BAN NHÂN DÂN\n{unit}",
        "authority_template": "CHỦ TỊCH ỦY BAN NHÂN DÂN {unit}",
        "annex_of_template": "Chủ tịch Ủy ban nhân dân {unit_name}",
        "title_template": "Về việc tặng {form} cho các tập thể, cá nhân có thành tích xuất sắc trong "
        "phong trào thi đua “Dân vận khéo”",
        "citation": "đã có thành tích xuất sắc trong phong trào thi đua “Dân vận khéo”",
        "article2": "Quyết định này có hiệu lực kể từ ngày ký.",
        "article3": "Chánh Văn phòng, Trưởng ban Thi đua - Khen thưởng, thủ trưởng các cơ quan, đơn vị có "
        "liên quan và các tập thể, cá nhân có tên tại Điều 1 chịu trách nhiệm thi hành Quyết "
        "định này.",
        "distribution": ["Như Điều 3;", "Lưu: VT."],
        "margins_mm": {"top": 20, "bottom": 20, "left": 30, "right": 15},
        "certificate_font": "Liberation Serif",
    },
    "party": {
        "font_name": "Times New Roman",
        "font_size": 14,
        "national_lines": ["ĐẢNG CỘNG SẢN VIỆT NAM"],
        "number_prefix": "Số ",
        "body_template": "ĐẢNG ỦY {unit}\n*",
        "authority_template": "BAN THƯỜNG VỤ ĐẢNG ỦY {unit}",
        "annex_of_template": "Ban Thường vụ Đảng ủy {unit_name}",
        "title_template": "Về việc tặng {form} cho các tập thể, cá nhân có thành tích xuất sắc trong "
        "phong trào thi đua “Dân vận khéo”",
        "citation": "đã có thành tích xuất sắc trong phong trào thi đua “Dân vận khéo”",
        "article2": "Quyết định này có hiệu lực kể từ ngày ký.",
        "article3": "Văn phòng, các ban, đơn vị có liên quan và các tập thể, cá nhân có tên tại Điều 1 "
        "căn cứ Quyết định thi hành.",
        "distribution": ["Như Điều 3,", "Lưu Văn phòng."],
        "margins_mm": {"top": 20, "bottom": 20, "left": 30, "right": 15},
        "certificate_font": "Liberation Serif",
    },
}


def changes(code: str, report: Any, decision: Any) -> dict[str, Any]:
    out: dict[str, Any] = {}
    kinds: dict[str, dict[str, Any]] = {}
    if isinstance(decision, dict):
        old = OLD_DECISIONS.get(code, {})
        for key in ("font_name", "font_size", "margins_mm", "number_prefix"):
            if key in decision and decision[key] != old.get(key):
                out[key] = decision[key]
        for key, new in DECISION_KIND.items():
            if key in decision and decision[key] != old.get(key):
                kinds.setdefault("decision", {})[new] = decision[key]
    if isinstance(report, dict):
        old = OLD_REPORTS.get(code, {})
        for key in REPORT_TOP:
            if key in report and report[key] != old.get(key):
                out[key] = report[key]
        for key in REPORT_KIND:
            if key in report and report[key] != old.get(key):
                kinds.setdefault("report", {})[key] = report[key]
    if kinds:
        out["kinds"] = kinds
    return out


def forward(apps: Any, schema_editor: Any) -> None:
    layout = apps.get_model("documents", "Layout")
    reports = {row.code: row.rules for row in apps.get_model("reports", "ReportLayout").objects.all()}
    decisions = {row.code: row.settings for row in apps.get_model("awards", "DocumentLayout").objects.all()}
    for code, name in NAMES.items():
        layout.objects.update_or_create(
            code=code, defaults={"name": name, "rules": changes(code, reports.get(code), decisions.get(code))}
        )


class Migration(migrations.Migration):
    dependencies = [
        ("documents", "0001_initial"),
        ("reports", "0004_stats_version"),
        ("awards", "0002_defaults"),
    ]
    operations = [migrations.RunPython(forward, migrations.RunPython.noop)]
