"""The layout rules of Vietnamese administrative documents, as data: one model for every document
(report, decision and its annex, certificate, the dossier's documents).

Two layouts ship: `state` (Nghị định 30/2020/NĐ-CP, Phụ lục I) and `party` (Hướng dẫn 36-HD/VPTW).
Each names the text it follows, the date it applies from, and in `sources` the article or part of
the appendix behind each rule. An admin's change is stored in `documents.Layout.rules` and laid
over these defaults key by key (nested dictionaries merged), so only what changed is stored.

Placeholders in the issuers' texts: {unit_upper} the unit's name in capitals, {place_upper} its
name without the administrative word, {parent_upper} the parent's name in capitals, {place} and
{unit_name} (in a sentence) as written; in the kinds' texts also {unit} (capitals), {form}, and
{body} / {body_upper}: the issuer's `body`, the issuing body named in running text.
"""

import copy
import datetime
from dataclasses import dataclass
from typing import Any

from danvan.core.text import in_sentence, place_name

STATE: dict[str, Any] = {
    "name": "Cơ quan nhà nước (Nghị định 30/2020/NĐ-CP)",
    "basis": "Nghị định số 30/2020/NĐ-CP ngày 05/3/2020 của Chính phủ về công tác văn thư, Phụ lục I",
    "in_force": "2020-03-05",
    "sources": {
        "page": "Phụ lục I, Phần I, mục II.1 (khổ giấy A4, trình bày theo chiều dài)",
        "margins_mm": "Phụ lục I, Phần I, mục II.3 (lề trên, dưới 20–25 mm; trái 30–35 mm; phải 15–20 mm)",
        "font_name": "Phụ lục I, Phần I, mục II.4 (phông chữ Times New Roman)",
        "font_size": "Phụ lục I, Phần I, mục III.6 (nội dung cỡ 13–14)",
        "page_number_from": "Phụ lục I, Phần I, mục II.7 (số trang từ trang thứ hai, giữa lề trên)",
        "national_name": "Phụ lục I, Phần I, mục III.1 (Quốc hiệu: in hoa, cỡ 12–13, đứng, đậm, trên một dòng)",
        "motto": "Phụ lục I, Phần I, mục III.1 (Tiêu ngữ: cỡ 13–14, đứng, đậm; đường kẻ ngang nét liền bên dưới, "
        "dài bằng dòng chữ)",
        "issuers": "Phụ lục I, Phần I, mục III.2 (tên cơ quan chủ quản không đậm, tên cơ quan ban hành đậm, "
        "cỡ 12–13; đường kẻ dưới dài 1/3–1/2 dòng chữ)",
        "number_prefix": "Phụ lục I, Phần I, mục III.3 (“Số:”, cỡ 13)",
        "place_date": "Phụ lục I, Phần I, mục III.4 (địa danh của cơ quan ban hành; nghiêng, cỡ 13–14; ngày dưới 10 "
        "và tháng 1, 2 thêm số 0)",
        "signature": "Phụ lục I, Phần I, mục III.7 (chức vụ người ký in hoa, đậm; họ tên đậm)",
        "recipients_heading": "Phụ lục I, Phần I, mục III.9 (“Nơi nhận:” cỡ 12, nghiêng, đậm; danh sách cỡ 11)",
        "annex": "Phụ lục I, Phần I, mục III.10 (phụ lục: “Kèm theo ... số ... ngày ...”)",
        "draft_mark": "Tập quán văn thư: dự thảo ghi “DỰ THẢO” trên mọi trang để không lẫn với bản ban hành",
    },
    "page": {"width_mm": 210, "height_mm": 297},
    "margins_mm": {"top": 20, "bottom": 20, "left": 30, "right": 15},
    "font_name": "Times New Roman",
    "pdf_font": "Liberation Serif",  # metric-compatible with Times New Roman, installed with the system
    "font_size": 14,
    "small_font_size": 12,
    "header_size": 13,
    # Unequal columns: the national name at 12 pt (88 mm) fits the wider one on one line.
    "header_widths_mm": [62, 103],
    "national_name_size": 12,
    "motto_size": 13,
    "place_date_size": 14,
    "signature_widths_mm": [75, 90],
    "signature_room_mm": 22,  # room to sign and stamp between the title and the name
    "certificate_sign_room_mm": 30,
    "national_name": "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
    "motto": "Độc lập - Tự do - Hạnh phúc",
    "motto_rule": True,  # a line beneath the motto as long as it (a border, not an underline)
    "issuer_star": False,
    "number_prefix": "Số: ",
    "number_format": "{number}/{kind}-{abbr}",
    "recipients_heading": "Nơi nhận:",
    "page_number_from": 2,
    "draft_mark": "DỰ THẢO",
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
    "kinds": {
        "report": {
            "code": "BC",
            "title": "BÁO CÁO",
            "subject": "Kết quả thực hiện phong trào thi đua “Dân vận khéo” {period}",
            "recipients": [
                "Như trên;",
                "Ban Chỉ đạo phong trào thi đua “Dân vận khéo” cấp trên (để báo cáo);",
                "Lưu: VT.",
            ],
        },
        "decision": {
            "code": "QĐ",
            "authority_template": "CHỦ TỊCH ỦY BAN NHÂN DÂN {unit}",
            "annex_of_template": "Chủ tịch Ủy ban nhân dân {unit_name}",
            "title_template": (
                "Về việc tặng {form} cho các tập thể, cá nhân có thành tích xuất sắc trong phong trào thi đua "
                "“Dân vận khéo”"
            ),
            "citation": "đã có thành tích xuất sắc trong phong trào thi đua “Dân vận khéo”",
            "article2": "Quyết định này có hiệu lực kể từ ngày ký.",
            "article3": (
                "Chánh Văn phòng, Trưởng ban Thi đua - Khen thưởng, thủ trưởng các cơ quan, đơn vị có liên quan "
                "và các tập thể, cá nhân có tên tại Điều 1 chịu trách nhiệm thi hành Quyết định này."
            ),
            "recipients": ["Như Điều 3;", "Lưu: VT."],
        },
        # The dossier of a proposal for commendation (Nghị định 152/2025/NĐ-CP): their texts come from
        # the commendation app; the kind gives the abbreviation of the number line (Phụ lục III of NĐ 30).
        "proposal": {"code": "TTr", "title": "TỜ TRÌNH"},
        "achievement_report": {"code": "BC", "title": "BÁO CÁO THÀNH TÍCH"},
        "minutes": {"code": "BB", "title": "BIÊN BẢN"},
    },
}

