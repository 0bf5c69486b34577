"""Found walking the product at 1366 px and on a 390 px phone (issue #16, second walk): a reflowed list
leaves out the cells with nothing in them, and a refused page keeps the site's header and a way on."""

import re

import pytest
from playwright.sync_api import Page, expect

from tests.awards_helpers import make_decision
from tests.e2e.sessions import session_cookie

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1366, "height": 768}


def test_a_reflowed_award_leaves_out_its_empty_cells(live_server, page: Page, world) -> None:
    # given a decision commending a collective, which has no position and no achievement written
    decision = make_decision(world, issue=True)
    page.context.add_cookies([session_cookie(live_server, world.client_for(world.approver))])
    position = page.locator("table.reflow td[data-label='Chức vụ']").first
    name = page.locator("table.reflow td[data-label='Tên']").first
    # when the approver opens it on a phone
    page.set_viewport_size(PHONE)
    page.goto(live_server.url + f"/khen-thuong/{decision.pk}/")
    # then the name is there and the empty position is not shown as a bare "Chức vụ:"
    expect(name).to_contain_text("Hội Nông dân xã Đông Hòa")
    expect(position).to_be_hidden()
    assert page.evaluate("document.scrollingElement.scrollWidth") <= PHONE["width"]
    # and on a desktop the table keeps its column, empty or not
    page.set_viewport_size(DESKTOP)
    expect(position).to_be_visible()
    assert position.evaluate("td => getComputedStyle(td).display") == "table-cell"


@pytest.mark.parametrize("size", [PHONE, DESKTOP], ids=["390", "1366"])
def test_a_refused_page_says_why_and_leads_home(live_server, page: Page, world, size) -> None:
    # given the village officer, who may not see the province's figures
    page.set_viewport_size(size)
    page.context.add_cookies([session_cookie(live_server, world.client_for(world.officer))])
    # when they open the province's dashboard
    response = page.goto(live_server.url + "/thong-ke/P1/")
    # then the page says why in the site's frame, fits the screen, and leads home
    assert response is not None and response.status == 403
    expect(page.get_by_role("heading", name="Không có quyền xem trang này")).to_be_visible()
    expect(page.get_by_text("Bạn không có quyền với đơn vị “Tỉnh Hòa Bình Mẫu”.")).to_be_visible()
    expect(page.locator(".site-header")).to_be_visible()
    assert page.evaluate("document.scrollingElement.scrollWidth") <= size["width"]
    page.get_by_role("link", name="Về trang chủ").click()
    expect(page.get_by_role("heading", name="Xin chào, Đỗ Thị Hoa")).to_be_visible()


HINT_ROOM = """input => {
    const style = getComputedStyle(input);
    const context = document.createElement('canvas').getContext('2d');
    context.font = style.font;
    const room = input.clientWidth - parseFloat(style.paddingLeft) - parseFloat(style.paddingRight) - 20;
    return [context.measureText(input.placeholder).width, room];
}"""


@pytest.mark.parametrize("size", [PHONE, DESKTOP], ids=["390", "1366"])
def test_a_unit_picker_among_filters_shows_its_whole_hint(live_server, page: Page, world, size) -> None:
    # given the province's approver, whose lists filter by unit with a picker in a row of filters
    page.set_viewport_size(size)
    page.context.add_cookies([session_cookie(live_server, world.client_for(world.approver))])
    for path, hint in (("/nhiem-vu/", "Gõ tên đơn vị"), ("/binh-xet/", "Gõ tên đơn vị"), ("/thu-vien/", "Gõ tên tỉnh")):
        # when they open the list
        page.goto(live_server.url + path)
        picker = page.locator(".filters input[role=combobox]").first
        expect(picker).to_have_attribute("placeholder", re.compile(hint))
        # then the hint is not cut off (20 px kept for the search box's clear button), nothing scrolls sideways
        text, room = picker.evaluate(HINT_ROOM)
        assert text <= room, (path, text, room)
        assert page.evaluate("document.scrollingElement.scrollWidth") <= size["width"], path
