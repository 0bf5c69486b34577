import datetime
from typing import Any

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from danvan.conferences.models import Attendee, Conference, ConferenceKind, ConferenceNews, NewsStatus
from danvan.conferences.selectors import conference_figures, published_news
from danvan.conferences.services import ConferenceData, conference_create, news_draft, news_publish, news_update
from danvan.orgs.services import unit_create
from tests.awards_helpers import make_decision, recognized_initiative
from tests.conftest import registered_initiative

pytestmark = pytest.mark.django_db


# The conference form as a page sends it (the province's year-end review of 2025).
CONFERENCE_FORM = {
    "kind": "annual",
    "title": "Hội nghị tổng kết năm 2025",
    "host_unit": "P1",
    "date": "20/12/2025",
    "place": "Hội trường tỉnh",
    "chair_name": "Nguyễn Văn Hùng",
    "year_from": 2025,
    "year_to": 2025,
    "month_from": 1,
    "month_to": 12,
}


def conference_data(world, **overrides: Any) -> ConferenceData:
    values: dict[str, Any] = {
        "kind": ConferenceKind.ANNUAL,
        "title": "Hội nghị tổng kết phong trào thi đua “Dân vận khéo” năm 2025",
        "host_unit": world.province,
        "date": datetime.date(2025, 12, 20),
        "place": "Hội trường Tỉnh ủy",
        "chair_name": "Nguyễn Văn Hùng",
        "chair_position": "Phó Bí thư Thường trực Tỉnh ủy",
        "year_from": 2025,
        "year_to": 2025,
        "attendees": [("Lê Thị Mai", "Trưởng Ban Dân vận"), ("Bùi Quang Vinh", "Trưởng Ban Chỉ đạo")],
        "report_reference": "Báo cáo số 125-BC/TU ngày 10/12/2025",
    }
    values.update(overrides)
    return ConferenceData(**values)


@pytest.fixture
def record(world):
    """Two recognised initiatives in 2025 (one exemplary), one registered, one in 2024; one decision."""
    honoured = recognized_initiative(world, title="Mô hình “Ngày thứ Bảy văn minh”")
    recognized_initiative(world, kind="individual", title="Điển hình bà Hường", person_name="Nguyễn Thị Hường")
    recognized_initiative(world, year=2024, title="Mô hình năm trước")
    registered_initiative(world, year=2025)
    recognized_initiative(world, unit=world.other_commune, title="Mô hình ở phường Tây Sơn")
    decision = make_decision(
        world,
        awards=[
            {"initiative": honoured.pk},
            {"recipient_name": "Hội Nông dân xã Đông Hòa", "recipient_kind": "collective"},
            {"recipient_name": "Trần Văn Đức", "recipient_kind": "individual"},
        ],
        issue=True,
    )
    conference = conference_create(
        by=world.approver, data=conference_data(world, decisions=[decision.pk], initiatives=[honoured.pk])
    )
    return conference, decision, honoured


def test_figures_count_the_scope_and_period(world, record) -> None:
    conference, decision, honoured = record
    figures = conference_figures(conference)
    # the whole province in 2025: 4 registered (3 recognised ones + 1 registered), 2 recognised in C1 + 1 in C2
    assert (figures.registered, figures.registered_collective, figures.registered_individual) == (4, 3, 1)
    assert (figures.recognized, figures.recognized_collective, figures.recognized_individual) == (4 - 1, 2, 1)
    assert [d.decision for d in figures.decisions] == [decision]
    assert (figures.decisions[0].collectives, figures.decisions[0].individuals) == (2, 1)
    assert figures.commended_collectives == ["Thôn Đoàn Kết (Xã Đông Hòa)", "Hội Nông dân xã Đông Hòa"]
    assert figures.commended_individuals == ["Trần Văn Đức"]
    assert figures.honoured == [honoured]


def test_figures_of_a_commune_scope(world, record) -> None:
    conference, _decision, _honoured = record
    conference.scope_unit = world.commune
    figures = conference_figures(conference)
    assert (figures.registered, figures.recognized) == (3, 2)


def test_figures_include_dissolved_predecessors(world) -> None:
    legacy = unit_create(
        by=world.superuser,
        code="L99",
        name="Huyện Cũ",
        kind="district",
        parent=world.root,
        valid_to=datetime.date(2025, 6, 30),
    )
    legacy.successor = world.province
    legacy.save(update_fields=["successor"])
    recognized_initiative(world, by=world.superuser, unit=legacy, title="Mô hình của huyện cũ")
    conference = conference_create(by=world.approver, data=conference_data(world))
    assert conference_figures(conference).recognized == 1


