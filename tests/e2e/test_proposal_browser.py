"""The secretariat's path through the commendation track, in a desktop and a phone-sized browser:
the commune proposes three models to the province with their dossier, the province's council votes,
the decision awards the two that passed and is issued. Two of the models belong to one village: the
vote form and the decision page tell them apart by the model's name (the "Thành tích" column).

At 1366 px and on a 390 px phone (where the menu opens with "Danh mục")."""

import pytest
from playwright.sync_api import Browser, Page, expect

from tests.conftest import PASSWORD
from tests.proposals_helpers import PDF, province_council, three_models

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

SIZES = {"desktop": {"width": 1366, "height": 768}, "phone": {"width": 390, "height": 844}}


def log_in(browser: Browser, url: str, username: str, size: str) -> Page:
    context = browser.new_context(viewport=SIZES[size], locale="vi-VN")
    context.set_default_timeout(90_000)  # a shared machine under load: slow, not wrong
    context.set_default_navigation_timeout(90_000)
    page = context.new_page()
    page.goto(url + "/dang-nhap/")
    page.get_by_label("Tên đăng nhập").fill(username)
    page.get_by_label("Mật khẩu").fill(PASSWORD)
    page.get_by_role("button", name="Đăng nhập").click()
    return page


def open_menu_link(page: Page, size: str, name: str) -> None:
    if size == "phone":
        page.get_by_role("button", name="Danh mục").click()  # on the phone the menu is folded
    page.get_by_role("navigation", name="Điều hướng chính").get_by_role("link", name=name).click()


def upload(page: Page, document: str, tmp_path) -> None:
    path = tmp_path / "ban-ky.pdf"
    path.write_bytes(PDF)
    page.get_by_label("Văn bản").select_option(label=document)
    page.get_by_label("Bản đã ký, đóng dấu (PDF hoặc ảnh)").set_input_files(str(path))
    page.get_by_role("button", name="Tải lên bản ký").click()
    # the page the upload answers with (the previous upload's message may still be on the old one)
    expect(page.locator(".dossier tbody tr").filter(has_text=document)).to_contain_text("ban-ky.pdf")
    expect(page.get_by_text("Đã tải lên bản ký.")).to_be_visible()


