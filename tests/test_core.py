import datetime

import pytest
from django.template import Context, Template
from django.test import Client
from django.utils import translation

from danvan.accounts.models import User
from danvan.core.formatting import vn_date, vn_number, vn_place_date_line
from danvan.core.text import fold


@pytest.mark.parametrize(
    ("text", "folded"),
    [
        ("Đường Dân vận khéo", "duong dan van kheo"),
        ("Hòa", "hoa"),
        ("Hoà", "hoa"),  # old-style tone placement, decomposed input
        ("Ho\u0300a", "hoa"),
        ("  NÔNG   thôn mới ", "nong thon moi"),
        ("", ""),
    ],
)
def test_fold_strips_marks_and_treats_d_bar_as_d(text: str, folded: str) -> None:
    assert fold(text) == folded


def test_vietnamese_numbers_and_dates() -> None:
    assert vn_number(1234567.5, 1) == "1.234.567,5"
    assert vn_number(1234) == "1.234"
    assert vn_date(datetime.date(2020, 9, 7)) == "07/09/2020"
    assert vn_place_date_line("Phú Thọ", datetime.date(2026, 2, 3)) == "Phú Thọ, ngày 03 tháng 02 năm 2026"
    assert vn_place_date_line("Phú Thọ", datetime.date(2026, 11, 22)) == "Phú Thọ, ngày 22 tháng 11 năm 2026"


def test_templates_format_the_vietnamese_way() -> None:
    template = Template("{% load humanize %}{{ n|intcomma }}|{{ f|intcomma }}|{{ d|date:'SHORT_DATE_FORMAT' }}|{{ y }}")
    context = Context({"n": 1234567, "f": 1234.5, "d": datetime.date(2020, 9, 7), "y": 2026})
    with translation.override("vi"):
        assert template.render(context) == "1.234.567|1.234,5|07/09/2020|2026"
    with translation.override("en"):
        assert template.render(context) == "1,234,567|1,234.5|07/09/2020|2026"


def test_date_input_is_day_first() -> None:
    from django import forms

    class F(forms.Form):
        d = forms.DateField()

    with translation.override("vi"):
        form = F({"d": "07/09/2020"})
        assert form.is_valid()
        assert form.cleaned_data["d"] == datetime.date(2020, 9, 7)
        assert not F({"d": "31/02/2020"}).is_valid()


def test_home_page_greets_in_vietnamese_and_guides_each_user(client, db) -> None:
    response = client.get("/")
    body = response.content.decode()
    assert response.status_code == 200
    assert "Chào mừng" in body
    for audience in ["Cán bộ đơn vị", "Người thẩm định", "Lãnh đạo", "Thư ký hội nghị", "Người dân"]:
        assert audience in body


def test_vietnamese_whatever_the_browser_says_english_when_chosen(client, db) -> None:
    response = client.get("/", headers={"accept-language": "en-US,en;q=0.9"})
    assert "Chào mừng" in response.content.decode()
    client.post("/i18n/setlang/", {"language": "en", "next": "/"})
    assert "Welcome" in client.get("/").content.decode()
    client.post("/i18n/setlang/", {"language": "vi", "next": "/"})
    assert "Chào mừng" in client.get("/").content.decode()


def test_a_person_s_chosen_language_follows_them_to_another_device(world) -> None:
    # given an officer who chose English on one device
    phone = world.client_for(world.officer)
    phone.post("/i18n/setlang/", {"language": "en", "next": "/"})
    # then on another device, signed in with no choice there yet, the pages are in English
    desk = world.client_for(world.officer)
    assert '<html lang="en"' in desk.get("/").content.decode()
    # a choice made on this device wins for this device; the account keeps the newest one
    desk.post("/i18n/setlang/", {"language": "vi", "next": "/"})
    assert '<html lang="vi"' in desk.get("/").content.decode()
    world.officer.refresh_from_db()
    assert world.officer.language == "vi"
    # an unknown language changes nothing; a visitor's switch touches no account
    desk.post("/i18n/setlang/", {"language": "fr", "next": "/"})
    world.officer.refresh_from_db()
    assert world.officer.language == "vi"
    Client().post("/i18n/setlang/", {"language": "en", "next": "/"})
    assert not User.objects.filter(language="en").exists()


@pytest.mark.parametrize(("language", "expected"), [("vi", "1.234.567"), ("en", "1,234,567")])
def test_count_filter_groups_whole_numbers_the_languages_way(language: str, expected: str) -> None:
    template = Template("{% load vn %}{{ n|count }} {{ half|count }}")
    with translation.override(language):
        html = template.render(Context({"n": 1234567, "half": 0}))
    assert html == f"{expected} 0"