def test_news_draft_edit_publish(world, record) -> None:
    conference, _decision, _honoured = record
    # when a draft is written from the record
    news = news_draft(by=world.approver, conference=conference)
    # then it says who, where, the figures and who was commended, in Vietnamese
    assert news.title == "Tỉnh Hòa Bình Mẫu: Hội nghị tổng kết phong trào thi đua “Dân vận khéo” năm 2025"
    body = news.body
    assert "Ngày 20/12/2025, tại Hội trường Tỉnh ủy, Tỉnh Hòa Bình Mẫu tổ chức hội nghị tổng kết" in body
    assert "Đồng chí Nguyễn Văn Hùng, Phó Bí thư Thường trực Tỉnh ủy chủ trì hội nghị." in body
    assert "Lê Thị Mai - Trưởng Ban Dân vận" in body
    assert "năm 2025, Tỉnh Hòa Bình Mẫu có 4 mô hình, điển hình “Dân vận khéo” đăng ký" in body
    assert "3 mô hình, điển hình được công nhận (2 tập thể, 1 cá nhân)" in body
    assert (
        "Quyết định số 2559/QĐ-UBND ngày 15/12/2025 của Tỉnh Hòa Bình Mẫu tặng Bằng khen cho 2 tập thể và 1 cá nhân"
        in body
    )
    assert "Hội Nông dân xã Đông Hòa" in body and "Trần Văn Đức" in body
    assert "“Mô hình “Ngày thứ Bảy văn minh”” (Thôn Đoàn Kết)" in body
    assert "báo cáo số 125-BC/TU" in body
    # edit, then publish
    news = news_update(
        by=world.approver, news=news, title="Tổng kết Dân vận khéo 2025", body=body + "\n\nThêm một đoạn."
    )
    assert news.title == "Tổng kết Dân vận khéo 2025"
    assert not published_news(limit=5).exists()
    news = news_publish(by=world.approver, news=news)
    assert news.status == NewsStatus.PUBLISHED and news.published_at is not None
    assert list(published_news(limit=5)) == [news]
    # published news is frozen
    with pytest.raises(ValidationError):
        news_update(by=world.approver, news=news, title="Khác", body="Khác")
    with pytest.raises(ValidationError):
        news_draft(by=world.approver, conference=conference)


def test_news_rules(world, record) -> None:
    conference, _d, _h = record
    with pytest.raises(PermissionDenied):
        news_draft(by=world.outsider, conference=conference)
    news = news_draft(by=world.approver, conference=conference)
    with pytest.raises(ValidationError) as exc:
        news_update(by=world.approver, news=news, title=" ", body="")
    assert set(exc.value.message_dict) == {"title", "body"}
    with pytest.raises(PermissionDenied):
        news_publish(by=world.viewer, news=news)


def test_conference_bad_input(world) -> None:
    registered = registered_initiative(world)
    draft = make_decision(world)
    with pytest.raises(ValidationError) as exc:
        conference_create(
            by=world.approver,
            data=conference_data(
                world,
                title="",
                place="",
                chair_name="",
                date=None,
                year_from=2026,
                year_to=2024,
                kind="party",
                decisions=[draft.pk],
                initiatives=[registered.pk],
                scope_unit=world.root,
            ),
        )
    errors = exc.value.message_dict
    assert set(errors) == {
        "title",
        "place",
        "chair_name",
        "date",
        "year_to",
        "kind",
        "decisions",
        "initiatives",
        "scope_unit",
    }
    assert not Conference.objects.exists()
    with pytest.raises(PermissionDenied):
        conference_create(by=world.outsider, data=conference_data(world))


