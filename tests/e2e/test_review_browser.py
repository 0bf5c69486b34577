"""A reviewer cannot recognise an unscored model, scores it with a decimal comma and sees the
running total against the pass mark, the dossier beside the score sheet: at 1366 px and on a 390 px phone."""

from decimal import Decimal

import pytest
from playwright.sync_api import Browser, expect

from danvan.initiatives.models import Initiative, Status
from danvan.initiatives.services import initiative_act
from danvan.movements.selectors import criteria_set_for
from danvan.reviews.services import score_text
from tests.conftest import PASSWORD, registered_initiative

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

TITLE = "Tổ tự quản “Ngõ sạch, nhà xanh” ở Thôn Đoàn Kết"
SUMMARY = "Mười hai hộ thay nhau quét ngõ mỗi sáng thứ bảy."


@pytest.mark.parametrize("width,height", [(1366, 768), (390, 844)], ids=["desktop", "phone"])
def test_reviewer_cannot_recognise_unscored_and_enters_a_decimal_comma(
    live_server, browser: Browser, world, width: int, height: int
) -> None:
    initiative = initiative_act(
        by=world.officer, initiative=registered_initiative(world, title=TITLE, summary=SUMMARY), action="submit"
    )
    criteria_set = criteria_set_for(kind=initiative.kind, programme_id=initiative.programme_id)
    criteria_set.pass_mark, criteria_set.pass_mark_basis = Decimal(70), "Quy chế bình xét số 12-QC/BCĐ"
    criteria_set.save()
    criteria = list(criteria_set.criteria.all())
    expected = Decimal("8.5") * criteria[0].weight + sum((Decimal(8) * c.weight for c in criteria[1:]), Decimal(0))

    page = browser.new_context(viewport={"width": width, "height": height}, locale="vi-VN").new_page()
    page.goto(live_server.url + "/dang-nhap/")
    page.get_by_label("Tên đăng nhập").fill("xa.thamdinh")
    page.get_by_label("Mật khẩu").fill(PASSWORD)
    page.get_by_role("button", name="Đăng nhập").click()
    if width < 640:
        page.get_by_role("button", name="Danh mục").click()  # on the phone the menu is folded
    page.get_by_role("link", name="Bình xét", exact=True).click()
    page.get_by_role("link", name=TITLE).click()

    # the dossier beside the score sheet; no "Công nhận" before a score sheet
    expect(page.get_by_text(SUMMARY)).to_be_visible()
    expect(page.get_by_role("button", name="Công nhận", exact=True)).to_have_count(0)
    dossier = page.locator(".review-dossier").bounding_box()
    sheet = page.locator(".score-form").bounding_box()
    assert dossier and sheet
    if width >= 1000:
        assert sheet["x"] > dossier["x"] + dossier["width"] - 1  # side by side
    else:
        assert sheet["x"] + sheet["width"] <= width and sheet["y"] < dossier["y"]  # stacked, the sheet first

    boxes = page.locator(".score-form input[inputmode=decimal]").all()
    assert len(boxes) == len(criteria)
    # the running total against the pass mark: below it, then above it
    expect(page.get_by_text("Điểm đạt: 70")).to_be_visible()
    for box in boxes:
        box.fill("6")
    expect(page.locator("#score-verdict")).to_have_text("chưa đạt")
    boxes[0].fill("8,5")
    for box in boxes[1:]:
        box.fill("8")
    # the project's script updates the total as the reviewer types
    expect(page.locator("#score-total")).to_have_text(score_text(expected))
    expect(page.locator("#score-verdict")).to_have_text("đạt")
    page.get_by_role("button", name="Lưu phiếu chấm điểm").click()
    expect(page.get_by_text("Đã lưu phiếu chấm điểm")).to_be_visible()
    expect(page.locator("#score-total")).to_have_text(score_text(expected))  # the server's total
    assert initiative.reviews.get().scores.order_by("criterion__sort", "pk").first().score == Decimal("8.5")

    page.get_by_role("button", name="Công nhận", exact=True).click()
    page.locator(".confirm").get_by_role("button", name="Công nhận", exact=True).click()
    expect(page.get_by_text("đã được công nhận cấp xã.")).to_be_visible()
    assert Initiative.objects.get(pk=initiative.pk).status == Status.RECOGNIZED
