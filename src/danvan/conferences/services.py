"""Every write to a conference and its news item."""

import datetime
from collections.abc import Sequence
from dataclasses import dataclass, field

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from danvan.awards.access import access_ticked_decisions, decisions_visible_to
from danvan.awards.models import Decision, DecisionStatus
from danvan.conferences.access import initiatives_to_link, may_edit, may_publish
from danvan.conferences.events import news_published_event
from danvan.conferences.models import Attendee, Conference, ConferenceKind, ConferenceNews, NewsStatus
from danvan.conferences.news import draft_news
from danvan.conferences.selectors import conference_figures
from danvan.core.actors import Actor
from danvan.core.periods import Period
from danvan.core.text import nfc
from danvan.initiatives.access import access_ticked, initiatives_visible_to
from danvan.initiatives.models import Initiative
from danvan.orgs.models import Unit

MIN_YEAR = 2010
MAX_ATTENDEES = 500


@dataclass
class ConferenceData:
    kind: str
    title: str
    host_unit: Unit | None
    date: datetime.date | None
    place: str
    chair_name: str
    year_from: int | None
    year_to: int | None
    scope_unit: Unit | None = None
    chair_position: str = ""
    attendees: Sequence[tuple[str, str]] = field(default_factory=list)
    decisions: Sequence[int] = field(default_factory=list)
    initiatives: Sequence[int] = field(default_factory=list)
    report_reference: str = ""
    month_from: int = 1  # of year_from
    month_to: int = 12  # of year_to


def kind_period_mismatch(kind: str, period: Period) -> str:
    """The one rule of a conference's kind against the period it reviews, as a Vietnamese refusal that
    says what to choose ("" when they agree): a six-month review covers the first or the last six
    months of one year, a year's review one whole year, a phase's review several whole years; an
    exchange of experience or a ceremony may review any span."""
    label = ConferenceKind(kind).label if kind in ConferenceKind.values else kind
    if kind == ConferenceKind.SIX_MONTH and not period.half_year:
        return _(
            "Hội nghị “%(kind)s” xem xét nửa năm, nhưng kỳ đã chọn là %(period)s. Hãy chọn cùng một năm, từ "
            "tháng 1 đến tháng 6 (6 tháng đầu năm) hoặc từ tháng 7 đến tháng 12 (6 tháng cuối năm); nếu xem xét "
            "cả năm, hãy chọn loại “%(annual)s”."
        ) % {"kind": label, "period": period.label(), "annual": ConferenceKind.ANNUAL.label}
    if kind == ConferenceKind.ANNUAL and not (period.whole_years and period.years == 1):
        return _(
            "Hội nghị “%(kind)s” xem xét trọn một năm, nhưng kỳ đã chọn là %(period)s. Hãy chọn cùng một năm, từ "
            "tháng 1 đến tháng 12; nếu xem xét nửa năm, hãy chọn loại “%(six)s”, nhiều năm thì “%(phase)s”."
        ) % {
            "kind": label,
            "period": period.label(),
            "six": ConferenceKind.SIX_MONTH.label,
            "phase": ConferenceKind.PHASE.label,
        }
    if kind == ConferenceKind.PHASE and not (period.whole_years and period.years > 1):
        return _(
            "Hội nghị “%(kind)s” xem xét nhiều năm trọn vẹn, nhưng kỳ đã chọn là %(period)s. Hãy chọn năm bắt "
            "đầu và năm kết thúc của giai đoạn (ví dụ 2021 đến 2025), từ tháng 1 đến tháng 12; nếu chỉ một năm, "
            "hãy chọn loại “%(annual)s”."
        ) % {"kind": label, "period": period.label(), "annual": ConferenceKind.ANNUAL.label}
    return ""


