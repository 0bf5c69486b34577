"""A demo annual review conference of the demo province, with its news published."""

import datetime

from django.db import transaction

from danvan.accounts.models import User
from danvan.awards.models import Decision, DecisionStatus
from danvan.conferences.models import Conference, ConferenceKind, ConferenceNews
from danvan.conferences.services import ConferenceData, conference_create, news_draft, news_publish
from danvan.initiatives.models import Initiative
from danvan.orgs.models import Unit, subtree_lookup
from danvan.site.demo.orgs import DEMO_PROVINCE

TITLE = "Hội nghị tổng kết phong trào thi đua “Dân vận khéo” năm 2025"


@transaction.atomic
def seed() -> list[str]:
    province = Unit.objects.get(code=DEMO_PROVINCE)
    approver = User.objects.get(username="tinh.pheduyet")
    conference = Conference.objects.filter(host_unit=province, title=TITLE).first()
    if conference is None:
        decisions = Decision.objects.filter(
            status=DecisionStatus.ISSUED, year=2025, **subtree_lookup("issuer_unit__path", province.path)
        ).values_list("pk", flat=True)
        honoured = Initiative.objects.filter(exemplary=True, **subtree_lookup("unit__path", province.path)).values_list(
            "pk", flat=True
        )[:5]
        conference = conference_create(
            by=approver,
            data=ConferenceData(
                kind=ConferenceKind.ANNUAL,
                title=TITLE,
                host_unit=province,
                date=datetime.date(2025, 12, 20),
                place="Hội trường Tỉnh ủy",
                chair_name="Nguyễn Văn Hùng",
                chair_position="Phó Trưởng ban Thường trực Ban Tuyên giáo và Dân vận Tỉnh ủy",
                year_from=2025,
                year_to=2025,
                attendees=[
                    ("Bùi Quang Vinh", "Trưởng Ban Chỉ đạo"),
                    ("Lê Thị Mai", "Chuyên viên Ban Tuyên giáo và Dân vận Tỉnh ủy"),
                    ("Hoàng Văn Đông", "Phó Bí thư Thường trực Đảng ủy xã"),
                ],
                decisions=list(decisions),
                initiatives=list(honoured),
                report_reference="Báo cáo tổng kết phong trào thi đua “Dân vận khéo” năm 2025",
            ),
        )
    if not ConferenceNews.objects.filter(conference=conference).exists():
        news_publish(by=approver, news=news_draft(by=approver, conference=conference))
    return [f"Hội nghị mẫu: {TITLE} (tin đã đăng)"]
