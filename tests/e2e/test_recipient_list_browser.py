"""The commune's secretariat drafts a proposal and finds the models to propose by typing a name without
diacritics into the list of recognised models (the list narrows as one types, the ticked stay in sight,
Enter sends nothing): at 1366 px and on a 390 px phone."""

import pytest
from playwright.sync_api import Page, expect

from danvan.movements.models import Field
from danvan.proposals.models import Proposal
from tests.awards_helpers import recognized_initiative
from tests.e2e.sessions import session_cookie

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.mark.parametrize("width", [1366, 390])
def test_the_proposal_list_narrows_as_one_types_without_diacritics(live_server, page: Page, world, width) -> None:
    # given three recognised models of Xã Đông Hòa and its approver, on a desktop or a phone
    culture = Field.objects.get(code="culture_society")
    road = recognized_initiative(world, title="Đường giao thông nông thôn thôn Đoàn Kết", year=2025)
    lights = recognized_initiative(world, title="Thắp sáng đường quê", year=2024, field=culture)
    market = recognized_initiative(world, title="Chợ quê văn minh", year=2025)
    page.set_default_timeout(90_000)  # a shared machine under load: slow, not wrong
    page.set_viewport_size({"width": width, "height": 844 if width < 500 else 768})
    page.context.add_cookies([session_cookie(live_server, world.client_for(world.commune_approver))])
    page.goto(live_server.url + "/de-nghi-khen-thuong/them/")
    rows = page.locator(".recipient-list li")
    count = page.locator("[data-recipient-count]")
    expect(count).to_have_text("Đang hiện 3 trong 3 mô hình đã công nhận.")

    # when they tick the lights, then type "duong giao" (no diacritics) and press Enter
    page.get_by_role("checkbox", name=lights.title).check()
    search = page.get_by_label("Tìm theo tên")
    search.press_sequentially("duong giao")
    search.press("Enter")
    # then the road (matches) and the lights (ticked) stay; the market is hidden; nothing was sent
    expect(page.get_by_role("checkbox", name=road.title)).to_be_visible()
    expect(page.get_by_role("checkbox", name=lights.title)).to_be_checked()
    expect(page.get_by_role("checkbox", name=market.title)).to_be_hidden()
    expect(count).to_have_text("Đang hiện 2 trong 3 mô hình đã công nhận.")
    expect(rows.filter(has_text=road.title)).to_contain_text("Xã Đông Hòa")
    assert page.url.endswith("/de-nghi-khen-thuong/them/") and not Proposal.objects.exists()
    if width < 500:  # the list and its filters stay on the phone's screen: no sideways scroll
        assert page.evaluate("document.documentElement.scrollWidth") <= width

    # when they narrow by year instead, 2025 leaves the road and the market (and the ticked lights)
    search.fill("")
    page.get_by_label("Năm").select_option("2025")
    expect(page.get_by_role("checkbox", name=market.title)).to_be_visible()
    expect(count).to_have_text("Đang hiện 3 trong 3 mô hình đã công nhận.")
    page.get_by_role("checkbox", name=lights.title).uncheck()
    search.press_sequentially("cho que")
    expect(page.get_by_role("checkbox", name=lights.title)).to_be_hidden()
    expect(page.get_by_role("checkbox", name=road.title)).to_be_hidden()
    expect(count).to_have_text("Đang hiện 1 trong 3 mô hình đã công nhận.")

    # and the proposal sent carries the ticked models
    page.get_by_role("checkbox", name=market.title).check()
    superior = page.get_by_role("combobox", name="Cấp quyết định (đơn vị cấp trên)")
    superior.press_sequentially("hoa binh")  # the unit picker
    page.get_by_role("listbox").get_by_role("option", name="Tỉnh Hòa Bình Mẫu").click()
    page.get_by_label("Hình thức khen thưởng").select_option("bang_khen_chuyen_de")
    page.get_by_role("button", name="Lập đề nghị").click()
    expect(page.get_by_text("Đã lập đề nghị.")).to_be_visible()
    proposal = Proposal.objects.get()
    assert list(proposal.items.values_list("initiative_id", flat=True)) == [market.pk]
