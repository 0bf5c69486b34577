"""The review chain walked as people do it, in a phone-sized browser."""

import io
import re

import pytest
from PIL import Image
from playwright.sync_api import Browser, Page, expect

from danvan.initiatives.models import Initiative
from tests.conftest import PASSWORD

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PHONE = {"viewport": {"width": 390, "height": 844}, "locale": "vi-VN"}
TITLE = "Đường hoa “Dân vận khéo” ở Thôn Đoàn Kết"


def log_in(browser: Browser, url: str, username: str) -> Page:
    page = browser.new_context(**PHONE).new_page()
    page.goto(url + "/dang-nhap/")
    page.get_by_label("Tên đăng nhập").fill(username)
    page.get_by_label("Mật khẩu").fill(PASSWORD)
    page.get_by_role("button", name="Đăng nhập").click()
    return page


def photo(tmp_path) -> str:
    path = tmp_path / "duong-hoa.png"
    image = Image.new("RGB", (120, 80), "white")
    for x in range(120):
        image.putpixel((x, 40), (200, 30, 30))
    out = io.BytesIO()
    image.save(out, format="PNG")
    path.write_bytes(out.getvalue())
    return str(path)


def test_village_to_province_with_an_outsider_kept_out(live_server, browser: Browser, world, tmp_path) -> None:
    url = live_server.url
    # 1. the village officer writes a draft with a photo
    officer = log_in(browser, url, "thon.canbo")
    officer.get_by_role("button", name="Danh mục").click()  # on the phone the menu is folded
    officer.get_by_role("link", name="Mô hình, điển hình").first.click()
    officer.get_by_role("link", name="Đăng ký mô hình, điển hình").click()
    officer.get_by_label("Tên mô hình, điển hình").fill(TITLE)
    officer.get_by_label("Mô hình (tập thể)").check()
    officer.get_by_label("Lĩnh vực").select_option(label="Văn hóa - xã hội")
    officer.get_by_label("Tóm tắt").fill("Mỗi hộ trồng hoa trước cửa, tuyến đường hoa dài 1,2 km.")
    officer.get_by_label("Sản phẩm, kết quả đo đếm được").fill("1,2 km đường hoa; 58 hộ tham gia.")
    officer.get_by_label("Nội dung, cách làm").fill("Họp dân, chia tuyến, mỗi hộ nhận 20 m đường.")
    officer.get_by_label("Lực lượng tham gia").fill("Chi hội phụ nữ, đoàn thanh niên, 58 hộ.")
    officer.get_by_label("Cách duy trì, nhân rộng").fill("Mỗi quý chấm điểm tuyến đẹp.")
    officer.get_by_label("Ảnh, tài liệu minh chứng").set_input_files(photo(tmp_path))
    officer.get_by_role("button", name="Lưu nháp").click()
    expect(officer.get_by_role("heading", name=TITLE)).to_be_visible()
    expect(officer.get_by_text("Bản nháp").first).to_be_visible()
    thumbnail = officer.locator(".attachment img")
    expect(thumbnail).to_be_visible()
    # the thumbnail really loads (it may still be on its way when the element is visible)
    officer.wait_for_function("img => img.complete && img.naturalWidth > 0", arg=thumbnail.element_handle())
    draft_url = officer.url
    pk = int(re.search(r"/mo-hinh/(\d+)/", draft_url).group(1))

    # 2. an officer of another commune can neither see the draft nor act on it
    outsider = log_in(browser, url, "xakhac.canbo")
    outsider.goto(url + "/mo-hinh/")
    expect(outsider.get_by_text(TITLE)).to_have_count(0)
    response = outsider.goto(draft_url)
    assert response is not None and response.status == 404
    token = next(c["value"] for c in outsider.context.cookies() if c["name"] == "csrftoken")
    answer = outsider.request.post(
        f"{url}/mo-hinh/{pk}/thao-tac/",
        form={"action": "register", "expected_status": "draft"},
        headers={"X-CSRFToken": token, "Referer": url + "/"},
    )
    assert answer.status == 404
    assert Initiative.objects.get(pk=pk).status == "draft"

    # 3. the officer registers it and sends it to the commune in one action
    officer.goto(draft_url)
    officer.get_by_role("button", name="Gửi", exact=True).click()
    expect(officer.get_by_text("Đang bình xét · Cấp xã").first).to_be_visible()

    # 4. the commune reviewer scores it, recognises it and forwards it
    reviewer = log_in(browser, url, "xa.thamdinh")
    reviewer.get_by_role("button", name="Danh mục").click()
    reviewer.get_by_role("link", name="Bình xét", exact=True).click()
    reviewer.get_by_role("link", name=TITLE).click()
    for box in reviewer.locator(".score-form input[inputmode=decimal]").all():
        box.fill("9")
    reviewer.get_by_label("Nhận xét").fill("Cách làm hay, Nhân dân đồng tình.")
    reviewer.get_by_role("button", name="Lưu phiếu chấm điểm").click()
    expect(reviewer.get_by_text("Đã lưu phiếu chấm điểm")).to_be_visible()
    expect(reviewer.get_by_text("90/100")).to_be_visible()
    reviewer.get_by_role("button", name="Công nhận", exact=True).click()
    # an irreversible action asks first, saying what will happen
    expect(reviewer.get_by_role("heading", name="Xác nhận: Công nhận")).to_be_visible()
    expect(reviewer.get_by_text("Việc công nhận không hoàn tác được")).to_be_visible()
    reviewer.locator(".confirm").get_by_role("button", name="Công nhận", exact=True).click()
    expect(reviewer.get_by_text(f"“{TITLE}” đã được công nhận cấp xã.")).to_be_visible()
    reviewer.goto(f"{url}/mo-hinh/{pk}/")
    reviewer.get_by_role("button", name="Đề nghị cấp trên").click()
    reviewer.locator(".confirm").get_by_role("button", name="Đề nghị cấp trên").click()
    expect(reviewer.get_by_text("Đang bình xét · Cấp tỉnh").first).to_be_visible()

    # 5. the province approver recognises it and marks it exemplary
    approver = log_in(browser, url, "tinh.pheduyet")
    expect(approver.locator(".badge")).to_have_text("1")
    approver.get_by_role("button", name="Danh mục").click()
    approver.get_by_role("link", name="Bình xét", exact=True).click()
    approver.get_by_role("link", name=TITLE).click()
    # no recognition before the province's score sheet; a decimal comma is a score
    expect(approver.get_by_role("button", name="Công nhận", exact=True)).to_have_count(0)
    for box in approver.locator(".score-form input[inputmode=decimal]").all():
        box.fill("8,5")
    approver.get_by_role("button", name="Lưu phiếu chấm điểm").click()
    expect(approver.get_by_text("85/100")).to_be_visible()
    approver.get_by_role("button", name="Công nhận", exact=True).click()
    approver.locator(".confirm").get_by_role("button", name="Công nhận", exact=True).click()
    expect(approver.get_by_text(f"“{TITLE}” đã được công nhận cấp tỉnh.")).to_be_visible()
    approver.goto(f"{url}/mo-hinh/{pk}/")
    approver.get_by_role("button", name="Chọn là tiêu biểu").click()
    expect(approver.locator(".status-exemplary").first).to_have_text("Tiêu biểu")
    timeline = approver.locator(".timeline")
    for step in [
        "Tạo bản nháp",
        "Thêm tệp đính kèm",
        "Gửi bình xét",
        "Chấm điểm",
        "Đề nghị cấp trên",
        "Chọn là tiêu biểu",
    ]:
        expect(timeline).to_contain_text(step)
    initiative = Initiative.objects.get(pk=pk)
    assert (initiative.status, initiative.recognized_level, initiative.exemplary) == ("recognized", "province", True)

    # 6. and the officer is told
    officer.goto(url + "/thong-bao/")
    expect(officer.get_by_text("được chọn là tiêu biểu cấp tỉnh").first).to_be_visible()
