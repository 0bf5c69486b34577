"""The province edits a conference and finds the decisions it announces: typing a unit's name without
diacritics or picking a signing year narrows the list as one types (the ticked stay in sight, Enter sends
nothing); without JavaScript "Lọc danh sách" does the same on the server; the old decision linked to the
conference stays linked after the edit is saved."""

import datetime

import pytest
from playwright.sync_api import Browser, Page, expect

from danvan.conferences.models import Conference
from danvan.conferences.services import conference_create
from tests.awards_helpers import make_decision
from tests.e2e.sessions import session_cookie
from tests.test_conferences import conference_data

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _open(browser: Browser, live_server, world, url: str, *, script: bool) -> Page:
    context = browser.new_context(viewport={"width": 1366, "height": 768}, locale="vi-VN", java_script_enabled=script)
    context.set_default_timeout(90_000)  # a shared machine under load: slow, not wrong
    context.add_cookies([session_cookie(live_server, world.client_for(world.approver))])
    page = context.new_page()
    page.goto(live_server.url + url)
    return page


@pytest.mark.parametrize("script", [True, False])
def test_the_province_finds_the_decisions_it_announces(live_server, browser: Browser, world, script) -> None:
    # given the province's decision of 2025, the commune's of 2024 and a conference linked to one of 2023
    year_end = make_decision(world, number="2559/QĐ-UBND", date=datetime.date(2025, 12, 15), issue=True)
    commune = make_decision(
        world,
        number="15/QĐ-UBND",
        date=datetime.date(2024, 11, 30),
        issuer_unit=world.commune,
        award_form="giay_khen",
        by=world.superuser,
        issue=True,
    )
    older = make_decision(world, number="1020/QĐ-UBND", date=datetime.date(2023, 12, 10), issue=True)
    conference = conference_create(by=world.approver, data=conference_data(world, decisions=[older.pk]))
    page = _open(browser, live_server, world, f"/hoi-nghi/{conference.pk}/sua/", script=script)
    picker = page.locator("[data-recipient-picker=qd]")
    count = picker.locator("[data-recipient-count]")
    box = {d: picker.get_by_role("checkbox", name=d.number, exact=False) for d in (year_end, commune, older)}
    expect(count).to_have_text("Đang hiện 3 trong 3 quyết định đã ban hành.")
    expect(box[older]).to_be_checked()

    # when they type the commune's name without diacritics (and, without a script, press "Lọc danh sách")
    search = picker.get_by_label("Tìm theo số, đơn vị ban hành, trích yếu")
    search.press_sequentially("xa dong hoa")
    if script:
        search.press("Enter")
    else:
        picker.get_by_role("button", name="Lọc danh sách").click()
    # then the commune's decision and the ticked old one stay; the province's 2025 one is hidden
    expect(box[commune]).to_be_visible()
    expect(box[older]).to_be_checked()
    expect(box[year_end]).to_be_hidden()
    expect(count).to_have_text("Đang hiện 2 trong 3 quyết định đã ban hành.")
    assert Conference.objects.get().title == conference.title  # nothing saved

    # when they narrow by signing year instead
    search.fill("")
    picker.get_by_label("Năm ký").select_option("2025")
    if not script:
        picker.get_by_role("button", name="Lọc danh sách").click()
    expect(box[year_end]).to_be_visible()
    expect(box[commune]).to_be_hidden()
    expect(box[older]).to_be_checked()

    # and they rename the conference and save: the old decision stays linked, the 2025 one ticked too
    box[year_end].check()
    page.get_by_label("Tên hội nghị").fill("Hội nghị tổng kết năm 2025 (sửa tên)")
    page.get_by_role("button", name="Lưu", exact=True).click()
    expect(page.get_by_text("Đã lưu hội nghị.")).to_be_visible()
    saved = Conference.objects.get()
    assert saved.title == "Hội nghị tổng kết năm 2025 (sửa tên)"
    assert set(saved.decisions.values_list("pk", flat=True)) == {older.pk, year_end.pk}
