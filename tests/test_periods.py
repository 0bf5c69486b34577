"""Any period: registrations carry their day, the statistics count what happened in the months of a
period, records with only a year count in whole years only (and the page says so), the API and the
report name the period in words."""

import datetime
import io
from typing import Any

import docx
import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from danvan.initiatives.services import initiative_create, initiative_enter_historical, initiative_update
from danvan.reports.counts import nonzero_rows, rebuild_counts
from danvan.reports.periods import Period
from danvan.reports.selectors import scope_stats, stats_direct
from danvan.reports.services import render_report, validate_dates
from tests.api_helpers import ApiClient
from tests.conftest import World, initiative_data
from tests.test_api import assert_error

pytestmark = pytest.mark.django_db

FIRST_HALF = [datetime.date(2026, m, d) for m, d in ((2, 3), (2, 27), (3, 9), (3, 31), (4, 1), (4, 15), (5, 5),
                                                     (5, 20), (6, 1), (6, 30))]  # fmt: skip
SECOND_HALF = [datetime.date(2026, m, d) for m, d in ((7, 1), (7, 20), (8, 8), (9, 2), (10, 10), (11, 30))]


def sixteen(world: World) -> None:
    """Ten registrations in February–June 2026 and six in July–November."""
    for day in FIRST_HALF + SECOND_HALF:
        data = initiative_data(world, year=2026, registered_on=day, title=f"Mô hình đăng ký ngày {day:%d/%m}")
        initiative_create(by=world.officer, data=data, register=True)


def test_six_months_count_what_happened_in_them(world: World) -> None:
    # given: ten registrations in February–June and six in July–November
    sixteen(world)
    # then: 10 for the first half, 6 for the second, 16 for the year, 14 for nine months
    first = scope_stats(unit=world.province, period=Period(2026, 2026, first_half=True))
    second = scope_stats(unit=world.province, period=Period(2026, 2026, month_from=7))
    year = scope_stats(unit=world.province, period=Period(2026, 2026))
    nine = scope_stats(unit=world.province, period=Period(2026, 2026, month_to=9))
    assert (first.registered.total, second.registered.total, year.registered.total) == (10, 6, 16)
    assert nine.registered.total == 14
    assert first.undated == 0
    # and the counts equal a rebuild and a direct count
    incremental = nonzero_rows()
    rebuild_counts()
    assert nonzero_rows() == incremental
    direct = stats_direct(paths=first.paths, period=first.period)
    assert direct["registered"].total == 10


def test_records_with_only_a_year_count_in_whole_years_only(world: World) -> None:
    # given: two historical entries of 2026 without a day, one with a day in March
    sixteen(world)
    for day in (None, None, datetime.date(2026, 3, 1)):
        initiative_enter_historical(
            by=world.superuser, data=initiative_data(world, year=2026, registered_on=day), status="registered"
        )
    # then: the year counts all 19, the first half 11 and says that 2 were left out
    year = scope_stats(unit=world.province, period=Period(2026, 2026))
    half = scope_stats(unit=world.province, period=Period(2026, 2026, first_half=True))
    assert (year.registered.total, year.undated) == (19, 0)
    assert (half.registered.total, half.undated) == (11, 2)
    # and the dashboard says so
    client = world.client_for(world.viewer)
    page = client.get(reverse("reports-dashboard", args=["P1"]), {"nam": 2026, "ky": "6t"}).content.decode()
    assert "6 tháng đầu năm 2026" in page
    assert "2 mô hình, điển hình nhập lịch sử chỉ có năm đăng ký, không có ngày" in page
    assert "chỉ được tính trong kỳ trọn năm" in page
    whole = client.get(reverse("reports-dashboard", args=["P1"]), {"nam": 2026}).content.decode()
    assert "chỉ được tính trong kỳ trọn năm" not in whole


