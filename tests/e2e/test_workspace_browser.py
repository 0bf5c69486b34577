"""A village officer's day: signed in, the returned model is at the top of the first screen."""

import pytest
from playwright.sync_api import Page, expect

from danvan.initiatives.services import initiative_act
from tests.conftest import PASSWORD, World, registered_initiative

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _returned(world: World) -> None:
    initiative = registered_initiative(world, title="Đường giao thông nông thôn Thôn Đoàn Kết")
    initiative_act(by=world.officer, initiative=initiative, action="submit")
    initiative_act(by=world.commune_reviewer, initiative=initiative, action="return", note="Thiếu ảnh công trình")


def _sign_in(page: Page, url: str) -> None:
    page.goto(url + "/dang-nhap/")
    page.get_by_label("Tên đăng nhập").fill("thon.canbo")
    page.get_by_label("Mật khẩu").fill(PASSWORD)
    page.get_by_role("button", name="Đăng nhập").click()


@pytest.mark.parametrize("width,height", [(1366, 768), (390, 844)])
def test_village_officer_sees_the_returned_model_on_the_first_screen(
    live_server, page: Page, world: World, width: int, height: int
) -> None:
    _returned(world)
    page.set_viewport_size({"width": width, "height": height})
    _sign_in(page, live_server.url)
    count = page.get_by_role("link", name="1 bị trả lại, cần bổ sung")
    model = page.get_by_role("link", name="Đường giao thông nông thôn Thôn Đoàn Kết")
    for element in (count, model):
        expect(element).to_be_in_viewport()
        box = element.bounding_box()
        assert box is not None and box["y"] + box["height"] <= height  # without scrolling
    expect(page.get_by_role("link", name="Thư viện mô hình").first).to_be_visible()
    model.click()
    expect(page.get_by_role("heading", name="Đường giao thông nông thôn Thôn Đoàn Kết")).to_be_visible()
