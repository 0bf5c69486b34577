import pytest
from playwright.sync_api import Page, expect

from tests.conftest import PASSWORD

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_commune_officer_logs_in_and_sees_their_scope(live_server, page: Page, world) -> None:
    page.goto(live_server.url + "/")
    page.get_by_role("link", name="Đăng nhập").first.click()
    page.get_by_label("Tên đăng nhập").fill("thon.canbo")
    page.get_by_label("Mật khẩu").fill(PASSWORD)
    page.get_by_role("button", name="Đăng nhập").click()
    expect(page.get_by_role("heading", name="Xin chào, Đỗ Thị Hoa")).to_be_visible()
    expect(page.get_by_role("link", name="Thôn Đoàn Kết")).to_be_visible()
    # and they cannot open the user administration
    response = page.goto(live_server.url + "/nguoi-dung/")
    assert response is not None and response.status == 403