def test_the_platform_records_the_day_of_registration(world: World) -> None:
    # given: a registration through the platform this year, and one for another year
    today = timezone.localdate()
    now = initiative_create(by=world.officer, data=initiative_data(world, year=today.year), register=True)
    other = initiative_create(by=world.officer, data=initiative_data(world, year=today.year - 1), register=True)
    draft = initiative_create(by=world.officer, data=initiative_data(world, year=today.year))
    assert (now.registered_on, other.registered_on, draft.registered_on) == (today, None, None)
    # when: the year is changed, a day of another year is dropped; an edit without a day keeps it
    kept = initiative_update(by=world.officer, initiative=now, data=initiative_data(world, year=today.year))
    assert kept.registered_on == today
    moved = initiative_update(by=world.officer, initiative=now, data=initiative_data(world, year=today.year - 1))
    assert moved.registered_on is None
    # and a day outside the year is refused with a message
    with pytest.raises(ValidationError) as caught:
        initiative_create(
            by=world.officer,
            data=initiative_data(world, year=2026, registered_on=datetime.date(2025, 12, 31)),
            register=True,
        )
    assert "Ngày đăng ký 31/12/2025 không thuộc năm đăng ký 2026" in caught.value.message_dict["registered_on"][0]


@pytest.mark.parametrize(
    ("period", "words"),
    [
        (Period(2026, 2026), "năm 2026"),
        (Period(2021, 2025), "giai đoạn 2021 - 2025"),
        (Period(2026, 2026, first_half=True), "6 tháng đầu năm 2026"),
        (Period(2026, 2026, month_from=7), "6 tháng cuối năm 2026"),
        (Period(2026, 2026, month_to=9), "9 tháng đầu năm 2026"),
        (Period(2026, 2026, month_from=7, month_to=9), "quý III năm 2026"),
        (Period(2026, 2026, month_from=5, month_to=5), "tháng 5 năm 2026"),
        (Period(2025, 2026, month_from=7, month_to=6), "từ tháng 7 năm 2025 đến tháng 6 năm 2026"),
    ],
)
def test_periods_in_words(period: Period, words: str) -> None:
    assert period.label() == words


def test_previous_period_is_the_same_months_a_year_before() -> None:
    assert Period(2026, 2026, first_half=True).previous() == Period(2025, 2025, first_half=True)
    assert Period(2026, 2026, month_to=9).previous() == Period(2025, 2025, month_to=9)
    assert Period(2021, 2025).previous() == Period(2016, 2020)
    assert Period(2025, 2026, month_from=7, month_to=6).previous() == Period(2024, 2025, month_from=7, month_to=6)


def test_dates_must_be_whole_months() -> None:
    assert validate_dates(date_from=datetime.date(2026, 1, 1), date_to=datetime.date(2026, 6, 30)) == Period(
        2026, 2026, first_half=True
    )
    with pytest.raises(ValidationError) as caught:
        validate_dates(date_from=datetime.date(2026, 1, 15), date_to=datetime.date(2026, 6, 29))
    errors = caught.value.message_dict
    assert "ngày đầu tháng, ví dụ 01/01/2026" in errors["date_from"][0]
    assert "ngày cuối tháng, ví dụ 30/06/2026" in errors["date_to"][0]
    with pytest.raises(ValidationError) as caught:
        validate_dates(date_from=datetime.date(2026, 7, 1), date_to=datetime.date(2026, 6, 30))
    assert caught.value.message_dict["date_to"] == ["Ngày kết thúc phải sau ngày bắt đầu."]


def test_api_stats_and_report_take_days(world: World, settings: Any, django_capture_on_commit_callbacks: Any) -> None:
    settings.TASKS = {"default": {"BACKEND": "django.tasks.backends.immediate.ImmediateBackend"}}
    sixteen(world)
    api = ApiClient(world.viewer)
    response = api.get("/stats", unit="P1", date_from="2026-01-01", date_to="2026-06-30")
    assert response.status_code == 200, response.content
    body = response.json()
    assert (body["date_from"], body["date_to"], body["registered"]["total"]) == ("2026-01-01", "2026-06-30", 10)
    assert api.get("/stats", unit="P1", year_from=2026, year_to=2026).json()["registered"]["total"] == 16
    assert_error(api.get("/stats", unit="P1", date_from="2026-01-01", date_to="2026-06-15"), 400, "date_to")
    assert_error(api.get("/stats", unit="P1", date_from="2026-01-01", date_to="2026-06-30", year_from=2026), 400)
    assert_error(ApiClient(world.outsider).get("/stats", unit="P1", date_from="2026-01-01", date_to="2026-06-30"), 403)
    # a report for the first half: the document names the period in words and counts ten
    with django_capture_on_commit_callbacks(execute=True):
        response = api.post(
            "/reports", {"unit": "P1", "date_from": "2026-01-01", "date_to": "2026-06-30", "format": "docx"}
        )
    assert response.status_code == 202, response.content
    done = api.get(f"/reports/{response.json()['id']}").json()
    assert done["status"] == "done", done
    file = api.client.get(done["download_url"], HTTP_AUTHORIZATION=f"Bearer {api.token}")
    text = "\n".join(p.text for p in docx.Document(io.BytesIO(b"".join(file.streaming_content))).paragraphs)
    assert "6 tháng đầu năm 2026" in text
    assert "6 tháng đầu năm 2026, toàn tỉnh có 10 mô hình, điển hình đăng ký" in text
    bad = api.post("/reports", {"unit": "P1", "date_from": "2026-01-02", "date_to": "2026-06-30", "format": "docx"})
    assert_error(bad, 400, "date_from")


