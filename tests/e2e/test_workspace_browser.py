"""A village officer's day: signed in, the returned model is at the top of the first screen; they
complete it and send it back in one action."""

import io
from pathlib import Path

import pytest
from PIL import Image
from playwright.sync_api import Page, expect

from danvan.initiatives.models import Initiative
from danvan.initiatives.services import attachment_remove, initiative_act
from tests.conftest import PASSWORD, World, registered_initiative

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _returned(world: World) -> None:
    initiative = registered_initiative(world, title="Đường giao thông nông thôn Thôn Đoàn Kết")
    initiative_act(by=world.officer, initiative=initiative, action="submit")
    initiative_act(by=world.commune_reviewer, initiative=initiative, action="return", note="Ảnh không rõ công trình")
    attachment_remove(by=world.officer, attachment=initiative.attachments.get())  # to be taken again


def _sign_in(page: Page, url: str) -> None:
    page.goto(url + "/dang-nhap/")
    page.get_by_label("Tên đăng nhập").fill("thon.canbo")
    page.get_by_label("Mật khẩu").fill(PASSWORD)
    page.get_by_role("button", name="Đăng nhập").click()


@pytest.mark.parametrize("width,height", [(1366, 768), (390, 844)])
def test_village_officer_sees_the_returned_model_first_completes_it_and_sends_it_in_one_action(
    live_server, page: Page, world: World, tmp_path: Path, width: int, height: int
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
    # the page says what the dossier lacks; no button sends it yet
    send_card = page.locator("#send")
    expect(send_card).to_contain_text("Còn thiếu trước khi gửi:")
    expect(send_card).to_contain_text("ít nhất một ảnh hoặc tài liệu minh chứng")
    expect(page.get_by_role("button", name="Gửi", exact=True)).to_have_count(0)
    # completed on the form, with a photo, and sent with one click
    send_card.get_by_role("link", name="Bổ sung hồ sơ").click()
    expect(page.locator("#missing")).to_contain_text("ít nhất một ảnh hoặc tài liệu minh chứng")
    page.get_by_label("Nội dung, cách làm").fill("Họp dân từng xóm, Nhân dân bàn và quyết định mức đóng góp.")
    page.get_by_label("Lực lượng tham gia").fill("Chi bộ, chi hội phụ nữ, đoàn thanh niên, 112 hộ.")
    page.get_by_label("Sản phẩm, kết quả đo đếm được").fill("2,5 km đường bê tông; 1.200 m² đất hiến.")
    page.get_by_label("Cách duy trì, nhân rộng").fill("Tổ tự quản bảo dưỡng; hai thôn bên cạnh làm theo.")
    page.get_by_label("Ảnh, tài liệu minh chứng").set_input_files(_photo(tmp_path))
    page.get_by_role("button", name="Gửi", exact=True).click()
    expect(page.get_by_text("đã được gửi lại bình xét cấp xã").first).to_be_visible()
    expect(page.get_by_text("Đang bình xét · Cấp xã").first).to_be_visible()
    sent = Initiative.objects.get()
    assert sent.status == "under_review" and sent.attachments.count() == 1


def _photo(folder: Path) -> str:
    out = io.BytesIO()
    Image.new("RGB", (160, 120), (40, 120, 60)).save(out, format="JPEG")
    path = folder / "duong-be-tong.jpg"
    path.write_bytes(out.getvalue())
    return str(path)
