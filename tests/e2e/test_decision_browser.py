"""The secretariat drafts a decision, picks the issuing unit by typing "phu tho" (no code typed), and
confirms issuing it after reading what will happen: on a desktop and on a 390 px phone."""

import pytest
from playwright.sync_api import Page, expect

from danvan.awards.models import Decision, DecisionStatus
from danvan.orgs.models import Role
from danvan.orgs.services import unit_create
from tests.conftest import make_user
from tests.e2e.sessions import session_cookie

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.mark.parametrize("width", [1366, 390])
def test_secretariat_picks_the_issuer_by_typing_and_confirms_issuing(live_server, page: Page, world, width) -> None:
    # given the province's secretariat (an approver of Tỉnh Phú Thọ), on a desktop or a phone
    su = world.superuser
    province = unit_create(by=su, code="25", name="Tỉnh Phú Thọ", kind="province", parent=world.root)
    unit_create(by=su, code="25-1", name="Phường Phú Thọ", kind="commune", parent=province)
    unit_create(by=su, code="25-2", name="Xã Phù Ninh", kind="commune", parent=province)
    secretariat = make_user("pt.vanphong", "Phạm Thu Hà", (province, Role.APPROVER))
    page.set_viewport_size({"width": width, "height": 844 if width < 500 else 768})
    page.context.add_cookies([session_cookie(live_server, world.client_for(secretariat))])

    # when they draft a decision and type "phu tho" where the issuing unit is chosen
    page.goto(live_server.url + "/khen-thuong/them/")
    expect(page.locator("main")).not_to_contain_text("Mã đơn vị")
    page.get_by_label("Số, ký hiệu").fill("15/QĐ-UBND")
    page.get_by_label("Ngày ký (dd/mm/yyyy)").fill("15/12/2025")
    issuer = page.get_by_role("combobox", name="Đơn vị ban hành")
    expect(issuer).to_have_value("Tỉnh Phú Thọ")  # their own unit, by name
    issuer.fill("")
    issuer.press_sequentially("phu tho")
    options = page.get_by_role("listbox").get_by_role("option")
    # then both units named so are offered, each with the unit above it; not "Xã Phù Ninh"
    expect(options).to_have_count(2)
    expect(options.nth(0)).to_contain_text("Tỉnh Phú Thọ")
    expect(options.nth(1)).to_contain_text("Phường Phú Thọ")
    expect(options.nth(1)).to_contain_text("Tỉnh Phú Thọ")  # its parent
    if width < 500:  # the list stays on the phone's screen: no sideways scroll
        box = page.locator(".unit-picker-list").bounding_box()
        assert box is not None and box["x"] >= 0 and box["x"] + box["width"] <= width
    options.nth(1).click()
    expect(issuer).to_have_value("Phường Phú Thọ (Tỉnh Phú Thọ)")
    page.get_by_label("Hình thức khen thưởng").select_option("giay_khen")
    page.get_by_label("Người ký", exact=True).fill("Phạm Thu Hà")
    page.get_by_label("Chức vụ người ký").fill("CHỦ TỊCH")
    page.get_by_label("Tập thể khác").fill("Hội Liên hiệp Phụ nữ phường Phú Thọ")
    page.get_by_role("button", name="Lưu dự thảo").click()
    expect(page.get_by_text("Đã lưu dự thảo quyết định 15/QĐ-UBND.")).to_be_visible()
    decision = Decision.objects.get(number="15/QĐ-UBND")
    assert decision.issuer_unit.code == "25-1"

    # when they press "Ban hành", the page says what will happen before anything is done
    page.get_by_role("button", name="Ban hành").click()
    expect(page.get_by_role("heading", name="Xác nhận ban hành quyết định 15/QĐ-UBND")).to_be_visible()
    expect(page.locator(".confirm")).to_contain_text("không sửa được nữa")
    expect(page.locator(".confirm-items")).to_contain_text("Hội Liên hiệp Phụ nữ phường Phú Thọ")
    assert Decision.objects.get(pk=decision.pk).status == DecisionStatus.DRAFT
    if width < 500:
        assert page.evaluate("document.documentElement.scrollWidth") <= width
    # and confirming issues it
    page.get_by_role("button", name="Ban hành quyết định").click()
    expect(page.get_by_text("Đã ban hành quyết định 15/QĐ-UBND.")).to_be_visible()
    assert Decision.objects.get(pk=decision.pk).status == DecisionStatus.ISSUED
