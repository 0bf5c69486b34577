"""The site header on a phone: one line with a menu button, the whole menu one tap away."""

import re

import pytest
from playwright.sync_api import Page, expect

from tests.e2e.sessions import session_cookie

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _header_lines(page: Page) -> int:
    """How many lines the header's visible items stand on (distinct tops, a few pixels apart)."""
    tops = page.eval_on_selector_all(
        ".site-header .bar > *:not(.menu), .site-header .menu > *",
        "els => els.filter(e => e.offsetParent !== null).map(e => Math.round(e.getBoundingClientRect().top / 8))",
    )
    return len(set(tops))


def test_phone_header_folds_the_menu_behind_one_button(live_server, page: Page, world) -> None:
    # given a superuser, who sees every menu item, on a 390 px phone
    page.set_viewport_size({"width": 390, "height": 844})
    page.context.add_cookies([session_cookie(live_server, world.client_for(world.province_admin))])
    page.goto(live_server.url + "/")
    # then the header stands on at most two lines and the menu is folded
    header = page.locator(".site-header")
    assert _header_lines(page) <= 2
    assert header.bounding_box()["height"] < 80  # type: ignore[index]
    expect(page.get_by_role("link", name="Thống kê")).to_be_hidden()
    # when the menu button is tapped, every item is there
    toggle = page.get_by_role("button", name="Danh mục")
    expect(toggle).to_have_attribute("aria-expanded", "false")
    toggle.click()
    expect(toggle).to_have_attribute("aria-expanded", "true")
    page.get_by_role("link", name="Thống kê").click()
    expect(page).to_have_url(re.compile(re.escape(live_server.url) + "/thong-ke/"))


def test_desktop_header_shows_the_menu_without_a_button(live_server, page: Page, world) -> None:
    page.set_viewport_size({"width": 1366, "height": 768})
    page.context.add_cookies([session_cookie(live_server, world.client_for(world.province_admin))])
    page.goto(live_server.url + "/")
    expect(page.get_by_role("button", name="Danh mục")).to_be_hidden()
    expect(page.get_by_role("link", name="Thống kê")).to_be_visible()
    # the page names its icon, so no browser asks for a missing /favicon.ico
    icon = page.locator("link[rel=icon]").get_attribute("href")
    assert icon and page.request.get(live_server.url + icon).ok
