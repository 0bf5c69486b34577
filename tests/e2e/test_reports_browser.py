import re

import pytest
from playwright.sync_api import Page, expect

from tests.conftest import PASSWORD, registered_initiative
from tests.e2e.test_unit_picker_browser import pick

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_leader_reads_the_dashboard_drills_down_and_asks_for_a_report(live_server, page: Page, world) -> None:
    # given: two registrations of the village this year
    registered_initiative(world, year=2025)
    registered_initiative(world, year=2025, kind="individual", person_name="Nguyễn Thị Hường")
    page.goto(live_server.url + "/dang-nhap/")
    page.get_by_label("Tên đăng nhập").fill("lanhdao")
    page.get_by_label("Mật khẩu").fill(PASSWORD)
    page.get_by_role("button", name="Đăng nhập").click()
    # when: the menu's "Thống kê" for 2025
    page.get_by_role("link", name="Thống kê").click()
    page.get_by_label("Năm", exact=True).fill("2025")
    page.get_by_role("button", name="Xem", exact=True).click()
    # then: the province's figures and a server-rendered chart
    expect(page.get_by_role("heading", name=re.compile("Tỉnh Hòa Bình Mẫu, năm 2025"))).to_be_visible()
    expect(page.locator(".headlines .figure").first).to_have_text("2")
    expect(page.get_by_role("img", name="Theo lĩnh vực")).to_be_visible()
    # drill down to the commune, keeping the period in the URL
    page.get_by_role("link", name="Xã Đông Hòa").click()
    expect(page).to_have_url(re.compile(r"/thong-ke/C1/\?nam=2025$"))
    expect(page.get_by_role("heading", name=re.compile("Xã Đông Hòa, năm 2025"))).to_be_visible()
    # or go to any unit of the scope by typing its name without diacritics, in the same period
    pick(page, "Xem số liệu của đơn vị", "tay son", "Phường Tây Sơn")
    page.get_by_role("button", name="Chuyển đến").click()
    expect(page).to_have_url(re.compile(r"/thong-ke/C2/\?nam=2025$"))
    expect(page.get_by_role("heading", name=re.compile("Phường Tây Sơn, năm 2025"))).to_be_visible()
    page.go_back()
    expect(page.get_by_role("heading", name=re.compile("Xã Đông Hòa, năm 2025"))).to_be_visible()
    # the report button queues a report and shows its progress (htmx)
    page.get_by_role("button", name=re.compile("Tạo báo cáo")).click()
    expect(page.locator("#report-status")).to_contain_text("Đang chờ")
