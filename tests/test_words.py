"""Words and numbers as a Vietnamese reader expects them: Django's own messages in Vietnamese, decimal
commas, no trailing zeros on scores, grouped percentages."""

from decimal import Decimal
from pathlib import Path

from django.conf import settings
from django.template import Context, Template
from django.urls import reverse
from django.utils import translation

from danvan.core.formatting import exact
from danvan.initiatives.services import initiative_act
from danvan.movements.models import CriteriaSet
from danvan.reviews.services import review_save
from tests.conftest import PASSWORD, registered_initiative


def test_password_rules_answer_in_vietnamese(world) -> None:
    # given the village officer changing their password to a short, common, numeric one
    client = world.client_for(world.officer)
    response = client.post(
        reverse("accounts-password-change"),
        {"old_password": PASSWORD, "new_password1": "1234", "new_password2": "1234"},
    )
    # then each rule answers in Vietnamese (Django's own catalogue lacks the length rule of Django 5)
    body = response.content.decode()
    assert "Mật khẩu này quá ngắn: cần có ít nhất 8 ký tự." in body
    assert "Mật khẩu này quá phổ biến." in body and "Mật khẩu này hoàn toàn là số." in body
    assert "too short" not in body and "This password" not in body
    with translation.override("en"):
        from django.contrib.auth.password_validation import MinimumLengthValidator

        assert MinimumLengthValidator().get_error_message().startswith("This password is too short")


def test_exact_numbers_keep_no_trailing_zeros_and_follow_the_language() -> None:
    with translation.override("vi"):
        assert [exact(v) for v in (Decimal("8.50"), Decimal("10.00"), Decimal("7.25"), 1234.5)] == [
            "8,5",
            "10",
            "7,25",
            "1.234,5",
        ]
    with translation.override("en"):
        assert exact(Decimal("8.50")) == "8.5" and exact(1234.5) == "1,234.5"


def test_the_queue_shows_the_score_as_typed(world) -> None:
    # given a model scored 8,5 on every criterion by the commune's reviewer
    initiative = initiative_act(by=world.officer, initiative=registered_initiative(world), action="submit")
    criteria = CriteriaSet.objects.get(kind="collective", programme=None).criteria.all()
    review_save(by=world.commune_reviewer, initiative=initiative, scores={c.pk: Decimal("8.5") for c in criteria})
    body = world.client_for(world.commune_reviewer).get(reverse("reviews-queue")).content.decode()
    assert "Tôi đã chấm: 85/100" in body and "85,00" not in body and "100,00" not in body


def test_weights_are_written_with_a_decimal_comma(world) -> None:
    criteria_set = CriteriaSet.objects.get(kind="collective", programme=None)
    criterion = criteria_set.criteria.first()
    criterion.weight = Decimal("2.00")
    criterion.save(update_fields=["weight"])
    client = world.client_for(world.superuser)
    form = client.get(reverse("movements-criteria-set-edit", args=[criteria_set.pk])).content.decode()
    assert 'value="2,00"' in form and 'value="2.00"' not in form
    listing = client.get(reverse("movements-programme-list")).content.decode()
    assert "trọng số 2, tối đa" in listing and "trọng số 2.00" not in listing and "trọng số 2,00" not in listing


def test_percentages_are_grouped() -> None:
    with translation.override("vi"):
        assert Template('{{ p|floatformat:"1g" }}').render(Context({"p": 1150.0})) == "1.150,0"
    dashboard = Path(settings.BASE_DIR) / "reports" / "templates" / "reports" / "dashboard.html"
    assert 'percent|floatformat:"1g"' in dashboard.read_text(encoding="utf-8")
    assert "percent|floatformat:1 " not in dashboard.read_text(encoding="utf-8")


def test_the_phone_chart_is_drawn_at_phone_width_with_labels_above_the_bars() -> None:
    from danvan.reports.charts import NARROW_WIDTH, Series, bar_chart_figure

    categories = ["Kinh tế", "Văn hóa - xã hội, y tế, giáo dục và đào tạo, khoa học và công nghệ", "Quốc phòng"]
    html = bar_chart_figure(
        title="Theo lĩnh vực",
        categories=categories,
        series=[Series("Đăng ký", [1234, 2, 0]), Series("Công nhận", [1, 1, 0])],
    )
    wide, narrow = html.split("</svg>")[:2]
    assert 'class="chart-wide"' in wide and 'viewBox="0 0 720 ' in wide
    assert 'class="chart-narrow"' in narrow and f'viewBox="0 0 {NARROW_WIDTH} ' in narrow
    # each name starts at the left edge on its own lines (the long one wrapped), the figures Vietnamese
    assert '<text x="0" y="' in narrow and ">Kinh tế</text>" in narrow and "1.234" in narrow
    assert 'text-anchor="end"' not in narrow
    assert ">Văn hóa - xã hội, y tế, giáo dục và đào tạo,</text>" in narrow