def test_conference_views_and_queries(world, record, django_assert_num_queries) -> None:
    conference, _decision, _honoured = record
    client = world.client_for(world.approver)
    # session, user, memberships, count, rows (with host unit and news)
    with django_assert_num_queries(5):
        response = client.get(reverse("conferences-list"))
    assert conference.title in response.content.decode()
    detail = client.get(reverse("conferences-detail", args=[conference.pk])).content.decode()
    assert "Lê Thị Mai" in detail and "2559/QĐ-UBND" in detail
    # create through the form
    response = client.post(
        reverse("conferences-create"),
        {
            "kind": "six_month",
            "title": "Hội nghị sơ kết 6 tháng đầu năm 2026",
            "host_unit": "C1",
            "date": "05/07/2026",
            "place": "Nhà văn hóa xã",
            "chair_name": "Hoàng Văn Đông",
            "year_from": 2026,
            "year_to": 2026,
            "month_from": 1,
            "month_to": 6,
            "attendees": "Trần Đức Anh | Trưởng Ban Xây dựng Đảng\nĐỗ Thị Hoa",
        },
    )
    created = Conference.objects.get(title="Hội nghị sơ kết 6 tháng đầu năm 2026")
    assert response.status_code == 302
    assert created.period.label() == "6 tháng đầu năm 2026"
    assert "6 tháng đầu năm 2026" in client.get(reverse("conferences-detail", args=[created.pk])).content.decode()
    assert list(created.attendees.values_list("name", "position")) == [
        ("Trần Đức Anh", "Trưởng Ban Xây dựng Đảng"),
        ("Đỗ Thị Hoa", ""),
    ]
    edit = client.post(
        reverse("conferences-edit", args=[created.pk]),
        {**{"kind": "six_month", "title": "Sơ kết 6 tháng", "host_unit": "C1", "date": "05/07/2026"}, "place": ""},
    )
    assert edit.status_code == 200 and "errorlist" in edit.content.decode()
    assert Conference.objects.filter(title="Sơ kết 6 tháng").count() == 0
    # news: draft, edit, publish, then public
    page = client.get(reverse("conferences-news-edit", args=[conference.pk]))
    assert page.status_code == 200 and "Nguyễn Văn Hùng" in page.content.decode()
    response = client.post(
        reverse("conferences-news-edit", args=[conference.pk]),
        {"action": "save", "title": "Tin tổng kết", "body": "Đoạn một.\n\nĐoạn hai."},
    )
    assert response.status_code == 302
    response = client.post(reverse("conferences-news-edit", args=[conference.pk]), {"action": "regenerate"})
    assert ConferenceNews.objects.get().title.startswith("Tỉnh Hòa Bình Mẫu:")
    client.post(
        reverse("conferences-news-edit", args=[conference.pk]),
        {"action": "save", "title": "Tin tổng kết", "body": "Đoạn một.\n\nĐoạn hai."},
    )
    asked = client.post(reverse("conferences-news-publish", args=[conference.pk])).content.decode()
    assert "Tin “Tin tổng kết” sẽ được đăng lên trang công khai" in asked and "không sửa được nữa" in asked
    assert not ConferenceNews.objects.get().is_published
    response = client.post(reverse("conferences-news-publish", args=[conference.pk]), {"confirmed": "1"})
    news = ConferenceNews.objects.get()
    assert response.status_code == 302 and response["Location"] == reverse(
        "conferences-news-detail", args=[news.public_key]
    )
    # after publishing the edit page sends to the public page
    assert client.get(reverse("conferences-news-edit", args=[conference.pk])).status_code == 302


def test_public_news_pages(world, record, client, django_assert_num_queries) -> None:
    conference, _d, _h = record
    news = news_draft(by=world.approver, conference=conference)
    # a draft is not public
    assert client.get(reverse("conferences-news-detail", args=[news.public_key])).status_code == 404
    news_publish(by=world.approver, news=news)
    response = client.get(reverse("conferences-news-detail", args=[news.public_key]))
    assert response.status_code == 200 and "Nguyễn Văn Hùng" in response.content.decode()
    # count, rows (with conference and host unit)
    with django_assert_num_queries(2):
        listing = client.get(reverse("conferences-news-list"))
    assert news.title in listing.content.decode()
    assert client.get(reverse("conferences-news-detail", args=["khong-co"])).status_code == 404


def test_outsider_is_denied_every_conference_view(world, record) -> None:
    conference, _d, _h = record
    news_draft(by=world.approver, conference=conference)
    client = world.client_for(world.outsider)
    listing = client.get(reverse("conferences-list"))
    assert conference.title not in listing.content.decode()
    for name in ["conferences-detail", "conferences-edit", "conferences-news-edit"]:
        assert client.get(reverse(name, args=[conference.pk])).status_code == 404
    assert client.post(reverse("conferences-news-publish", args=[conference.pk])).status_code == 404
    # a province viewer sees it but may not edit or publish
    viewer = world.client_for(world.viewer)
    assert viewer.get(reverse("conferences-detail", args=[conference.pk])).status_code == 200
    assert viewer.get(reverse("conferences-edit", args=[conference.pk])).status_code == 403
    assert viewer.get(reverse("conferences-news-edit", args=[conference.pk])).status_code == 403
    assert viewer.post(reverse("conferences-news-publish", args=[conference.pk])).status_code == 403
    assert viewer.get(reverse("conferences-create")).status_code == 403  # a viewer holds no editor role
    assert ConferenceNews.objects.get().status == NewsStatus.DRAFT


def test_anonymous_conference_pages(world, record, client) -> None:
    conference, _d, _h = record
    for name, args in [("conferences-list", []), ("conferences-create", []), ("conferences-detail", [conference.pk])]:
        response = client.get(reverse(name, args=args))
        assert response.status_code == 302 and response["Location"].startswith("/dang-nhap/")


