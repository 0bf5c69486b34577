"""Commendation decisions (quyết định khen thưởng), the awards they grant, the award forms of the
emulation and commendation law. (The layouts they are printed in are `danvan.documents`.)

Award forms are data an admin updates when the rules change (NĐ 98/2023 was replaced by
NĐ 152/2025/NĐ-CP).
"""

import math
import secrets
from fractions import Fraction
from typing import Any

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from danvan.core.models import AppendOnlyEvent, BaseModel
from danvan.core.text import fold, office_in_sentence
from danvan.movements.models import Gender

# Crockford's base32 without I, L, O, U: nothing to misread when typed from paper.
CODE_ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"
CODE_LENGTH = 10  # 50 random bits


def new_certificate_code() -> str:
    return "".join(secrets.choice(CODE_ALPHABET) for _ in range(CODE_LENGTH))


class AwardForm(models.Model):
    """Hình thức khen thưởng (Giấy khen, Bằng khen, Cờ thi đua, ...) and the levels that may issue it."""

    code = models.SlugField(_("mã"), max_length=50, unique=True)
    name = models.CharField(_("tên hình thức"), max_length=255)
    certificate_title = models.CharField(
        _("tiêu đề trên giấy chứng nhận"), max_length=100, help_text=_("Ví dụ: GIẤY KHEN, BẰNG KHEN.")
    )
    levels = models.JSONField(
        _("cấp được tặng"),
        default=list,
        help_text=_("Danh sách mã cấp được ban hành: commune, district, province, central."),
    )
    legal_basis = models.CharField(_("căn cứ pháp lý"), max_length=500, blank=True)
    sort = models.PositiveSmallIntegerField(default=100)
    active = models.BooleanField(_("đang dùng"), default=True)

    class Meta:
        ordering = ["sort", "code"]
        verbose_name = _("hình thức khen thưởng")
        verbose_name_plural = _("hình thức khen thưởng")

    def __str__(self) -> str:
        return self.name