def test_levels_are_offered_as_they_exist_on_the_day(world) -> None:
    import datetime

    from danvan.orgs.models import levels_on

    assert [code for code, _label in levels_on(datetime.date(2025, 6, 30))] == [
        "commune",
        "district",
        "province",
        "central",
    ]
    assert "district" not in [code for code, _label in levels_on(datetime.date(2025, 7, 1))]
    # the registration form of today offers no district level; the historical one still does
    client = world.client_for(world.officer)
    form = client.get(reverse("initiatives-create")).content.decode()
    assert 'value="district"' not in form and "Cấp huyện" not in form
    historical = world.client_for(world.approver).get(reverse("initiatives-historical")).content.decode()
    assert 'value="district"' in historical


def test_units_mid_sentence_and_offices_that_sign_as_a_sentence_writes_them() -> None:
    from danvan.core.text import in_sentence, office_in_sentence

    assert in_sentence("Tỉnh Phú Thọ") == "tỉnh Phú Thọ" and in_sentence("Thành phố Hà Nội") == "thành phố Hà Nội"
    assert in_sentence("Thôn Đoàn Kết") == "thôn Đoàn Kết" and in_sentence("Khu 1") == "Khu 1"
    assert office_in_sentence("CHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH PHÚ THỌ", "Tỉnh Phú Thọ") == (
        "Chủ tịch Ủy ban nhân dân tỉnh Phú Thọ"
    )
    assert office_in_sentence("BAN THƯỜNG VỤ TỈNH ỦY PHÚ THỌ", "Tỉnh Phú Thọ") == "Ban Thường vụ Tỉnh ủy Phú Thọ"
    assert office_in_sentence("", "Xã Đông Hòa") == "xã Đông Hòa"


def test_pages_name_the_office_that_signed_and_write_units_lowercase_mid_sentence(world, client) -> None:
    from danvan.library.models import PublicEntry
    from tests.awards_helpers import make_decision, recognized_initiative

    # given a province's decision commending the village's recognised model, public in the library
    initiative = recognized_initiative(world)
    decision = make_decision(world, awards=[{"initiative": initiative.pk}], issue=True)
    office = "Chủ tịch Ủy ban nhân dân tỉnh Hòa Bình Mẫu"
    # then the decision list, the public check of a certificate and the library name the office, not the unit
    listed = world.client_for(world.approver).get(reverse("awards-decision-list")).content.decode()
    assert office in listed and "Thẩm quyền ban hành" in listed
    award = decision.awards.get()
    verified = client.get(reverse("awards-verify", args=[award.certificate_code])).content.decode()
    assert office in verified
    assert PublicEntry.objects.filter(initiative=initiative).exists()
    key = initiative.public_key
    public = client.get(f"/thu-vien/mo-hinh/{key}/").content.decode()
    assert f"Quyết định số {decision.number} ngày 15/12/2025 của {office}" in public
    assert "Liên hệ thôn Đoàn Kết qua" in public and "Liên hệ Thôn Đoàn Kết" not in public
    # and replicating names the unit lowercase mid-sentence in Vietnamese, as stored in English
    replicate = world.client_for(world.outsider).get(f"/thu-vien/mo-hinh/{key}/nhan-rong/")
    assert "của thôn Đoàn Kết?" in replicate.content.decode()
    with translation.override("en"):
        from danvan.core.formatting import unit_in_sentence

        assert unit_in_sentence("Thôn Đoàn Kết") == "Thôn Đoàn Kết"


def test_the_admin_names_every_app_and_model_in_the_visitors_language(world) -> None:
    import re

    from django.contrib import admin
    from django.test import RequestFactory

    vietnamese = re.compile("[ăâđêôơưạảấầẩẫậắằẳẵặẹẻẽếềểễệỉịọỏốồổỗộớờởỡợụủứừửữựỳỵỷỹàáèéìíòóùúý]", re.IGNORECASE)
    request = RequestFactory().get("/quan-tri/")
    request.user = world.superuser
    names: dict[str, dict[str, list[str]]] = {}
    for language in ("vi", "en"):
        with translation.override(language):
            names[language] = {
                app["app_label"]: [str(app["name"]), *(str(m["name"]) for m in app["models"])]
                for app in admin.site.get_app_list(request)
            }
    assert names["vi"].keys() == names["en"].keys() and len(names["en"]) >= 14
    for label, english in names["en"].items():
        assert not any(vietnamese.search(name) for name in english), english
        vietnamese_names = names["vi"][label]
        # every name differs between the languages ("API" is a word of both; django_otp's "TOTP devices"
        # is an English string its model declares untranslatable)
        same = [
            n for n, e in zip(vietnamese_names, english, strict=True) if n == e and n not in ("API", "TOTP devices")
        ]
        assert not same, (label, same)


def test_the_dashboard_chart_names_fields_in_the_visitors_language(world) -> None:
    client = world.client_for(world.approver)
    client.cookies["django_language"] = "en"
    page = client.get(reverse("reports-dashboard", args=[world.province.code])).content.decode()
    assert "Economy" in page and "Kinh tế" not in page
    client.cookies["django_language"] = "vi"
    assert "Kinh tế" in client.get(reverse("reports-dashboard", args=[world.province.code])).content.decode()
