import datetime

import pytest
from playwright.sync_api import Page, expect

from danvan.initiatives.models import Status
from danvan.initiatives.services import initiative_enter_historical
from tests.conftest import initiative_data

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_visitor_finds_a_model_typing_without_diacritics(live_server, page: Page, world) -> None:
    # given two recognised initiatives in the public library
    for title in ["Đường hoa nông thôn mới “Dân vận khéo”", "Camera an ninh tự quản"]:
        initiative_enter_historical(
            by=world.approver,
            data=initiative_data(world, title=title, unit=world.commune, year=2025),
            status=Status.RECOGNIZED,
            recognized_level="province",
            recognized_on=datetime.date(2025, 9, 2),
        )
    # when a visitor opens the library from the menu and types without diacritics
    page.goto(live_server.url + "/")
    page.get_by_role("navigation").get_by_role("link", name="Thư viện mô hình").click()
    page.get_by_label("Tìm kiếm (có dấu hoặc không dấu)").fill("dan van kheo duong")
    page.get_by_role("button", name="Tìm", exact=True).click()
    # then the road is found, its words highlighted, the camera is not
    card = page.locator(".library-card")
    expect(card).to_have_count(1)
    expect(card.first.get_by_role("link")).to_contain_text("Đường hoa nông thôn mới")
    expect(card.first.locator("mark").first).to_have_text("Đường")
    # and its page reads as a case study
    card.first.get_by_role("link").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Đường hoa nông thôn mới “Dân vận khéo”")
    expect(page.get_by_text("Cấp tỉnh, ngày 02/09/2025")).to_be_visible()
