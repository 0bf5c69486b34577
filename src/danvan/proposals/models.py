"""The commendation track as the law has it (Luật Thi đua, khen thưởng 2022; NĐ 152/2025/NĐ-CP):
a unit's proposal (đề nghị khen thưởng) with its dossier, the deciding unit's council that votes on
each item over ALL its members, and the decision that awards the items that passed.
"""

import secrets

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from danvan.core.models import BaseModel
from danvan.movements.models import Gender


class Council(BaseModel):
    """Hội đồng Thi đua - Khen thưởng (or the steering committee acting as one) of a unit."""

    unit = models.ForeignKey("orgs.Unit", on_delete=models.PROTECT, related_name="councils", verbose_name=_("đơn vị"))
    name = models.CharField(_("tên hội đồng"), max_length=255)
    active = models.BooleanField(_("đang hoạt động"), default=True)

    class Meta:
        ordering = ["unit", "name", "pk"]
        verbose_name = _("hội đồng thi đua - khen thưởng")
        verbose_name_plural = _("hội đồng thi đua - khen thưởng")

    def __str__(self) -> str:
        return self.name


class CouncilMember(models.Model):
    council = models.ForeignKey(Council, on_delete=models.CASCADE, related_name="members")
    name = models.CharField(_("họ và tên"), max_length=255)
    position = models.CharField(_("chức vụ trong hội đồng"), max_length=255, blank=True)
    sort = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["council", "sort", "pk"]
        verbose_name = _("thành viên hội đồng")
        verbose_name_plural = _("thành viên hội đồng")

    def __str__(self) -> str:
        return self.name


class ProposalStatus(models.TextChoices):
    DRAFT = "draft", _("Đang lập hồ sơ")
    SUBMITTED = "submitted", _("Đã trình hội đồng")
    VOTED = "voted", _("Hội đồng đã bỏ phiếu")
    DECIDED = "decided", _("Đã có quyết định")


class DocumentCode(models.TextChoices):
    """The documents of a dossier (thành phần hồ sơ)."""

    TO_TRINH = "to_trinh", _("Tờ trình đề nghị khen thưởng (Mẫu 01)")
    BAO_CAO = "bao_cao_thanh_tich", _("Báo cáo thành tích")
    BIEN_BAN = "bien_ban", _("Biên bản họp xét khen thưởng")


class Proposal(BaseModel):
    """Đề nghị khen thưởng: from a unit to one of its superiors, for one award form."""

    unit = models.ForeignKey(
        "orgs.Unit", on_delete=models.PROTECT, related_name="proposals_sent", verbose_name=_("đơn vị đề nghị")
    )
    to_unit = models.ForeignKey(
        "orgs.Unit", on_delete=models.PROTECT, related_name="proposals_received", verbose_name=_("cấp quyết định")
    )
    award_form = models.ForeignKey(
        "awards.AwardForm", on_delete=models.PROTECT, related_name="proposals", verbose_name=_("hình thức")
    )
    rule = models.ForeignKey(
        "awards.AwardRule", on_delete=models.PROTECT, related_name="proposals", verbose_name=_("quy định áp dụng")
    )
    number = models.CharField(_("số tờ trình"), max_length=60, blank=True)
    date = models.DateField(_("ngày tờ trình"))
    status = models.CharField(
        _("trạng thái"), max_length=12, choices=ProposalStatus.choices, default=ProposalStatus.DRAFT
    )
    council = models.ForeignKey(
        Council, null=True, blank=True, on_delete=models.PROTECT, related_name="proposals", verbose_name=_("hội đồng")
    )
    members = models.PositiveSmallIntegerField(_("tổng số thành viên"), null=True, blank=True)
    present = models.PositiveSmallIntegerField(_("số thành viên có mặt"), null=True, blank=True)
    vote_date = models.DateField(_("ngày họp"), null=True, blank=True)
    decision = models.OneToOneField(
        "awards.Decision",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="from_proposal",
        verbose_name=_("quyết định"),
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["-date", "-pk"]
        verbose_name = _("đề nghị khen thưởng")
        verbose_name_plural = _("đề nghị khen thưởng")
        indexes = [models.Index(fields=["to_unit", "status"]), models.Index(fields=["unit", "date"])]

    def __str__(self) -> str:
        return self.number or f"#{self.pk}"


class ProposalItem(models.Model):
    """One recognised initiative or one named recipient, with the council's vote on it."""

    proposal = models.ForeignKey(Proposal, on_delete=models.CASCADE, related_name="items")
    sort = models.PositiveSmallIntegerField(default=0)
    initiative = models.ForeignKey(
        "initiatives.Initiative", null=True, blank=True, on_delete=models.PROTECT, related_name="proposal_items"
    )
    recipient_name = models.CharField(_("tên tập thể, cá nhân"), max_length=255)
    recipient_kind = models.CharField(_("loại"), max_length=16)
    recipient_gender = models.CharField(_("giới tính"), max_length=8, choices=Gender.choices, blank=True)
    women_share = models.PositiveSmallIntegerField(_("tỷ lệ nữ (%)"), null=True, blank=True)
    position = models.CharField(_("chức vụ"), max_length=255, blank=True)
    unit_name = models.CharField(_("đơn vị"), max_length=255, blank=True)
    achievement = models.CharField(_("thành tích"), max_length=500)
    agree = models.PositiveSmallIntegerField(_("đồng ý tại hội nghị"), null=True, blank=True)
    written_agree = models.PositiveSmallIntegerField(_("đồng ý bằng văn bản"), null=True, blank=True)
    passed = models.BooleanField(_("đạt"), null=True, blank=True)

    class Meta:
        ordering = ["proposal", "sort", "pk"]
        verbose_name = _("người, mô hình được đề nghị")
        verbose_name_plural = _("người, mô hình được đề nghị")

    def __str__(self) -> str:
        return self.recipient_name


def dossier_path(instance: "DossierFile", filename: str) -> str:
    return f"proposals/{instance.proposal_id}/{secrets.token_hex(8)}.{instance.extension}"


class DossierFile(BaseModel):
    """A signed scan of a dossier document, uploaded beside the generated Word file."""

    proposal = models.ForeignKey(Proposal, on_delete=models.CASCADE, related_name="files")
    code = models.CharField(_("văn bản"), max_length=32, choices=DocumentCode.choices)
    file = models.FileField(upload_to=dossier_path, max_length=255)
    extension = models.CharField(max_length=8)
    original_name = models.CharField(_("tên tệp"), max_length=255)
    size = models.PositiveIntegerField(default=0)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["proposal", "code", "-pk"]
        verbose_name = _("bản ký, đóng dấu")
        verbose_name_plural = _("bản ký, đóng dấu")

    def __str__(self) -> str:
        return self.original_name