def _validate(
    by: Actor, data: ConferenceData, conference: Conference | None = None
) -> tuple[list[Decision], list[Initiative]]:
    errors: dict[str, list[str]] = {}
    if data.host_unit is None:
        errors["host_unit"] = [_("Hãy chọn đơn vị tổ chức hội nghị.")]
    elif not may_edit(by, data.host_unit):
        raise PermissionDenied(_("Bạn chỉ ghi nhận được hội nghị của đơn vị trong phạm vi của mình."))
    scope = data.scope_unit or data.host_unit
    if data.host_unit is not None and scope is not None and not scope.path.startswith(data.host_unit.path):
        errors["scope_unit"] = [_("Phạm vi sơ kết, tổng kết phải là đơn vị tổ chức hoặc một đơn vị trực thuộc.")]
    if data.kind not in ConferenceKind.values:
        errors["kind"] = [_("Hãy chọn loại hội nghị.")]
    for name, message in (
        ("title", _("Hãy nhập tên hội nghị.")),
        ("place", _("Hãy nhập địa điểm tổ chức.")),
        ("chair_name", _("Hãy nhập họ tên người chủ trì.")),
    ):
        if not nfc(getattr(data, name)):
            errors[name] = [message]
    if data.date is None:
        errors["date"] = [_("Hãy nhập ngày tổ chức (dd/mm/yyyy).")]
    this_year = timezone.localdate().year
    if not data.year_from or not data.year_to or not (MIN_YEAR <= data.year_from <= data.year_to <= this_year + 1):
        errors["year_to"] = [
            _("Kỳ sơ kết, tổng kết phải từ năm %(min)s đến %(max)s, năm bắt đầu không sau năm kết thúc.")
            % {"min": MIN_YEAR, "max": this_year + 1}
        ]
    elif not (1 <= data.month_from <= 12 and 1 <= data.month_to <= 12) or (data.year_from, data.month_from) > (
        data.year_to,
        data.month_to,
    ):
        errors["month_to"] = [_("Tháng là số từ 1 đến 12; kỳ phải bắt đầu trước khi kết thúc.")]
    elif "kind" not in errors:
        period = Period(data.year_from, data.year_to, month_from=data.month_from, month_to=data.month_to)
        if mismatch := kind_period_mismatch(data.kind, period):
            errors["kind"] = [mismatch]
    if len(data.attendees) > MAX_ATTENDEES:
        errors["attendees"] = [_("Tối đa %(n)s đại biểu.") % {"n": MAX_ATTENDEES}]
    decisions = access_ticked_decisions(
        offered=decisions_visible_to(by).filter(status=DecisionStatus.ISSUED), ids=data.decisions
    )
    if len(decisions) != len(set(data.decisions)):
        errors["decisions"] = [
            _("Có quyết định không tìm thấy hoặc chưa ban hành; chỉ công bố quyết định đã ban hành.")
        ]
    # a model ticked is read only among those `by` may link: recognised ones, or ones this conference linked
    initiatives = access_ticked(offered=initiatives_to_link(by, conference), ids=data.initiatives)
    if len(initiatives) != len(set(data.initiatives)):
        errors["initiatives"] = [_("Chỉ biểu dương được mô hình, điển hình đã công nhận trong phạm vi của bạn.")]
    if errors:
        raise ValidationError(errors)
    return decisions, initiatives


def _assign(conference: Conference, data: ConferenceData) -> None:
    assert data.host_unit is not None and data.date is not None
    assert data.year_from is not None and data.year_to is not None
    conference.kind = data.kind
    conference.title = nfc(data.title)
    conference.host_unit = data.host_unit
    conference.scope_unit = data.scope_unit or data.host_unit
    conference.date = data.date
    conference.place = nfc(data.place)
    conference.chair_name = nfc(data.chair_name)
    conference.chair_position = nfc(data.chair_position)
    conference.year_from = data.year_from
    conference.year_to = data.year_to
    conference.month_from = data.month_from
    conference.month_to = data.month_to
    conference.report_reference = nfc(data.report_reference)


def _write_relations(
    conference: Conference, data: ConferenceData, decisions: list[Decision], initiatives: list[Initiative]
) -> None:
    conference.attendees.all().delete()
    Attendee.objects.bulk_create(
        Attendee(conference=conference, name=nfc(name)[:255], position=nfc(position)[:255], sort=index)
        for index, (name, position) in enumerate(data.attendees, start=1)
        if nfc(name)
    )
    conference.decisions.set(decisions)
    conference.initiatives.set(initiatives)


