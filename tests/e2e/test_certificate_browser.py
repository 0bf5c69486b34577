import pytest
from django.apps import apps
from playwright.sync_api import Page, expect

from danvan.awards.defaults import load_defaults
from danvan.awards.services import DecisionData, decision_create
from tests.awards_helpers import decision_payload

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_anyone_verifies_a_certificate_by_its_code(live_server, page: Page, world) -> None:
    # given an issued decision (a transactional test starts without the data migrations' rows)
    load_defaults(apps)
    decision = decision_create(
        by=world.approver,
        issue=True,
        data=DecisionData(
            **decision_payload(
                world,
                awards=[
                    {"recipient_name": "Hội Liên hiệp Phụ nữ xã Đông Hòa", "recipient_kind": "collective"},
                    {
                        "recipient_name": "Nguyễn Thị Hường",
                        "recipient_kind": "individual",
                        "position": "Bí thư Chi bộ",
                        "unit_name": "Thôn Đoàn Kết",
                    },
                ],
            )
        ),
    )
    code = decision.awards.get(recipient_kind="individual").certificate_code

    # when someone without an account types the code printed on the certificate, in lower case
    page.goto(live_server.url + "/khen-thuong/xac-thuc/")
    page.get_by_label("Mã xác thực").fill(code.lower())
    page.get_by_role("button", name="Kiểm tra").click()

    # then the page confirms the certificate, and shows nothing private
    expect(page.get_by_role("heading", name="Giấy chứng nhận hợp lệ")).to_be_visible()
    result = page.locator(".verify-ok")
    expect(result).to_contain_text("Nguyễn Thị Hường")
    expect(result).to_contain_text("Cá nhân")
    expect(result).to_contain_text("Số 2559/QĐ-UBND ngày 15/12/2025")
    expect(result).to_contain_text("Chủ tịch Ủy ban nhân dân tỉnh Hòa Bình Mẫu")  # the office that signed
    expect(result).to_contain_text(code)
    expect(page.locator("main")).not_to_contain_text("Bí thư Chi bộ")
    assert page.url.endswith(f"/khen-thuong/xac-thuc/{code}/")

    # and a mistyped code says what to do
    page.get_by_label("Mã xác thực").fill("ABCDE12345")
    page.get_by_role("button", name="Kiểm tra").click()
    expect(page.get_by_role("alert")).to_contain_text("Hãy đối chiếu lại mã")