def test_initiative_api_takes_and_returns_the_day(world: World) -> None:
    body = {"title": "Dân vận khéo trong hiến đất làm đường", "kind": "collective", "field": "economy",
            "unit": "C1-V1", "year": 2026, "registered_on": "2026-03-05"}  # fmt: skip
    response = ApiClient(world.officer).post("/initiatives", body)
    assert response.status_code == 201, response.content
    assert response.json()["registered_on"] == "2026-03-05"
    assert_error(ApiClient(world.officer).post("/initiatives", {**body, "registered_on": "2025-03-05"}), 400)


def test_word_report_for_nine_months(world: World) -> None:
    sixteen(world)
    data = render_report(unit=world.province, period=Period(2026, 2026, month_to=9), format="docx", layout="state")
    text = "\n".join(p.text for p in docx.Document(io.BytesIO(data)).paragraphs)
    assert "9 tháng đầu năm 2026, toàn tỉnh có 14 mô hình, điển hình đăng ký" in text


def test_six_month_conference_counts_its_months_and_its_news_says_so(world: World) -> None:
    from danvan.conferences.models import ConferenceKind
    from danvan.conferences.selectors import conference_figures
    from danvan.conferences.services import ConferenceData, conference_create, news_draft

    sixteen(world)
    data = ConferenceData(
        kind=ConferenceKind.SIX_MONTH,
        title="Hội nghị sơ kết 6 tháng đầu năm 2026 phong trào thi đua “Dân vận khéo”",
        host_unit=world.province,
        date=datetime.date(2026, 7, 10),
        place="Hội trường Tỉnh ủy",
        chair_name="Nguyễn Văn Hùng",
        year_from=2026,
        year_to=2026,
        month_from=1,
        month_to=6,
    )
    conference = conference_create(by=world.approver, data=data)
    assert conference_figures(conference).registered == 10
    news = news_draft(by=world.approver, conference=conference)
    assert "6 tháng đầu năm 2026, Tỉnh Hòa Bình Mẫu có 10 mô hình, điển hình “Dân vận khéo” đăng ký" in news.body
    # a period that ends before it starts is refused with a message
    with pytest.raises(ValidationError) as caught:
        conference_create(by=world.approver, data=ConferenceData(**{**data.__dict__, "month_from": 7, "month_to": 6}))
    assert "kỳ phải bắt đầu trước khi kết thúc" in caught.value.message_dict["month_to"][0]


def test_lists_take_days_too(world: World) -> None:
    sixteen(world)
    initiative_enter_historical(by=world.superuser, data=initiative_data(world, year=2026), status="registered")
    api = ApiClient(world.viewer)
    half = api.get("/initiatives", unit="P1", date_from="2026-01-01", date_to="2026-06-30")
    assert half.status_code == 200, half.content
    assert half.json()["count"] == 10  # the record with only its year is not in the half
    assert api.get("/initiatives", unit="P1", date_from="2026-01-01", date_to="2026-12-31").json()["count"] == 17
    assert api.get("/initiatives", unit="P1", date_from="2026-07-01").json()["count"] == 6
    assert_error(api.get("/initiatives", unit="P1", date_from="01/07/2026"), 400)
    assert api.get("/decisions", date_from="2026-01-01", date_to="2026-06-30").status_code == 200
