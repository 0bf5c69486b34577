"""Default award forms, loaded by a data migration; admins change them later.

Award forms follow the Law on Emulation and Commendation (Luật Thi đua, khen thưởng 2022) and
Nghị định 152/2025/NĐ-CP (in force 1 July 2025).
"""

from typing import Any

from django.utils.translation import gettext_noop

LAW = "Luật Thi đua, khen thưởng năm 2022; Nghị định số 152/2025/NĐ-CP"

AWARD_FORMS: list[dict[str, Any]] = [
    {
        "code": "giay_khen",
        "name": gettext_noop("Giấy khen"),
        "certificate_title": "GIẤY KHEN",
        "levels": ["commune", "district", "province"],
        "sort": 10,
    },
    {
        "code": "bang_khen",
        "name": gettext_noop("Bằng khen"),
        "certificate_title": "BẰNG KHEN",
        "levels": ["province", "central"],
        "sort": 20,
    },
    {
        "code": "co_thi_dua",
        "name": gettext_noop("Cờ thi đua"),
        "certificate_title": "CỜ THI ĐUA",
        "levels": ["province", "central"],
        "sort": 30,
    },
    {
        "code": "bang_khen_thu_tuong",
        "name": gettext_noop("Bằng khen của Thủ tướng Chính phủ"),
        "certificate_title": "BẰNG KHEN",
        "levels": ["central"],
        "sort": 40,
    },
    {
        "code": "co_thi_dua_chinh_phu",
        "name": gettext_noop("Cờ thi đua của Chính phủ"),
        "certificate_title": "CỜ THI ĐUA",
        "levels": ["central"],
        "sort": 50,
    },
    {
        "code": "huan_chuong_lao_dong",
        "name": gettext_noop("Huân chương Lao động"),
        "certificate_title": "HUÂN CHƯƠNG LAO ĐỘNG",
        "levels": ["central"],
        "sort": 60,
    },
]

# Forms added with the dated rules: thematic awards (khen thưởng theo chuyên đề), the usual form of a
# "Dân vận khéo" commendation.
THEMATIC_FORMS: list[dict[str, Any]] = [
    {
        "code": "giay_khen_chuyen_de",
        "name": gettext_noop("Giấy khen theo chuyên đề"),
        "certificate_title": "GIẤY KHEN",
        "levels": ["commune", "province"],
        "sort": 15,
    },
    {
        "code": "bang_khen_chuyen_de",
        "name": gettext_noop("Bằng khen theo chuyên đề"),
        "certificate_title": "BẰNG KHEN",
        "levels": ["province"],
        "sort": 25,
    },
]

DOSSIER = ["to_trinh", "bao_cao_thanh_tich", "bien_ban"]
ND98_END = "2025-06-30"
ND152_START = "2025-07-01"
LAW_2022 = "Căn cứ Luật Thi đua, khen thưởng ngày 15 tháng 6 năm 2022;"
ND98_BASES = "\n".join(
    [
        "Căn cứ Luật Tổ chức chính quyền địa phương ngày 19 tháng 6 năm 2015; "
        "Luật sửa đổi, bổ sung một số điều của Luật Tổ chức Chính phủ và Luật Tổ chức chính quyền địa phương "
        "ngày 22 tháng 11 năm 2019;",
        LAW_2022,
        "Căn cứ Nghị định số 98/2023/NĐ-CP ngày 31 tháng 12 năm 2023 của Chính phủ quy định chi tiết "
        "thi hành một số điều của Luật Thi đua, khen thưởng;",
    ]
)
ND152_BASES = "\n".join(
    [
        "Căn cứ Luật Tổ chức chính quyền địa phương năm 2025;",
        LAW_2022,
        "Căn cứ Nghị định số 152/2025/NĐ-CP của Chính phủ quy định chi tiết một số điều của Luật Thi đua, khen thưởng;",
    ]
)
ND98_VOTE = "NĐ 98/2023/NĐ-CP Điều 30 khoản 7 (tỷ lệ phiếu trên tổng số thành viên Hội đồng)"
ND152_VOTE = "NĐ 152/2025/NĐ-CP; quy chế Hội đồng Thi đua - Khen thưởng (tỷ lệ phiếu trên tổng số thành viên)"
# Neither decree, as recorded here, sets how many members must attend the council's meeting: without a
# quorum in the rule (or in the council's own quy chế, entered by an admin), more than half of all members.
ND98_QUORUM = (
    "NĐ 98/2023/NĐ-CP Điều 30 khoản 7 quy định tỷ lệ phiếu, không quy định số thành viên dự họp tối thiểu: "
    "họp khi có quá nửa tổng số thành viên Hội đồng, trừ khi quy chế của Hội đồng quy định khác"
)
ND152_QUORUM = (
    "NĐ 152/2025/NĐ-CP không quy định số thành viên dự họp tối thiểu: họp khi có quá nửa tổng số thành viên "
    "Hội đồng, trừ khi quy chế của Hội đồng quy định khác"
)
ND152_THEMATIC = "NĐ 152/2025/NĐ-CP Điều 4 khoản 3 (khen thưởng theo chuyên đề không làm căn cứ xét danh hiệu)"

