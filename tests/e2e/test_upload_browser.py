"""Uploads on a slow link, in the browser: a file over the limit is refused before anything is sent;
a slow upload shows its progress; an upload broken off writes nothing; sent again, it is saved."""

import os
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from danvan.initiatives.models import Attachment, Initiative
from tests.conftest import PASSWORD, World

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

TITLE = "Tổ hòa giải ở cơ sở Thôn Đoàn Kết"


def _file(folder: Path, name: str, size: int) -> str:
    path = folder / name
    path.write_bytes(os.urandom(size))
    return str(path)


def _photo(folder: Path, name: str, side: int) -> str:
    """A JPEG of noise: about side² bytes, so the upload takes a while on a slow link."""
    from PIL import Image

    path = folder / name
    Image.frombytes("RGB", (side, side), os.urandom(side * side * 3)).save(path, format="JPEG", quality=95)
    return str(path)


@pytest.mark.parametrize("width,height", [(1366, 768), (390, 844)])
def test_size_checked_before_sending_progress_shown_and_a_broken_upload_writes_nothing(
    live_server, page: Page, world: World, settings, tmp_path: Path, width: int, height: int
) -> None:
    settings.DANVAN_ATTACHMENT_MAX_BYTES = 1024 * 1024  # 1 MB here, so the files stay small
    page.set_viewport_size({"width": width, "height": height})
    page.goto(live_server.url + "/dang-nhap/")
    page.get_by_label("Tên đăng nhập").fill("thon.canbo")
    page.get_by_label("Mật khẩu").fill(PASSWORD)
    page.get_by_role("button", name="Đăng nhập").click()
    page.goto(live_server.url + "/mo-hinh/dang-ky/")
    posts: list[str] = []
    page.on("request", lambda r: posts.append(r.url) if r.method == "POST" else None)
    page.get_by_label("Tên mô hình, điển hình").fill(TITLE)
    page.get_by_label("Mô hình (tập thể)").check()
    page.get_by_label("Lĩnh vực").select_option(label="Quốc phòng - an ninh")
    files = page.get_by_label("Ảnh, tài liệu minh chứng")
    expect(files).to_have_attribute(
        "accept", "image/jpeg,image/png,image/webp,application/pdf,.pdf,.docx,.jpg,.jpeg,.png,.webp"
    )
    # 1. a 1,5 MB photo: named at once, and "Lưu nháp" sends nothing
    files.set_input_files(_file(tmp_path, "anh-qua-lon.jpg", 1536 * 1024))
    expect(page.locator(".upload-note")).to_contain_text("Tệp “anh-qua-lon.jpg” nặng 1,5 MB, quá giới hạn 1 MB mỗi tệp")
    page.get_by_role("button", name="Lưu nháp").click()
    page.wait_for_timeout(300)
    assert posts == [] and not Initiative.objects.exists()
    # 2. a photo under the limit on a slow link: a progress bar; the link breaks: nothing written
    files.set_input_files(_photo(tmp_path, "anh-hop-le.jpg", 480))
    expect(page.locator(".upload-note")).to_be_hidden()
    cdp = page.context.new_cdp_session(page)
    cdp.send("Network.enable")
    slow = {"offline": False, "latency": 20, "downloadThroughput": 1_000_000, "uploadThroughput": 40_000}
    cdp.send("Network.emulateNetworkConditions", slow)
    page.get_by_role("button", name="Lưu nháp").click()
    progress = page.locator(".upload-progress")
    expect(progress).to_contain_text("Đang tải lên:")
    expect(progress.locator("progress")).to_be_visible()
    page.wait_for_function("() => document.querySelector('.upload-progress progress').value > 0")
    page.evaluate("() => document.querySelector('.initiative-form').danvanUpload.abort()")
    expect(page.locator(".upload-note")).to_contain_text(
        "Đường truyền bị ngắt khi đang tải lên nên chưa có gì được lưu"
    )
    expect(progress).to_have_count(0)
    page.wait_for_timeout(500)  # whatever reached the server was refused
    assert not Initiative.objects.exists() and not Attachment.objects.exists()
    # 3. sent again on a good link: saved with its photo, the page shows the result
    cdp.send(
        "Network.emulateNetworkConditions", {**slow, "uploadThroughput": -1, "downloadThroughput": -1, "latency": 0}
    )
    page.get_by_role("button", name="Lưu nháp").click()
    expect(page.get_by_role("heading", name=TITLE)).to_be_visible()
    expect(page.get_by_text(f"Đã lưu “{TITLE}”.")).to_be_visible()
    assert "/mo-hinh/" in page.url and "/dang-ky/" not in page.url
    initiative = Initiative.objects.get()
    assert initiative.attachments.count() == 1 and initiative.status == "draft"
    # the page shown is a working page: its own script runs (the phone menu opens)
    if width < 600:
        toggle = page.get_by_role("button", name="Danh mục")
        toggle.click()
        expect(toggle).to_have_attribute("aria-expanded", "true")


