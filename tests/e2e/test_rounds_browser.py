"""A commune officer fills and sends the round's report, on a desktop and on a 390 px phone; the
province reads who has sent, writes its own part and downloads the Word report of the half."""

import datetime
import re

import docx
import pytest
from django.core.management import call_command
from django.utils import timezone
from playwright.sync_api import Browser, Page, expect

from danvan.orgs.models import Role
from danvan.rounds.models import IndicatorSet, Submission, SubmissionStatus
from danvan.rounds.services import round_open
from tests.conftest import PASSWORD, make_user

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

SCREENS = {
    "desktop": {"viewport": {"width": 1366, "height": 900}, "locale": "vi-VN"},
    "phone": {"viewport": {"width": 390, "height": 844}, "locale": "vi-VN"},
}
TITLE = "Báo cáo công tác dân vận 6 tháng đầu năm 2026"


def log_in(browser: Browser, url: str, username: str, screen: str) -> Page:
    page = browser.new_context(**SCREENS[screen]).new_page()
    page.goto(url + "/dang-nhap/")
    page.get_by_label("Tên đăng nhập").fill(username)
    page.get_by_label("Mật khẩu").fill(PASSWORD)
    page.get_by_role("button", name="Đăng nhập").click()
    return page


def fits(page: Page) -> bool:
    return page.evaluate("document.documentElement.scrollWidth <= window.innerWidth + 1")


@pytest.mark.parametrize("screen", ["desktop", "phone"])
def test_commune_officer_fills_and_sends(live_server, browser: Browser, world, screen: str) -> None:
    url = live_server.url
    make_user("c1.canbo", "Phạm Thị Lan", (world.commune, Role.OFFICER))
    the_round = round_open(
        by=world.approver,
        unit=world.province,
        title=TITLE,
        date_from=datetime.date(2026, 1, 1),
        date_to=datetime.date(2026, 6, 30),
        due=timezone.localdate() + datetime.timedelta(days=10),
        indicator_set=IndicatorSet.objects.get(code="dan-van"),
    )
    # 1. the officer finds the round waiting for the commune
    officer = log_in(browser, url, "c1.canbo", screen)
    officer.goto(url + "/dot-bao-cao/")
    officer.get_by_role("link", name=TITLE).first.click()
    expect(officer.get_by_role("heading", name="Xã Đông Hòa")).to_be_visible()
    assert fits(officer)
    # 2. a draft with a mistake: a negative count is refused, what was typed is kept
    officer.get_by_label("Cuộc đối thoại, tiếp xúc với Nhân dân (cuộc)").fill("12")
    officer.get_by_label("Vụ việc hòa giải ở cơ sở (vụ)").fill("-3")
    officer.get_by_label("Kết quả thực hiện công tác dân vận").fill("Tổ chức 12 cuộc đối thoại với Nhân dân.")
    officer.get_by_role("button", name="Lưu bản nháp").click()
    expect(officer.get_by_text("Không được là số âm")).to_be_visible()
    expect(officer.get_by_label("Cuộc đối thoại, tiếp xúc với Nhân dân (cuộc)")).to_have_value("12")
    assert Submission.objects.get(round=the_round, unit=world.commune).status == SubmissionStatus.PENDING
    # 3. corrected, saved as a draft, then sent
    officer.get_by_label("Vụ việc hòa giải ở cơ sở (vụ)").fill("10")
    officer.get_by_label("Vụ việc hòa giải thành (vụ)").fill("9")
    officer.get_by_role("button", name="Lưu bản nháp").click()
    expect(officer.get_by_text("Đã lưu bản nháp.")).to_be_visible()
    expect(officer.get_by_text("Tỷ lệ hòa giải thành: 90%")).to_be_visible()
    officer.get_by_role("button", name="Gửi báo cáo").click()
    expect(officer.get_by_text("Đã gửi báo cáo.")).to_be_visible()
    expect(officer.locator(".status")).to_have_text("Đã gửi")
    assert fits(officer)
    # 4. the province sees one of two communes sent, and who has not
    province = log_in(browser, url, "tinh.pheduyet", screen)
    province.goto(f"{url}/dot-bao-cao/{the_round.pk}/")
    expect(province.get_by_role("heading", name="Đã gửi 1/2 đơn vị")).to_be_visible()
    expect(province.locator(".missing")).to_contain_text("Phường Tây Sơn")
    assert fits(province)
    # 5. the province secretariat writes its own part, makes the Word report of the half with the round
    #    and downloads it
    province.goto(f"{url}/thong-ke/P1/?nam=2026&ky=6t")
    province.get_by_role("link", name=re.compile("Soạn phần đánh giá")).click()
    expect(province.get_by_role("heading", name="Báo cáo 6 tháng đầu năm 2026 của tỉnh Hòa Bình Mẫu")).to_be_visible()
    province.get_by_label("II. Đánh giá chung").fill("Các xã triển khai đồng bộ; Phường Tây Sơn chưa gửi báo cáo.")
    province.get_by_role("button", name="Lưu nội dung").click()
    expect(province.get_by_text("Đã lưu nội dung báo cáo 6 tháng đầu năm 2026.")).to_be_visible()
    province.get_by_label("Gồm báo cáo của các đơn vị trong đợt").select_option(label=TITLE)
    assert fits(province)
    province.get_by_role("button", name="Tạo báo cáo 6 tháng đầu năm 2026").click()
    expect(province.locator("#report-status")).to_contain_text("Đang chờ")
    call_command("db_worker", "--batch", "--no-reload", "--no-startup-delay", "--interval", "0.1")
    download_link = province.get_by_role("link", name=re.compile("Tải về"))
    expect(download_link).to_be_visible(timeout=15_000)
    with province.expect_download() as info:
        download_link.click()
    document = docx.Document(info.value.path())
    text = "\n".join(p.text for p in document.paragraphs)
    assert "Kết quả thực hiện phong trào thi đua “Dân vận khéo” 6 tháng đầu năm 2026" in text
    assert f"Đợt “{TITLE}”: 1/2 đơn vị đã gửi báo cáo; chưa gửi: Phường Tây Sơn." in text
    assert "Xã Đông Hòa (kết quả thực hiện công tác dân vận): Tổ chức 12 cuộc đối thoại với Nhân dân." in text
    assert "Các xã triển khai đồng bộ; Phường Tây Sơn chưa gửi báo cáo." in text
    assert "[Phần để" not in text
