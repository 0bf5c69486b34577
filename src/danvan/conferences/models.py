"""Review conferences (hội nghị sơ kết, tổng kết, trao đổi kinh nghiệm, tuyên dương khen thưởng)
and the short news item a unit's portal publishes after one."""

import secrets

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from danvan.core.models import AppendOnlyEvent, BaseModel
from danvan.core.periods import Period


class ConferenceKind(models.TextChoices):
    SIX_MONTH = "six_month", _("Sơ kết 6 tháng")
    ANNUAL = "annual", _("Sơ kết, tổng kết năm")
    PHASE = "phase", _("Sơ kết, tổng kết giai đoạn")
    EXCHANGE = "exchange", _("Trao đổi kinh nghiệm, nhân rộng mô hình")
    CEREMONY = "ceremony", _("Lễ tuyên dương, khen thưởng")


class Conference(BaseModel):
    kind = models.CharField(_("loại hội nghị"), max_length=16, choices=ConferenceKind.choices)
    title = models.CharField(_("tên hội nghị"), max_length=500)
    host_unit = models.ForeignKey(
        "orgs.Unit", on_delete=models.PROTECT, related_name="conferences_hosted", verbose_name=_("đơn vị tổ chức")
    )
    date = models.DateField(_("ngày tổ chức"))
    place = models.CharField(_("địa điểm"), max_length=255)
    chair_name = models.CharField(_("người chủ trì"), max_length=255)
    chair_position = models.CharField(_("chức vụ người chủ trì"), max_length=255, blank=True)
    scope_unit = models.ForeignKey(
        "orgs.Unit",
        on_delete=models.PROTECT,
        related_name="conferences_reviewing",
        verbose_name=_("phạm vi sơ kết, tổng kết"),
    )
    year_from = models.PositiveSmallIntegerField(_("từ năm"))
    year_to = models.PositiveSmallIntegerField(_("đến năm"))
    # The period reviewed runs from the first day of month_from of year_from to the last day of month_to
    # of year_to: "sơ kết 6 tháng đầu năm 2026" is 2026, months 1 to 6.
    month_from = models.PositiveSmallIntegerField(_("từ tháng"), default=1)
    month_to = models.PositiveSmallIntegerField(_("đến tháng"), default=12)
    decisions = models.ManyToManyField(
        "awards.Decision", blank=True, related_name="conferences", verbose_name=_("quyết định công bố")
    )
    initiatives = models.ManyToManyField(
        "initiatives.Initiative",
        blank=True,
        related_name="conferences",
        verbose_name=_("mô hình, điển hình biểu dương"),
    )
    report_reference = models.CharField(
        _("báo cáo sử dụng"), max_length=500, blank=True, help_text=_("Ví dụ: Báo cáo số 125-BC/ĐU ngày 10/12/2025.")
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["-date", "-pk"]
        verbose_name = _("hội nghị")
        verbose_name_plural = _("hội nghị")
        indexes = [models.Index(fields=["host_unit", "date"])]

    def __str__(self) -> str:
        return self.title

    @property
    def period(self) -> Period:
        return Period(self.year_from, self.year_to, month_from=self.month_from, month_to=self.month_to)


class Attendee(models.Model):
    conference = models.ForeignKey(Conference, on_delete=models.CASCADE, related_name="attendees")
    name = models.CharField(_("họ và tên"), max_length=255)
    position = models.CharField(_("chức vụ"), max_length=255, blank=True)
    sort = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["conference", "sort", "pk"]
        verbose_name = _("đại biểu")
        verbose_name_plural = _("đại biểu")

    def __str__(self) -> str:
        return self.name


class NewsStatus(models.TextChoices):
    DRAFT = "draft", _("Bản nháp")
    PUBLISHED = "published", _("Đã đăng")


def new_news_key() -> str:
    return secrets.token_urlsafe(9)


class ConferenceNews(BaseModel):
    """Tin bài: drafted from the conference record, edited by a person, then published."""

    conference = models.OneToOneField(Conference, on_delete=models.CASCADE, related_name="news")
    title = models.CharField(_("tiêu đề"), max_length=500)
    body = models.TextField(_("nội dung"))
    status = models.CharField(_("trạng thái"), max_length=12, choices=NewsStatus.choices, default=NewsStatus.DRAFT)
    public_key = models.CharField(max_length=16, unique=True, default=new_news_key, editable=False)
    published_at = models.DateTimeField(_("đăng lúc"), null=True, blank=True, db_index=True)
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["-published_at", "-pk"]
        verbose_name = _("tin hội nghị")
        verbose_name_plural = _("tin hội nghị")

    def __str__(self) -> str:
        return self.title

    @property
    def is_published(self) -> bool:
        return self.status == NewsStatus.PUBLISHED


class NewsEvent(AppendOnlyEvent):
    """A news item published: who, when (append-only)."""

    class Action(models.TextChoices):
        PUBLISH = "publish", _("Đăng tin")

    news = models.ForeignKey(ConferenceNews, on_delete=models.PROTECT, related_name="events")
    action = models.CharField(max_length=16, choices=Action.choices)
    by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")

    class Meta:
        ordering = ["news", "at", "pk"]
        verbose_name = _("nhật ký tin bài")
        verbose_name_plural = _("nhật ký tin bài")

    def __str__(self) -> str:
        return f"{self.news_id} {self.action}"