# (form, issuer level, threshold, thematic): one rule before 1/7/2025 (NĐ 98/2023), one after (NĐ 152/2025).
RULE_FORMS: list[tuple[str, str, str, bool]] = [
    ("giay_khen", "commune", "0.900", False),
    ("giay_khen_chuyen_de", "commune", "0.900", True),
    ("bang_khen", "province", "0.900", False),
    ("bang_khen_chuyen_de", "province", "0.900", True),
    ("co_thi_dua", "province", "0.900", False),
    ("bang_khen_thu_tuong", "central", "0.900", False),
    ("co_thi_dua_chinh_phu", "central", "0.900", False),
    ("huan_chuong_lao_dong", "central", "0.900", False),
]


def rule_rows() -> list[dict[str, Any]]:
    rows: list[dict[str, Any]] = []
    for code, level, threshold, thematic in RULE_FORMS:
        rows.append(
            {
                "form": code,
                "valid_from": "2024-01-15",
                "valid_to": ND98_END,
                "issuer_level": level,
                "vote_threshold": threshold,
                "dossier": DOSSIER,
                "legal_bases": ND98_BASES,
                "thematic": thematic,
                "article": ND98_VOTE,
                "quorum_article": ND98_QUORUM,
                "vote_threshold_article": ND98_VOTE,
            }
        )
        rows.append(
            {
                "form": code,
                "valid_from": ND152_START,
                "valid_to": None,
                "issuer_level": level,
                "vote_threshold": threshold,
                "dossier": DOSSIER,
                "legal_bases": ND152_BASES,
                "thematic": thematic,
                "article": ND152_THEMATIC if thematic else ND152_VOTE,
                "quorum_article": ND152_QUORUM,
                "vote_threshold_article": ND152_VOTE,
            }
        )
    return rows


def load_defaults(apps: Any) -> None:
    """Create the default forms that are missing; never overwrite an admin's changes. (The document
    layouts are `danvan.documents.layouts`.)"""
    award_form = apps.get_model("awards", "AwardForm")
    for row in AWARD_FORMS:
        award_form.objects.get_or_create(code=row["code"], defaults={**row, "legal_basis": LAW})


def load_quorum_articles(apps: Any) -> None:
    """Name the quorum's basis on the shipped rules an admin has not given one."""
    award_rule = apps.get_model("awards", "AwardRule")
    for row in rule_rows():
        award_rule.objects.filter(
            award_form__code=row["form"], valid_from=row["valid_from"], quorum__isnull=True, quorum_article=""
        ).update(quorum_article=row["quorum_article"])


def load_threshold_articles(apps: Any) -> None:
    """Name the vote threshold's basis on the shipped rules an admin has not given one (a thematic rule's
    `article` is NĐ 152 Điều 4 k.3, which is not the threshold's basis)."""
    award_rule = apps.get_model("awards", "AwardRule")
    for row in rule_rows():
        award_rule.objects.filter(
            award_form__code=row["form"], valid_from=row["valid_from"], vote_threshold_article=""
        ).update(vote_threshold_article=row["vote_threshold_article"])


def load_rules(apps: Any) -> None:
    """The thematic forms and the dated rules of every form; an admin's edits are kept."""
    award_form = apps.get_model("awards", "AwardForm")
    award_rule = apps.get_model("awards", "AwardRule")
    for row in THEMATIC_FORMS:
        award_form.objects.get_or_create(code=row["code"], defaults={**row, "legal_basis": LAW})
    forms = {f.code: f for f in award_form.objects.all()}
    for row in rule_rows():
        values = dict(row)
        values.pop("quorum_article")  # a later column (migration 0006), named by load_quorum_articles
        values.pop("vote_threshold_article")  # a later column (migration 0007), load_threshold_articles
        form = forms.get(values.pop("form"))
        if form is None:
            continue
        award_rule.objects.get_or_create(award_form=form, valid_from=values.pop("valid_from"), defaults=values)
