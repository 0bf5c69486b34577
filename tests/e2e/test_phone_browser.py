"""On a 390 px phone: the dashboard's chart labels stay readable and the main lists reflow instead of
scrolling sideways."""

import pytest
from playwright.sync_api import Page, expect

from tests.awards_helpers import make_decision
from tests.conftest import registered_initiative
from tests.e2e.sessions import session_cookie

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PHONE = {"width": 390, "height": 844}


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
    page.context.add_cookies([session_cookie(live_server, world.client_for(world.viewer))])
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
    page.context.add_cookies([session_cookie(live_server, world.client_for(world.approver))])
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


def _reflows(page: Page, table_selector: str, label: str) -> None:
    """The table is within the screen, nothing scrolls sideways (the page nor the table's wrapper), and
    a cell named `label` shows its column's name before its value."""
    table = page.locator(table_selector).first
    expect(table).to_be_visible()
    box = table.bounding_box()
    assert box is not None and box["x"] >= 0 and box["x"] + box["width"] <= PHONE["width"], (table_selector, box)
    assert page.evaluate("document.scrollingElement.scrollWidth") <= PHONE["width"], table_selector
    wrap = table.locator("xpath=ancestor::div[contains(@class, 'table-wrap')][1]")
    if wrap.count():
        assert wrap.evaluate("e => e.scrollWidth <= e.clientWidth"), table_selector
    cell = table.locator(f"td[data-label='{label}']:not(:empty)").first  # an empty cell is left out
    expect(cell).to_be_visible()
    assert cell.evaluate("td => getComputedStyle(td, '::before').content") == f'"{label}: "', (table_selector, label)


def test_proposals_rounds_and_the_dashboard_reflow_on_a_phone(live_server, page: Page, world) -> None:
    from tests.proposals_helpers import commune_proposal, three_models
    from tests.rounds_helpers import province_round

    # given a proposal of three models, a round the communes have partly sent, registrations of 2025
    proposal = commune_proposal(world, three_models(world))
    rw = province_round(world)
    rw.send("C1", {"dialogues": 12, "mediation_cases": 10, "mediation_successful": 9})
    registered_initiative(world, year=2025)
    page.set_viewport_size(PHONE)
    page.context.add_cookies([session_cookie(live_server, world.client_for(world.approver))])

    # when the province's approver opens each list on a phone, then each reflows
    page.goto(live_server.url + "/de-nghi-khen-thuong/")
    _reflows(page, "table.reflow", "Cấp quyết định")
    expect(page.locator("td[data-label='Đơn vị đề nghị']").first).to_contain_text("Xã Đông Hòa")
    page.goto(live_server.url + f"/de-nghi-khen-thuong/{proposal.pk}/")
    _reflows(page, "table.proposal-items", "Thành tích")
    _reflows(page, "table.dossier", "Bản ký, đóng dấu")
    page.goto(live_server.url + "/dot-bao-cao/")
    _reflows(page, "table.reflow", "Kỳ báo cáo")
    page.goto(live_server.url + f"/dot-bao-cao/{rw.round.pk}/")
    _reflows(page, "table.reflow", "Trạng thái")
    page.goto(live_server.url + "/thong-ke/P1/?nam=2025")
    _reflows(page, "table.children", "Được công nhận")
    expect(page.locator("table.children td[data-label='Đơn vị']").first).to_contain_text("Xã Đông Hòa")
    footer = page.locator("table.children tfoot th[data-label='Đăng ký']")
    assert footer.evaluate("th => getComputedStyle(th, '::before').content") == '"Đăng ký: "'

    # and the commune's officer sees the report their unit has to send reflow too
    page.context.clear_cookies()
    page.context.add_cookies([session_cookie(live_server, world.client_for(rw.officers["C2"]))])
    page.goto(live_server.url + "/dot-bao-cao/")
    _reflows(page, "table.reflow", "Hạn gửi")


def test_the_other_tables_reflow_on_a_phone(live_server, page: Page, world) -> None:
    from danvan.api.services import api_token_create
    from tests.proposals_helpers import province_council, submitted_proposal, three_models

    # given a proposal before the council, an issued decision, an API token of the province's approver
    proposal = submitted_proposal(world, three_models(world))
    province_council(world)
    commended = {"recipient_name": "Hội Nông dân xã Đông Hòa", "recipient_kind": "collective"}
    commended["achievement"] = "Đã có thành tích xuất sắc trong phong trào thi đua “Dân vận khéo” năm 2025"
    decision = make_decision(world, number="2559/QĐ-UBND", issue=True, awards=[commended])
    api_token_create(user=world.approver, name="Kho dữ liệu của tỉnh", verified=True)
    page.set_viewport_size(PHONE)
    page.context.add_cookies([session_cookie(live_server, world.client_for(world.approver))])

    # the vote's form: each item's two boxes under the item, named by their column
    page.goto(live_server.url + f"/de-nghi-khen-thuong/{proposal.pk}/bo-phieu/")
    _reflows(page, "table.vote-items", "Đồng ý bằng văn bản")
    box = page.locator("table.vote-items input").first.bounding_box()
    assert box is not None and box["x"] + box["width"] <= PHONE["width"]
    # the decision's list of those commended, the indicator sets, the API tokens
    page.goto(live_server.url + f"/khen-thuong/{decision.pk}/")
    _reflows(page, "table.reflow", "Thành tích")
    page.goto(live_server.url + "/dot-bao-cao/bo-chi-tieu/")
    _reflows(page, "table.reflow", "Đơn vị tính")
    page.goto(live_server.url + "/tai-khoan/ma-truy-cap/")
    _reflows(page, "table.reflow", "Hết hạn")
