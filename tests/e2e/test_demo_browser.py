"""The demo as a visitor meets it: `danvan demo` started once (a subprocess, nothing else started by
hand), the demo leader asks the dashboard for the year's Word report and downloads it, on a desktop
and on a phone."""

import io
import re
from collections.abc import Iterator
from pathlib import Path

import docx
import pytest
from playwright.sync_api import Browser, Page, expect

from danvan.site.demo import DEMO_PASSWORD
from tests.demo_helpers import Demo, demo_environment

pytestmark = [pytest.mark.browser]


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Demo]:
    environment = demo_environment(tmp_path_factory.mktemp("demo-browser-var"), "demo_browser")
    running = Demo(next(environment), tmp_path_factory.mktemp("demo-browser-log"))
    try:
        yield running
        assert running.stop("ctrl-c") == 0, running.output()
    finally:
        running.kill()
        environment.close()


@pytest.mark.parametrize("width,height", [(1366, 768), (390, 844)])
def test_demo_leader_gets_the_word_report_from_the_dashboard(
    demo: Demo, page: Page, tmp_path: Path, width: int, height: int
) -> None:
    page.set_viewport_size({"width": width, "height": height})
    page.goto(demo.url + "/dang-nhap/")
    page.get_by_label("Tên đăng nhập").fill("lanhdao")
    page.get_by_label("Mật khẩu").fill(DEMO_PASSWORD)
    page.get_by_role("button", name="Đăng nhập").click()
    if width < 600:
        page.get_by_role("button", name="Danh mục").click()
    page.get_by_role("link", name="Thống kê", exact=True).click()
    page.get_by_label("Năm", exact=True).fill("2025")
    page.get_by_role("button", name="Xem").click()
    expect(page.get_by_role("heading", name=re.compile("Tỉnh Phú Thọ, năm 2025"))).to_be_visible()
    page.get_by_label("Định dạng").select_option("docx")
    page.get_by_role("button", name=re.compile("Tạo báo cáo")).click()
    # the worker the demo started makes it: the page offers the file, never "not running"
    download_link = page.locator("#report-status").get_by_role("link", name=re.compile("Tải về"))
    expect(download_link).to_be_visible(timeout=90_000)
    expect(page.locator(".job-no-worker")).to_have_count(0)
    with page.expect_download() as info:
        download_link.click()
    path = tmp_path / info.value.suggested_filename
    info.value.save_as(path)
    assert path.suffix == ".docx"
    paragraphs = [p.text for p in docx.Document(io.BytesIO(path.read_bytes())).paragraphs]
    assert any("năm 2025" in text for text in paragraphs)


def test_without_scripts_the_report_still_arrives(demo: Demo, browser: Browser, tmp_path: Path) -> None:
    """A click before the page's scripts have loaded (a slow link) or with none: the form posts as a
    page, the dashboard names the report and where it stands, and a link looks again until it is made."""
    context = browser.new_context(viewport={"width": 390, "height": 844}, locale="vi-VN", java_script_enabled=False)
    page = context.new_page()
    page.goto(demo.url + "/dang-nhap/")
    page.get_by_label("Tên đăng nhập").fill("lanhdao")
    page.get_by_label("Mật khẩu").fill(DEMO_PASSWORD)
    page.get_by_role("button", name="Đăng nhập").click()
    page.goto(demo.url + "/thong-ke/?nam=2025")
    page.get_by_label("Định dạng").select_option("docx")
    page.get_by_role("button", name=re.compile("Tạo báo cáo")).click()
    status = page.locator("#report-status")
    expect(status).to_contain_text("báo cáo Word")
    download_link = status.get_by_role("link", name=re.compile("Tải về"))
    for _ in range(45):
        if download_link.count():
            break
        page.wait_for_timeout(2_000)
        status.get_by_role("link", name="Xem lại tình trạng").click()
    with page.expect_download() as info:
        download_link.click()
    path = tmp_path / info.value.suggested_filename
    info.value.save_as(path)
    assert any("năm 2025" in p.text for p in docx.Document(io.BytesIO(path.read_bytes())).paragraphs)
    context.close()