def _log_in(page: Page, url: str, username: str, width: int, height: int) -> None:
    page.set_viewport_size({"width": width, "height": height})
    page.goto(url + "/dang-nhap/")
    page.get_by_label("Tên đăng nhập").fill(username)
    page.get_by_label("Mật khẩu").fill(PASSWORD)
    page.get_by_role("button", name="Đăng nhập").click()
    expect(page.get_by_role("button", name="Đăng nhập")).to_have_count(0)


@pytest.mark.parametrize("width,height", [(1366, 768), (390, 844)])
def test_a_spreadsheet_over_the_import_limit_is_stopped_before_sending(
    live_server, page: Page, world: World, settings, tmp_path: Path, width: int, height: int
) -> None:
    from danvan.imports.models import ImportJob
    from tests.import_helpers import row, write_xlsx

    settings.DANVAN_IMPORT_MAX_BYTES = 1024 * 1024
    _log_in(page, live_server.url, "thon.canbo", width, height)
    page.goto(live_server.url + "/nhap-lieu/")
    posts: list[str] = []
    page.on("request", lambda r: posts.append(r.url) if r.method == "POST" else None)
    sheet = page.get_by_label("Tệp Excel (.xlsx) theo mẫu")
    expect(sheet).to_have_attribute("accept", ".xlsx,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
    # a 1,5 MB spreadsheet: named at once, and neither button sends anything
    sheet.set_input_files(_file(tmp_path, "so-lieu-ca-tinh.xlsx", 1536 * 1024))
    expect(page.locator(".upload-note")).to_contain_text(
        "Tệp “so-lieu-ca-tinh.xlsx” nặng 1,5 MB, quá giới hạn 1 MB của một lần nhập"
    )
    page.get_by_role("button", name="Kiểm tra và nhập").click()
    page.get_by_role("button", name="Kiểm tra tệp (chưa ghi)").click()
    page.wait_for_timeout(300)
    assert posts == [] and not ImportJob.objects.exists()
    # a spreadsheet under the limit goes, and the page shows the result
    sheet.set_input_files(str(write_xlsx(tmp_path / "so-lieu.xlsx", [row(title="Một"), row(title="Hai")])))
    expect(page.locator(".upload-note")).to_be_hidden()
    page.get_by_role("button", name="Kiểm tra và nhập").click()
    expect(page.get_by_role("heading", name="Nhập tệp so-lieu.xlsx")).to_be_visible()
    expect(page.locator("#import-status")).to_contain_text("đã nhập 2 mô hình, điển hình")
    assert ImportJob.objects.get().created_rows == 2


@pytest.mark.parametrize("width,height", [(1366, 768), (390, 844)])
def test_a_signed_scan_over_the_limit_is_stopped_before_sending(
    live_server, page: Page, world: World, settings, tmp_path: Path, width: int, height: int
) -> None:
    from danvan.proposals.models import DossierFile
    from tests.proposals_helpers import PDF, commune_proposal, three_models

    settings.DANVAN_ATTACHMENT_MAX_BYTES = 1024 * 1024
    proposal = commune_proposal(world, three_models(world))
    _log_in(page, live_server.url, "xa.pheduyet", width, height)
    page.goto(f"{live_server.url}/de-nghi-khen-thuong/{proposal.pk}/")
    posts: list[str] = []
    page.on("request", lambda r: posts.append(r.url) if r.method == "POST" else None)
    scan = page.get_by_label("Bản đã ký, đóng dấu (PDF hoặc ảnh)")
    expect(scan).to_have_attribute("accept", "application/pdf,image/jpeg,image/png,.pdf,.jpg,.jpeg,.png")
    page.get_by_label("Văn bản").select_option(label="Tờ trình đề nghị khen thưởng (Mẫu 01)")
    scan.set_input_files(_file(tmp_path, "to-trinh-600dpi.pdf", 1536 * 1024))
    expect(page.locator(".upload-note")).to_contain_text(
        "Tệp “to-trinh-600dpi.pdf” nặng 1,5 MB, quá giới hạn 1 MB mỗi tệp: hãy quét lại"
    )
    page.get_by_role("button", name="Tải lên bản ký").click()
    page.wait_for_timeout(300)
    assert posts == [] and not DossierFile.objects.exists()
    # the scan at a sensible size goes
    (tmp_path / "to-trinh.pdf").write_bytes(PDF)
    scan.set_input_files(str(tmp_path / "to-trinh.pdf"))
    page.get_by_role("button", name="Tải lên bản ký").click()
    expect(page.get_by_text("Đã tải lên bản ký.")).to_be_visible()
    assert list(DossierFile.objects.values_list("code", flat=True)) == ["to_trinh"]