# The kind of a conference agrees with the period it reviews --------------------------------------

SIX_MONTH_WHOLE_YEAR = (
    "Hội nghị “Sơ kết 6 tháng” xem xét nửa năm, nhưng kỳ đã chọn là năm 2025. Hãy chọn cùng một năm, từ tháng 1 "
    "đến tháng 6 (6 tháng đầu năm) hoặc từ tháng 7 đến tháng 12 (6 tháng cuối năm); nếu xem xét cả năm, hãy chọn "
    "loại “Sơ kết, tổng kết năm”."
)


@pytest.mark.parametrize(
    "kind,years,months,refusal",
    [
        ("six_month", (2025, 2025), (1, 12), SIX_MONTH_WHOLE_YEAR),
        ("six_month", (2025, 2025), (1, 9), "kỳ đã chọn là 9 tháng đầu năm 2025"),
        ("six_month", (2024, 2025), (7, 6), "kỳ đã chọn là từ tháng 7 năm 2024 đến tháng 6 năm 2025"),
        ("annual", (2025, 2025), (1, 6), "Hội nghị “Sơ kết, tổng kết năm” xem xét trọn một năm"),
        ("annual", (2021, 2025), (1, 12), "hãy chọn loại “Sơ kết 6 tháng”, nhiều năm thì “Sơ kết, tổng kết giai"),
        ("phase", (2025, 2025), (1, 12), "Hội nghị “Sơ kết, tổng kết giai đoạn” xem xét nhiều năm trọn vẹn"),
        ("phase", (2021, 2025), (1, 6), "kỳ đã chọn là từ tháng 1 năm 2021 đến tháng 6 năm 2025"),
    ],
)
def test_a_kind_that_implies_a_span_refuses_another_span(world, kind, years, months, refusal) -> None:
    data = conference_data(
        world, kind=kind, year_from=years[0], year_to=years[1], month_from=months[0], month_to=months[1]
    )
    with pytest.raises(ValidationError) as refused:
        conference_create(by=world.approver, data=data)
    assert list(refused.value.message_dict) == ["kind"] and refusal in refused.value.message_dict["kind"][0]
    assert not Conference.objects.exists() and not Attendee.objects.exists()


@pytest.mark.parametrize(
    "kind,years,months",
    [
        ("six_month", (2025, 2025), (1, 6)),
        ("six_month", (2025, 2025), (7, 12)),
        ("annual", (2025, 2025), (1, 12)),
        ("phase", (2021, 2025), (1, 12)),
        ("exchange", (2025, 2025), (3, 8)),  # an exchange of experience or a ceremony: any span
        ("ceremony", (2021, 2025), (1, 12)),
    ],
)
def test_a_kind_and_its_span_are_saved(world, kind, years, months) -> None:
    data = conference_data(
        world, kind=kind, year_from=years[0], year_to=years[1], month_from=months[0], month_to=months[1]
    )
    conference = conference_create(by=world.approver, data=data)
    assert (conference.kind, conference.period.months) == (kind, (years[1] - years[0]) * 12 + months[1] - months[0] + 1)


def test_the_form_says_which_kind_or_span_to_choose_and_saves_nothing(world) -> None:
    client = world.client_for(world.commune_approver)
    response = client.post(
        reverse("conferences-create"),
        {
            "kind": "six_month",
            "title": "Hội nghị sơ kết 6 tháng đầu năm 2025",
            "host_unit": "C1",
            "date": "05/07/2025",
            "place": "Nhà văn hóa xã",
            "chair_name": "Hoàng Văn Đông",
            "year_from": 2025,
            "year_to": 2025,
            "month_from": 1,
            "month_to": 12,
        },
    )
    assert response.status_code == 200 and SIX_MONTH_WHOLE_YEAR in response.content.decode()
    assert not Conference.objects.exists()
    # edited to the year's own kind it is saved; turned back to six months over the whole year, refused
    conference = conference_create(by=world.commune_approver, data=conference_data(world, host_unit=world.commune))
    edit = client.post(
        reverse("conferences-edit", args=[conference.pk]),
        {
            "kind": "six_month",
            "title": conference.title,
            "host_unit": "C1",
            "date": "20/12/2025",
            "place": conference.place,
            "chair_name": conference.chair_name,
            "year_from": 2025,
            "year_to": 2025,
            "month_from": 1,
            "month_to": 12,
        },
    )
    assert edit.status_code == 200 and SIX_MONTH_WHOLE_YEAR in edit.content.decode()
    assert Conference.objects.get(pk=conference.pk).kind == "annual"
