"""Unit pickers of the reporting round and the key task: a province officer types a commune's name
without diacritics and picks it, on a desktop and on a 390 px phone; without JavaScript the picker's
own search box and button list the units of the whole scope, and what was typed in the form stays."""

import pytest
from playwright.sync_api import Browser, Page, expect

from danvan.keytasks.models import KeyTask
from danvan.rounds.models import ReportingRound
from tests.conftest import PASSWORD

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

SCREENS = {"desktop": {"width": 1366, "height": 768}, "phone": {"width": 390, "height": 844}}


def log_in(browser: Browser, url: str, username: str, screen: str, *, script: bool = True) -> Page:
    context = browser.new_context(viewport=SCREENS[screen], locale="vi-VN", java_script_enabled=script)
    context.set_default_timeout(60_000)  # a shared machine under load: slow, not wrong
    page = context.new_page()
    page.goto(url + "/dang-nhap/")
    page.get_by_label("Tên đăng nhập").fill(username)
    page.get_by_label("Mật khẩu").fill(PASSWORD)
    page.get_by_role("button", name="Đăng nhập").click()
    page.wait_for_url(lambda address: "/dang-nhap/" not in address)
    return page


def pick(page: Page, label: str, typed: str, option: str) -> None:
    box = page.get_by_role("combobox", name=label)
    box.fill("")
    box.press_sequentially(typed)
    found = page.get_by_role("listbox").get_by_role("option", name=option)
    expect(found).to_be_visible()
    if page.viewport_size and page.viewport_size["width"] < 500:  # the list stays on the phone's screen
        shown = page.locator(".unit-picker-list:visible").bounding_box()
        assert shown is not None and shown["x"] >= 0 and shown["x"] + shown["width"] <= 390
    found.click()


@pytest.mark.parametrize("screen", ["desktop", "phone"])
def test_the_province_picks_a_commune_by_typing_its_name(live_server, browser: Browser, world, screen) -> None:
    # given the province's approver (who holds the role in the province only)
    page = log_in(browser, live_server.url, "tinh.pheduyet", screen)

    # when they open a round and type "dong hoa" (no diacritics) where the unit is chosen
    page.goto(live_server.url + "/dot-bao-cao/mo/")
    unit = page.get_by_role("combobox", name="Đơn vị mở đợt báo cáo")
    expect(unit).to_have_value("Tỉnh Hòa Bình Mẫu")  # their own unit first
    pick(page, "Đơn vị mở đợt báo cáo", "dong hoa", "Xã Đông Hòa Tỉnh Hòa Bình Mẫu")
    expect(unit).to_have_value("Xã Đông Hòa (Tỉnh Hòa Bình Mẫu)")
    page.get_by_label("Tên đợt báo cáo").fill("Báo cáo quý IV năm 2026")
    page.get_by_label("Kỳ báo cáo từ ngày").fill("01/10/2026")
    page.get_by_label("đến ngày").fill("31/12/2026")
    page.get_by_label("Hạn gửi báo cáo").fill("05/01/2027")
    page.get_by_label("Bộ chỉ tiêu").select_option(index=1)
    page.get_by_role("button", name="Mở đợt báo cáo").click()
    # (it asks first: the villages' staff are notified at once and a round cannot be withdrawn)
    page.locator(".confirm").get_by_role("button", name="Mở đợt báo cáo").click()

    # then the round is the commune's, asking its two villages
    expect(page.get_by_text("Đã mở đợt báo cáo")).to_be_visible()
    opened = ReportingRound.objects.get()
    assert opened.unit.code == "C1" and opened.submissions.count() == 2
    assert page.evaluate("document.scrollingElement.scrollWidth") <= SCREENS[screen]["width"]

    # and a key task is set by the commune, for its village, both picked by typing
    page.goto(live_server.url + "/nhiem-vu/giao/")
    pick(page, "Đơn vị giao nhiệm vụ", "dong hoa", "Xã Đông Hòa Tỉnh Hòa Bình Mẫu")
    pick(page, "Đơn vị chủ trì", "doan ket", "Thôn Đoàn Kết Xã Đông Hòa")
    page.get_by_label("Nhiệm vụ", exact=True).fill("Đối thoại với Nhân dân về làm đường")
    page.get_by_label("Thời hạn").fill("30/06/2026")
    page.get_by_role("button", name="Giao nhiệm vụ").click()
    expect(page.get_by_text("Đã giao nhiệm vụ.")).to_be_visible()
    task = KeyTask.objects.get()
    assert (task.unit.code, task.owner_unit.code) == ("C1", "C1-V1")


@pytest.mark.parametrize("screen", ["desktop", "phone"])
def test_without_script_the_search_button_reaches_a_village(live_server, browser: Browser, world, screen) -> None:
    # given the province's approver in a browser that runs no script: the drop-down lists their province only
    page = log_in(browser, live_server.url, "tinh.pheduyet", screen, script=False)
    page.goto(live_server.url + "/nhiem-vu/giao/")
    owner = page.get_by_label("Đơn vị chủ trì")
    assert "Thôn Đoàn Kết (Xã Đông Hòa)" not in owner.inner_text()
    page.get_by_label("Nhiệm vụ", exact=True).fill("Đối thoại với Nhân dân về làm đường")
    page.get_by_label("Thời hạn").fill("30/06/2026")

    # when they type "doan ket" in the owner's search box and press its "Tìm"
    search = page.locator('input[name="owner_unit__search"]')
    expect(search).to_be_visible()
    search.fill("doan ket")
    page.locator('button[name="_unit_search"][value="owner_unit"]').click()

    # then the form is back with the village to choose and what was typed kept; nothing was saved
    expect(page.get_by_text("Tìm thấy 1 đơn vị tên có “doan ket”: hãy chọn trong danh sách.")).to_be_visible()
    expect(page.get_by_label("Nhiệm vụ", exact=True)).to_have_value("Đối thoại với Nhân dân về làm đường")
    expect(search).to_have_value("doan ket")
    assert not KeyTask.objects.exists()
    owner.select_option(label="Thôn Đoàn Kết (Xã Đông Hòa)")
    assert page.evaluate("document.scrollingElement.scrollWidth") <= SCREENS[screen]["width"]
    page.get_by_role("button", name="Giao nhiệm vụ").click()
    expect(page.get_by_text("Đã giao nhiệm vụ.")).to_be_visible()
    task = KeyTask.objects.get()
    assert (task.unit.code, task.owner_unit.code) == ("P1", "C1-V1")