PARTY: dict[str, Any] = copy.deepcopy(STATE)
PARTY.update(
    {
        "name": "Cơ quan Đảng (Hướng dẫn 36-HD/VPTW)",
        "basis": "Hướng dẫn số 36-HD/VPTW ngày 03/4/2018 của Văn phòng Trung ương Đảng về thể thức và kỹ thuật "
        "trình bày văn bản của Đảng",
        "in_force": "2018-04-03",
        "sources": {
            "page": "Hướng dẫn 36-HD/VPTW, kỹ thuật trình bày: khổ giấy A4",
            "margins_mm": "Hướng dẫn 36-HD/VPTW, kỹ thuật trình bày: lề trên, dưới 20–25 mm; trái 30–35 mm; "
            "phải 15–20 mm",
            "font_name": "Hướng dẫn 36-HD/VPTW, kỹ thuật trình bày: phông chữ Times New Roman",
            "national_name": "Hướng dẫn 36-HD/VPTW, thể thức: tiêu đề “ĐẢNG CỘNG SẢN VIỆT NAM” in hoa, đứng, đậm, "
            "có đường kẻ dưới",
            "issuers": "Hướng dẫn 36-HD/VPTW, thể thức: tên cấp ủy cấp trên trực tiếp in thường, tên cơ quan ban "
            "hành in đậm, dấu sao (*) bên dưới",
            "number_prefix": "Hướng dẫn 36-HD/VPTW, thể thức: “Số 12-QĐ/ĐU” (không có dấu hai chấm)",
            "place_date": "Hướng dẫn 36-HD/VPTW, thể thức: địa điểm, ngày tháng năm nghiêng, trên một dòng",
            "page_number_from": "Hướng dẫn 36-HD/VPTW, kỹ thuật trình bày: số trang từ trang thứ hai",
            "draft_mark": "Tập quán văn thư: dự thảo ghi “DỰ THẢO” trên mọi trang",
        },
        "national_name": "ĐẢNG CỘNG SẢN VIỆT NAM",
        "national_name_size": 15,
        "header_widths_mm": [68, 97],
        "motto": "",
        "motto_rule": False,
        "issuer_star": True,
        "number_prefix": "Số ",
        "number_format": "{number}-{kind}/{abbr}",
        "issuers": {
            "central": {
                "superior": "",
                "issuer": "BAN CHẤP HÀNH TRUNG ƯƠNG",
                "abbr": "TW",
                "signer": "T/M BAN CHẤP HÀNH TRUNG ƯƠNG",
                "body": "Ban Chấp hành Trung ương",
            },
            # `body`: the issuing body in running text, the same body as the header and the signer's
            # "T/M": the decision's authority line ("BAN THƯỜNG VỤ TỈNH ỦY HÒA BÌNH") and its annex
            # ("Kèm theo Quyết định số ... của Ban Thường vụ Tỉnh ủy Hòa Bình").
            "province": {
                "superior": "ĐẢNG BỘ {unit_upper}",
                "issuer": "BAN THƯỜNG VỤ TỈNH ỦY",
                "abbr": "TU",
                "signer": "T/M BAN THƯỜNG VỤ\nBÍ THƯ",
                "body": "Ban Thường vụ Tỉnh ủy {place}",
            },
            # a centrally governed city: its Party committee is the Thành ủy (Hướng dẫn 36-HD/VPTW's
            # examples: "THÀNH ỦY HÀ NỘI", "20-CT/ThU"); chosen for a province-level unit named "Thành phố …"
            "province_city": {
                "superior": "ĐẢNG BỘ {unit_upper}",
                "issuer": "BAN THƯỜNG VỤ THÀNH ỦY",
                "abbr": "ThU",
                "signer": "T/M BAN THƯỜNG VỤ\nBÍ THƯ",
                "body": "Ban Thường vụ Thành ủy {place}",
            },
            "district": {
                "superior": "ĐẢNG BỘ {parent_upper}",
                "issuer": "HUYỆN ỦY {place_upper}",
                "abbr": "HU",
                "signer": "T/M HUYỆN ỦY\nBÍ THƯ",
                "body": "Huyện ủy {place}",
            },
            "commune": {
                "superior": "ĐẢNG BỘ {parent_upper}",
                "issuer": "ĐẢNG ỦY {unit_upper}",
                "abbr": "ĐU",
                "signer": "T/M ĐẢNG ỦY\nBÍ THƯ",
                "body": "Đảng ủy {unit_name}",
            },
            "other": {
                "superior": "{parent_upper}",
                "issuer": "{unit_upper}",
                "abbr": "",
                "signer": "T/M CẤP ỦY",
                "body": "{unit_name}",
            },
        },
    }
)
PARTY["kinds"]["report"]["recipients"] = [
    "Ban Thường vụ cấp trên (để báo cáo),",
    "Các đồng chí cấp ủy viên,",
    "Lưu Văn phòng.",
]
PARTY["kinds"]["decision"].update(
    {
        # Hướng dẫn 36-HD/VPTW: the authority is the issuing body of the header (per level, `body`).
        "authority_template": "{body_upper}",
        "annex_of_template": "{body}",
        "article3": (
            "Văn phòng, các ban, đơn vị có liên quan và các tập thể, cá nhân có tên tại Điều 1 căn cứ Quyết định "
            "thi hành."
        ),
        "recipients": ["Như Điều 3,", "Lưu Văn phòng."],
    }
)

