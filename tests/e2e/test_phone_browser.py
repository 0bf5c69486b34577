"""On a 390 px phone: the dashboard's chart labels stay readable and the main lists reflow instead of
scrolling sideways."""

import pytest
from playwright.sync_api import Page, expect

from tests.awards_helpers import make_decision
from tests.conftest import registered_initiative

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PHONE = {"width": 390, "height": 844}


def _session_cookie(live_server, client) -> dict:  # type: ignore[no-untyped-def]
    from django.conf import settings

    return {
        "name": settings.SESSION_COOKIE_NAME,
        "value": client.cookies[settings.SESSION_COOKIE_NAME].value,
        "url": live_server.url,
    }


def _label_sizes(page: Page) -> list[float]:
    """The rendered height (px) of each label of the visible charts: about the font size on screen."""
    return page.eval_on_selector_all(
        ".chart svg",
        """svgs => svgs.filter(s => s.getBoundingClientRect().width > 0)
            .flatMap(s => Array.from(s.querySelectorAll('text')))
            .map(t => t.getBoundingClientRect().height)""",
    )


def test_chart_labels_stay_readable_on_a_phone(live_server, page: Page, world) -> None:
    # given registrations of the village in 2025, seen by the province's leader on a phone
    registered_initiative(world, year=2025)
    registered_initiative(world, year=2025, kind="individual", person_name="Nguyễn Thị Hường")
    page.set_viewport_size(PHONE)
    page.context.add_cookies([_session_cookie(live_server, world.client_for(world.viewer))])
    # when they open the dashboard
    page.goto(live_server.url + "/thong-ke/P1/?nam=2025")
    expect(page.get_by_role("img", name="Theo lĩnh vực")).to_be_visible()
    # then the labels are drawn at about their size (13 px), not the wide chart shrunk to 6 px
    sizes = _label_sizes(page)
    assert sizes and min(sizes) >= 11, sizes
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    # and on a desktop the wide chart is the one shown
    page.set_viewport_size({"width": 1366, "height": 768})
    expect(page.locator(".chart svg.chart-wide").first).to_be_visible()
    expect(page.locator(".chart svg.chart-narrow").first).to_be_hidden()


def test_the_decision_list_reflows_on_a_phone(live_server, page: Page, world) -> None:
    # given several decisions with long names
    for number in ("2559/QĐ-UBND", "2560/QĐ-UBND", "2561/QĐ-UBND"):
        make_decision(world, number=number, issue=True)
    page.set_viewport_size(PHONE)
    page.context.add_cookies([_session_cookie(live_server, world.client_for(world.approver))])
    page.goto(live_server.url + "/khen-thuong/")
    # then the table is as wide as the screen, nothing scrolls sideways, each cell is named by its column
    table = page.locator("table.reflow")
    box = table.bounding_box()
    assert box is not None and box["x"] >= 0 and box["x"] + box["width"] <= PHONE["width"]
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    wrap = page.locator(".table-wrap").first
    assert wrap.evaluate("e => e.scrollWidth <= e.clientWidth")
    label = table.locator("td[data-label='Hình thức']").first
    assert label.evaluate("td => getComputedStyle(td, '::before').content") == '"Hình thức: "'
    expect(table.get_by_role("link", name="2560/QĐ-UBND")).to_be_visible()