@transaction.atomic
def conference_create(*, by: Actor, data: ConferenceData) -> Conference:
    decisions, initiatives = _validate(by, data)
    conference = Conference(created_by=by if getattr(by, "pk", None) else None)
    _assign(conference, data)
    conference.save()
    _write_relations(conference, data, decisions, initiatives)
    return conference


@transaction.atomic
def conference_update(*, by: Actor, conference: Conference, data: ConferenceData) -> Conference:
    conference = Conference.objects.select_for_update().select_related("host_unit").get(pk=conference.pk)
    if not may_edit(by, conference.host_unit):
        raise PermissionDenied(_("Bạn không có quyền sửa hội nghị này."))
    decisions, initiatives = _validate(by, data, conference)
    # A decision or a model linked by someone who sees more stays linked: `by` was never offered it, so could
    # not untick it. The ones `by` sees are set from what they ticked.
    unseen = list(conference.decisions.exclude(pk__in=decisions_visible_to(by).values("pk")))
    unseen_initiatives = list(conference.initiatives.exclude(pk__in=initiatives_visible_to(by).values("pk")))
    _assign(conference, data)
    conference.save(
        update_fields=[
            "kind",
            "title",
            "host_unit",
            "scope_unit",
            "date",
            "place",
            "chair_name",
            "chair_position",
            "year_from",
            "year_to",
            "month_from",
            "month_to",
            "report_reference",
            "updated_at",
        ]
    )
    _write_relations(conference, data, [*decisions, *unseen], [*initiatives, *unseen_initiatives])
    return conference


def _refuse_if_published(news: ConferenceNews) -> None:
    if news.is_published:
        raise ValidationError(_("Tin đã đăng không sửa được nữa."))


def news_text(conference: Conference) -> tuple[str, str]:
    """The news written from the conference record as it is now (title, body); nothing is stored."""
    attendees = list(conference.attendees.values_list("name", "position"))
    title, body = draft_news(conference, conference_figures(conference), attendees)
    return title[:500], body


@transaction.atomic
def news_draft(*, by: Actor, conference: Conference) -> ConferenceNews:
    """Write (or rewrite) the news draft from the conference record as it is now."""
    if not may_edit(by, conference.host_unit):
        raise PermissionDenied(_("Bạn không có quyền soạn tin cho hội nghị này."))
    news = ConferenceNews.objects.select_for_update().filter(conference=conference).first()
    if news is not None:
        _refuse_if_published(news)
    title, body = news_text(conference)
    if news is None:
        return ConferenceNews.objects.create(conference=conference, title=title, body=body)
    news.title, news.body = title, body
    news.save(update_fields=["title", "body", "updated_at"])
    return news


@transaction.atomic
def news_update(*, by: Actor, news: ConferenceNews, title: str, body: str) -> ConferenceNews:
    news = ConferenceNews.objects.select_for_update().select_related("conference__host_unit").get(pk=news.pk)
    if not may_edit(by, news.conference.host_unit):
        raise PermissionDenied(_("Bạn không có quyền sửa tin của hội nghị này."))
    _refuse_if_published(news)
    errors: dict[str, list[str]] = {}
    if not nfc(title):
        errors["title"] = [_("Hãy nhập tiêu đề tin.")]
    if not nfc(body):
        errors["body"] = [_("Hãy nhập nội dung tin.")]
    if errors:
        raise ValidationError(errors)
    news.title, news.body = nfc(title)[:500], nfc(body)
    news.save(update_fields=["title", "body", "updated_at"])
    return news


@transaction.atomic
def news_publish(*, by: Actor, news: ConferenceNews) -> ConferenceNews:
    news = ConferenceNews.objects.select_for_update().select_related("conference__host_unit").get(pk=news.pk)
    if not may_publish(by, news.conference.host_unit):
        raise PermissionDenied(_("Chỉ người phê duyệt hoặc quản trị của đơn vị tổ chức mới đăng được tin."))
    _refuse_if_published(news)
    news.status = NewsStatus.PUBLISHED
    news.published_at = timezone.now()
    news.published_by = by if getattr(by, "pk", None) else None
    news.save(update_fields=["status", "published_at", "published_by", "updated_at"])
    news_published_event(news=news, by=by)
    return news