class AwardRule(models.Model):
    """What the law asks of an award form over a period: who issues it, the council's vote threshold
    (a fraction of ALL members), the dossier, the legal bases a decision cites, and whether it is a
    thematic award (NĐ 152/2025 Điều 4 k.3: it does not count toward merit titles).

    Rules are dated: NĐ 98/2023/NĐ-CP until 30/06/2025, NĐ 152/2025/NĐ-CP from 01/07/2025. `article`
    names the provision the rule applies, so an admin who edits it knows what to check.
    """

    award_form = models.ForeignKey(
        AwardForm, on_delete=models.CASCADE, related_name="rules", verbose_name=_("hình thức khen thưởng")
    )
    valid_from = models.DateField(_("áp dụng từ ngày"))
    valid_to = models.DateField(_("áp dụng đến ngày"), null=True, blank=True)
    issuer_level = models.CharField(_("cấp quyết định"), max_length=16)
    vote_threshold = models.DecimalField(
        _("tỷ lệ phiếu đồng ý"),
        max_digits=4,
        decimal_places=3,
        help_text=_("Phần của TỔNG SỐ thành viên hội đồng (kể cả vắng mặt), ví dụ 0,9."),
    )
    quorum = models.DecimalField(
        _("số thành viên dự họp tối thiểu"),
        max_digits=4,
        decimal_places=3,
        null=True,
        blank=True,
        help_text=_(
            "Phần của TỔNG SỐ thành viên hội đồng phải có mặt, ví dụ 0,667. Để trống: quá nửa tổng số thành viên."
        ),
    )
    quorum_article = models.CharField(_("căn cứ số thành viên dự họp"), max_length=500, blank=True)
    vote_threshold_article = models.CharField(_("căn cứ tỷ lệ phiếu"), max_length=500, blank=True)
    dossier = models.JSONField(
        _("hồ sơ bắt buộc"), default=list, help_text=_("Mã văn bản: to_trinh, bao_cao_thanh_tich, bien_ban.")
    )
    legal_bases = models.TextField(_("căn cứ pháp lý"), help_text=_("Mỗi dòng một căn cứ: “Căn cứ ...”."))
    thematic = models.BooleanField(_("khen thưởng theo chuyên đề"), default=False)
    article = models.CharField(_("điều khoản áp dụng"), max_length=255)

    class Meta:
        ordering = ["award_form", "-valid_from"]
        verbose_name = _("quy định khen thưởng")
        verbose_name_plural = _("quy định khen thưởng")
        constraints = [
            models.UniqueConstraint(fields=["award_form", "valid_from"], name="award_rule_one_per_start"),
            models.CheckConstraint(
                condition=models.Q(vote_threshold__gt=0, vote_threshold__lte=1), name="award_rule_threshold_fraction"
            ),
            models.CheckConstraint(
                condition=models.Q(quorum__isnull=True) | models.Q(quorum__gt=0, quorum__lte=1),
                name="award_rule_quorum_fraction",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.award_form} ({self.article})"

    @property
    def threshold_basis(self) -> str:
        """What the biên bản cites for the vote threshold: its own basis, else the rule's article."""
        return self.vote_threshold_article or self.article

    def min_present(self, members: int) -> int:
        """The fewest members present for the council's meeting to vote: the rule's quorum (a fraction of
        ALL members, rounded up), or, when the rule names none, more than half of all members."""
        if self.quorum is None:
            return members // 2 + 1
        return math.ceil(Fraction(self.quorum) * members)


class DecisionStatus(models.TextChoices):
    DRAFT = "draft", _("Dự thảo")
    ISSUED = "issued", _("Đã ban hành")


class NumberForm(models.TextChoices):
    STATE = "state", _("Chính quyền (2559/QĐ-UBND)")
    PARTY = "party", _("Đảng (15-QĐ/HU)")


class RecipientKind(models.TextChoices):
    COLLECTIVE = "collective", _("Tập thể")
    INDIVIDUAL = "individual", _("Cá nhân")


def decision_search_text(*, number: str, issuer: str, title: str) -> str:
    """What a decision is searched by: its number, issuing unit's name and title, folded (`core.text.fold`),
    so that words typed with or without diacritics are found by `search_text__contains` in the database."""
    return fold(" ".join(p for p in (number, issuer, title) if p))


def decisions_fill_search_text(decisions: models.QuerySet[Any], batch: int = 2000) -> int:
    """Write the search text of `decisions` (a queryset of Decision, or of its historical model in a
    migration) in batches by primary key: the existing rows (migration 0008) and those a backup made
    before the text was stored brings back (site.backup.restore). Returns the rows written."""
    written, last = 0, 0
    while True:
        rows = list(
            decisions.filter(pk__gt=last)
            .order_by("pk")
            .values_list("pk", "number", "issuer_unit__name", "title")[:batch]
        )
        if not rows:
            return written
        decisions.model.objects.bulk_update(
            [
                decisions.model(pk=pk, search_text=decision_search_text(number=number, issuer=issuer, title=title))
                for pk, number, issuer, title in rows
            ],
            ["search_text"],
            batch_size=500,
        )
        written += len(rows)
        last = rows[-1][0]


class Decision(BaseModel):
    """Quyết định khen thưởng: a draft while prepared, immutable once issued."""

    number = models.CharField(_("số, ký hiệu"), max_length=60)
    number_form = models.CharField(max_length=8, choices=NumberForm.choices, editable=False)
    date = models.DateField(_("ngày ký"))
    year = models.PositiveSmallIntegerField(editable=False, db_index=True)
    issuer_unit = models.ForeignKey(
        "orgs.Unit", on_delete=models.PROTECT, related_name="decisions", verbose_name=_("đơn vị ban hành")
    )
    issuer_body = models.CharField(
        _("tên cơ quan ban hành"), max_length=255, blank=True, help_text=_("Dòng đầu văn bản; mỗi dòng một cấp.")
    )
    authority = models.CharField(_("thẩm quyền ban hành"), max_length=255, blank=True)
    place = models.CharField(_("địa danh"), max_length=100, blank=True)
    signer_name = models.CharField(_("người ký"), max_length=255)
    signer_title = models.CharField(_("chức vụ người ký"), max_length=255)
    award_form = models.ForeignKey(
        AwardForm, on_delete=models.PROTECT, related_name="decisions", verbose_name=_("hình thức khen thưởng")
    )
    title = models.CharField(_("trích yếu"), max_length=500, blank=True)
    legal_bases = models.TextField(_("căn cứ"), blank=True, help_text=_("Mỗi dòng một căn cứ: “Căn cứ ...”."))
    proposal = models.CharField(
        _("theo đề nghị của"), max_length=500, blank=True, help_text=_("Ví dụ: Trưởng Ban Thi đua - Khen thưởng tỉnh")
    )
    citation = models.TextField(_("thành tích"), blank=True)
    status = models.CharField(
        _("trạng thái"), max_length=8, choices=DecisionStatus.choices, default=DecisionStatus.DRAFT
    )
    corrects = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="corrections",
        verbose_name=_("đính chính quyết định"),
    )
    revokes = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="revocations",
        verbose_name=_("hủy quyết định"),
    )
    revocation_reason = models.TextField(_("lý do hủy"), blank=True)
    # kept by the services that write number, issuing unit or title (decision_search_text)
    search_text = models.TextField(editable=False, blank=True, help_text="folded number, issuing unit, title")
    issued_at = models.DateTimeField(_("ban hành lúc"), null=True, blank=True)
    issued_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["-date", "-pk"]
        verbose_name = _("quyết định khen thưởng")
        verbose_name_plural = _("quyết định khen thưởng")
        constraints = [
            models.UniqueConstraint(fields=["issuer_unit", "year", "number"], name="decision_number_unique"),
        ]
        indexes = [models.Index(fields=["issuer_unit", "date"]), models.Index(fields=["date"])]

    def __str__(self) -> str:
        return self.number

    @property
    def issuer_office(self) -> str:
        """Who decided, named as the office that signs: "Chủ tịch Ủy ban nhân dân tỉnh Phú Thọ", "Ban
        Thường vụ Tỉnh ủy Phú Thọ" (from the authority line), for pages and sentences."""
        return office_in_sentence(self.authority, self.issuer_unit.name)

    @property
    def is_issued(self) -> bool:
        return self.status == DecisionStatus.ISSUED