@pytest.mark.parametrize("size", ["desktop", "phone"])
def test_the_secretariat_walks_a_proposal_to_its_decision(live_server, browser: Browser, world, tmp_path, size) -> None:
    url = live_server.url
    models = three_models(world)
    province_council(world)

    # the commune's secretariat proposes the three models to the province
    commune = log_in(browser, url, "xa.pheduyet", size)
    open_menu_link(commune, size, "Đề nghị khen thưởng")
    commune.get_by_role("link", name="Lập đề nghị").click()
    expect(commune.get_by_role("combobox", name="Đơn vị đề nghị")).to_have_value("Xã Đông Hòa (Tỉnh Hòa Bình Mẫu)")
    superior = commune.get_by_role("combobox", name="Cấp quyết định (đơn vị cấp trên)")
    superior.press_sequentially("hoa binh")  # the unit picker: typed without diacritics
    commune.get_by_role("listbox").get_by_role("option", name="Tỉnh Hòa Bình Mẫu").click()
    expect(superior).to_have_value("Tỉnh Hòa Bình Mẫu")
    commune.get_by_label("Hình thức khen thưởng").select_option(label="Bằng khen theo chuyên đề")
    commune.get_by_label("Số tờ trình").fill("45/TTr-UBND")
    for model in models:
        commune.get_by_label(model.title, exact=False).check()
    commune.get_by_role("button", name="Lập đề nghị").click()
    expect(commune.get_by_text("Đã lập đề nghị.")).to_be_visible()
    expect(commune.locator(".preferred")).to_have_count(1)  # the collective with 75 % women

    # it cannot go to the council while a document is missing, and the page says which
    expect(commune.get_by_role("status").filter(has_text="Hồ sơ còn thiếu")).to_contain_text(
        "Tờ trình đề nghị khen thưởng (Mẫu 01)"
    )
    commune.get_by_role("button", name="Trình hội đồng").click()
    expect(commune.get_by_text("Hồ sơ còn thiếu: Tờ trình đề nghị khen thưởng (Mẫu 01)").first).to_be_visible()
    upload(commune, "Tờ trình đề nghị khen thưởng (Mẫu 01)", tmp_path)
    upload(commune, "Báo cáo thành tích", tmp_path)
    with commune.expect_download() as download:
        commune.locator(".dossier").get_by_role("link", name="Tải (.docx)").first.click()
    assert download.value.suggested_filename.startswith("to-trinh-")
    commune.get_by_role("button", name="Trình hội đồng").click()
    # it asks first, saying the list and the dossier cannot be changed after
    expect(commune.get_by_role("heading", name="Xác nhận trình hội đồng")).to_be_visible()
    expect(commune.get_by_text("không sửa được nữa", exact=False)).to_be_visible()
    commune.get_by_role("button", name="Trình hội đồng").click()
    expect(commune.get_by_text("Đã trình hội đồng.")).to_be_visible()
    proposal_url = commune.url

    # the province records the council's vote: 14 of 20 present, the third item a vote short
    province = log_in(browser, url, "tinh.pheduyet", size)
    province.goto(proposal_url)
    province.get_by_role("link", name="Ghi kết quả bỏ phiếu").click()
    province.get_by_label("Hội đồng").select_option(label="Hội đồng Thi đua - Khen thưởng tỉnh")
    province.get_by_label("Số thành viên có mặt").fill("14")
    # each row names the model: two of them are the same village's
    for model, (agree, written) in zip(models, [(14, 4), (13, 5), (13, 4)], strict=True):
        row = province.locator(".vote-items tbody tr").filter(has_text=model.title)
        expect(row).to_have_count(1)
        row.get_by_label("Đồng ý tại hội nghị", exact=False).fill(str(agree))
        row.get_by_label("Đồng ý bằng văn bản", exact=False).fill(str(written))
    province.get_by_role("button", name="Ghi kết quả").click()
    expect(province.get_by_text("Đã ghi kết quả bỏ phiếu.")).to_be_visible()
    results = province.locator(".proposal-items tbody tr")
    expect(results.filter(has_text=models[0].title)).to_contain_text("Đạt")
    expect(results.filter(has_text=models[2].title)).to_contain_text("Không đạt")
    upload(province, "Biên bản họp xét khen thưởng", tmp_path)

    # and decides: the draft awards the two that passed, then is issued
    province.get_by_role("link", name="Lập quyết định khen thưởng").click()
    province.get_by_label("Số, ký hiệu quyết định").fill("2559/QĐ-UBND")
    province.get_by_label("Người ký", exact=True).fill("Nguyễn Văn Hùng")
    province.get_by_label("Chức vụ người ký").fill("Chủ tịch")
    province.get_by_role("button", name="Lập dự thảo quyết định").click()
    expect(province.get_by_text("Đã lập dự thảo quyết định 2559/QĐ-UBND.")).to_be_visible()
    expect(province.locator("main")).to_contain_text("Căn cứ Nghị định số 152/2025/NĐ-CP")
    # the award rows carry the achievement: the model's name for a collective
    awards = province.locator("main table").first.locator("tbody tr")
    expect(awards).to_have_count(2)
    for model in models[:2]:
        expect(awards.filter(has_text=model.title)).to_contain_text(model.unit.name)
    expect(province.locator("main")).not_to_contain_text(models[2].title)
    province.get_by_role("button", name="Ban hành").click()
    # issuing asks first, listing who is commended for what
    confirm = province.locator(".confirm")
    for model in models[:2]:
        expect(confirm.get_by_role("listitem").filter(has_text=model.title)).to_have_count(1)
    confirm.get_by_role("button", name="Ban hành quyết định").click()
    expect(province.get_by_text("Đã ban hành quyết định 2559/QĐ-UBND.")).to_be_visible()
