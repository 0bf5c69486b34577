"""A decision's recipients are picked from a list one can search (with or without diacritics) and narrow
by year, level, field and commune; ticked models stay in sight; narrowing never saves."""

from django.urls import reverse

from danvan.awards.models import Decision
from danvan.movements.models import Field
from tests.awards_helpers import recognized_initiative


def _models(world):
    culture = Field.objects.get(code="culture_society")
    road = recognized_initiative(world, title="Đường giao thông nông thôn thôn Đoàn Kết", year=2025)
    lights = recognized_initiative(world, title="Thắp sáng đường quê", year=2024, field=culture)
    ward = recognized_initiative(world, title="Chợ văn minh Tây Sơn", year=2025, unit=world.other_commune)
    return road, lights, ward


def _form(**extra):
    return {
        "number": "2559/QĐ-UBND",
        "date": "15/12/2025",
        "issuer_unit": "P1",
        "award_form": "giay_khen",
        "signer_name": "Nguyễn Văn Hùng",
        "signer_title": "CHỦ TỊCH",
        **extra,
    }


def test_the_list_shows_what_to_narrow_by(world) -> None:
    road, lights, ward = _models(world)
    page = world.client_for(world.approver).get(reverse("awards-decision-create")).content.decode()
    for initiative in (road, lights, ward):
        assert f'name="initiatives" value="{initiative.pk}"' in page
    assert "Đang hiện 3 trong 3 mô hình đã công nhận." in page
    # each row says its commune, field, level and year; the filters offer what the list holds
    assert "Xã Đông Hòa · Văn hóa - xã hội · cấp xã, năm 2024" in page
    assert 'data-commune="C2"' in page and 'data-year="2024"' in page and 'data-level="commune"' in page
    for name in ("loc-q", "loc-year", "loc-level", "loc-field", "loc-commune"):
        assert f'name="{name}"' in page
    assert '<option value="C2">Phường Tây Sơn</option>' in page


def test_narrowing_keeps_the_ticked_and_saves_nothing(world) -> None:
    road, lights, ward = _models(world)
    client = world.client_for(world.approver)
    # when the secretariat ticks the ward's market, then narrows to 2025 in Xã Đông Hòa, typed without diacritics
    data = _form(initiatives=[str(ward.pk)], **{"loc-q": "duong", "loc-year": "2025", "loc-commune": "C1"})
    response = client.post(reverse("awards-decision-create"), {**data, "loc-apply": "1"})
    page = response.content.decode()
    # then the road (matches) and the market (ticked) are shown, not the lights (2024); nothing is saved
    assert response.status_code == 200 and not Decision.objects.exists()
    assert f'name="initiatives" value="{road.pk}"' in page and f'name="initiatives" value="{ward.pk}" checked' in page
    assert f'name="initiatives" value="{lights.pk}"' not in page
    assert "Đang hiện 2 trong 3 mô hình đã công nhận." in page
    assert 'value="2559/QĐ-UBND"' in page  # what was typed stays
    # a filter by field and level
    data = _form(**{"loc-field": "culture_society", "loc-level": "commune"})
    page = client.post(reverse("awards-decision-create"), {**data, "loc-apply": "1"}).content.decode()
    assert f'name="initiatives" value="{lights.pk}"' in page and f'name="initiatives" value="{road.pk}"' not in page
    # nothing matches: said so
    page = client.post(reverse("awards-decision-create"), {**_form(), "loc-q": "khong co", "loc-apply": "1"})
    assert "Không có mô hình nào khớp điều kiện lọc." in page.content.decode()
    # when saved, the ticked models are the recipients
    response = client.post(reverse("awards-decision-create"), _form(initiatives=[str(road.pk), str(ward.pk)]))
    assert response.status_code == 302
    decision = Decision.objects.get()
    assert set(decision.awards.values_list("initiative_id", flat=True)) == {road.pk, ward.pk}


def test_the_outsider_sees_no_other_communes_models(world) -> None:
    road, _lights, ward = _models(world)
    from danvan.orgs.models import Membership, Role

    Membership.objects.create(user=world.outsider, unit=world.other_commune, role=Role.APPROVER)
    page = world.client_for(world.outsider).get(reverse("awards-decision-create")).content.decode()
    assert f'name="initiatives" value="{ward.pk}"' in page and f'name="initiatives" value="{road.pk}"' not in page