class Award(BaseModel):
    """One recipient of a decision: a recognised initiative, or a collective or person named directly."""

    decision = models.ForeignKey(Decision, on_delete=models.CASCADE, related_name="awards")
    initiative = models.ForeignKey(
        "initiatives.Initiative",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="awards",
        verbose_name=_("mô hình, điển hình"),
    )
    recipient_name = models.CharField(_("tên tập thể, cá nhân"), max_length=255)
    recipient_kind = models.CharField(_("loại"), max_length=16, choices=RecipientKind.choices)
    recipient_gender = models.CharField(_("giới tính"), max_length=8, choices=Gender.choices, blank=True)
    women_share = models.PositiveSmallIntegerField(_("tỷ lệ nữ (%)"), null=True, blank=True)
    position = models.CharField(_("chức vụ"), max_length=255, blank=True)
    unit_name = models.CharField(_("đơn vị"), max_length=255, blank=True)
    achievement = models.CharField(_("thành tích"), max_length=500, blank=True)
    certificate_code = models.CharField(
        _("mã giấy chứng nhận"), max_length=16, unique=True, default=new_certificate_code, editable=False
    )
    sort = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["decision", "recipient_kind", "sort", "pk"]
        verbose_name = _("khen thưởng")
        verbose_name_plural = _("khen thưởng")
        constraints = [
            models.UniqueConstraint(
                fields=["decision", "initiative"],
                condition=models.Q(initiative__isnull=False),
                name="award_initiative_once_per_decision",
            ),
        ]

    def __str__(self) -> str:
        return self.recipient_name


class DecisionEvent(AppendOnlyEvent):
    """Append-only log of what happened to a decision: created, edited, issued."""

    decision = models.ForeignKey(Decision, on_delete=models.CASCADE, related_name="events")
    action = models.CharField(max_length=16)
    by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")

    class Meta:
        ordering = ["decision", "at", "pk"]
        verbose_name = _("nhật ký quyết định")
        verbose_name_plural = _("nhật ký quyết định")

    def __str__(self) -> str:
        return f"{self.decision_id} {self.action}"