DEFAULTS: dict[str, dict[str, Any]] = {"state": STATE, "party": PARTY}


@dataclass
class Layout:
    """The rules a document is laid out by: the shipped defaults with an admin's changes over them."""

    code: str
    rules: dict[str, Any]

    def __getitem__(self, key: str) -> Any:
        return self.rules[key]

    def get(self, key: str, default: Any = None) -> Any:
        return self.rules.get(key, default)

    def kind(self, kind: str) -> dict[str, Any]:
        """The texts of one kind of document (report, decision ...)."""
        return dict(self.rules["kinds"].get(kind, {}))

    @property
    def in_force(self) -> datetime.date:
        return datetime.date.fromisoformat(self.rules["in_force"])

    def number_line(self, number: str, *, kind: str = "", abbr: str = "") -> str:
        """ "Số: 12/BC-UBND" (state) or "Số 12-BC/TU" (Party); a number already written in full
        ("2559/QĐ-UBND") is kept; an empty number leaves room to write it by hand."""
        prefix = self.rules["number_prefix"]
        if number and ("/" in number or "-" in number):
            return f"{prefix}{number}"
        code = self.kind(kind).get("code", "") if kind else ""
        text = self.rules["number_format"].format(number=number or "\u00a0" * 6, kind=code, abbr=abbr)
        return (prefix + text).rstrip("-/")

    def issuer(self, level: str, *, unit_name: str, parent_name: str = "") -> dict[str, str]:
        """The issuer's lines (superior, issuer), abbreviation, signer title and body in running text
        (empty where the layout names none) for a unit of `level`."""
        issuers = self.rules["issuers"]
        city = unit_name.startswith("Thành phố ") and issuers.get(f"{level}_city")  # a layout may name a city's own
        entry = city or issuers.get(level) or issuers["other"]
        values = {
            "unit_upper": unit_name.upper(),
            "place_upper": place_name(unit_name).upper(),
            "parent_upper": parent_name.upper(),
            "place": place_name(unit_name),
            "unit_name": in_sentence(unit_name),
        }
        keys = ("superior", "issuer", "abbr", "signer", "body")
        return {key: str(entry.get(key, "")).format(**values) for key in keys}


def merged(base: dict[str, Any], changes: dict[str, Any]) -> dict[str, Any]:
    """`changes` laid over `base`, nested dictionaries merged key by key."""
    out = copy.deepcopy(base)
    for key, value in changes.items():
        if isinstance(value, dict) and isinstance(out.get(key), dict):
            out[key] = merged(out[key], value)
        else:
            out[key] = copy.deepcopy(value)
    return out


def load_layout(code: str) -> Layout:
    """The layout `code` ("state" or "party"): the shipped rules with an admin's changes (one query)."""
    from danvan.documents.models import Layout as Stored

    base = DEFAULTS.get(code, STATE)
    stored = Stored.objects.filter(code=code).values_list("rules", flat=True).first()
    rules = merged(base, stored) if isinstance(stored, dict) else copy.deepcopy(base)
    return Layout(code=code if code in DEFAULTS else "state", rules=rules)


def load_defaults(apps: Any) -> None:
    """One row per shipped layout for an admin to change (its rules empty: every default applies)."""
    stored = apps.get_model("documents", "Layout")
    for code, rules in DEFAULTS.items():
        stored.objects.get_or_create(code=code, defaults={"name": rules["name"], "rules": {}})
