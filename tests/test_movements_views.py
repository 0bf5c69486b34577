"""Admin pages for programmes and criteria sets."""

import datetime
from decimal import Decimal

import pytest
from django.urls import reverse

from danvan.movements.models import CriteriaSet, Programme
from danvan.movements.services import programme_create


def programme_post(world, **overrides):
    data = {
        "number": "06-ĐA/TU",
        "title": "Đề án nâng cao chất lượng phong trào thi đua “Dân vận khéo” giai đoạn 2026-2030",
        "issuer": world.province.pk,
        "start": "2026-01-01",
        "end": "2030-12-31",
        "own_criteria": "on",
    }
    data.update(overrides)
    return data


def test_province_admin_creates_a_programme_with_its_own_criteria(world, django_assert_num_queries) -> None:
    client = world.client_for(world.province_admin)
    response = client.post(reverse("movements-programme-create"), programme_post(world))
    assert response.status_code == 302
    programme = Programme.objects.get()
    assert programme.criteria_sets.count() == 2
    assert all(s.criteria.count() == 5 for s in programme.criteria_sets.all())
    # session, user, memberships, programmes, their criteria sets, default sets, their criteria
    with django_assert_num_queries(7):
        body = client.get(reverse("movements-programme-list")).content.decode()
    assert "06-ĐA/TU" in body


def test_end_before_start_is_refused(world) -> None:
    client = world.client_for(world.province_admin)
    response = client.post(reverse("movements-programme-create"), programme_post(world, end="2025-01-01"))
    assert response.status_code == 400
    assert "Ngày kết thúc phải sau ngày bắt đầu." in response.content.decode()


def test_admin_edits_weights_and_adds_a_criterion(world) -> None:
    programme = programme_create(
        by=world.province_admin,
        number="20-CT/TU",
        title="Chỉ thị",
        issuer=world.province,
        start=datetime.date(2026, 1, 1),
        end=datetime.date(2026, 12, 31),
        own_criteria=True,
    )
    criteria_set = programme.criteria_sets.get(kind="collective")
    criteria = list(criteria_set.criteria.order_by("sort"))
    data = {
        "name": "Tiêu chí 2026",
        "c-TOTAL_FORMS": "6",
        "c-INITIAL_FORMS": "5",
        "c-MIN_NUM_FORMS": "0",
        "c-MAX_NUM_FORMS": "1000",
    }
    for i, c in enumerate(criteria):
        data |= {
            f"c-{i}-id": c.pk,
            f"c-{i}-name": c.name,
            f"c-{i}-weight": "3",
            f"c-{i}-max_score": "20",
            f"c-{i}-sort": i,
        }
    data |= {
        "c-5-id": "",
        "c-5-name": "Ứng dụng chuyển đổi số",
        "c-5-weight": "1",
        "c-5-max_score": "10",
        "c-5-sort": "9",
    }
    response = world.client_for(world.province_admin).post(
        reverse("movements-criteria-set-edit", args=[criteria_set.pk]), data
    )
    assert response.status_code == 302, response.content.decode()[:3000]
    criteria_set.refresh_from_db()
    assert criteria_set.name == "Tiêu chí 2026"
    assert list(criteria_set.criteria.order_by("sort").values_list("weight", "max_score"))[:2] == [(Decimal(3), 20)] * 2
    assert criteria_set.criteria.count() == 6


def test_weight_out_of_range_is_refused(world) -> None:
    criteria_set = CriteriaSet.objects.get(kind="individual", programme=None)
    c = criteria_set.criteria.order_by("sort").first()
    data = {
        "name": "x",
        "c-TOTAL_FORMS": "1",
        "c-INITIAL_FORMS": "1",
        "c-MIN_NUM_FORMS": "0",
        "c-MAX_NUM_FORMS": "1000",
        "c-0-id": c.pk,
        "c-0-name": c.name,
        "c-0-weight": "500",
        "c-0-max_score": "10",
        "c-0-sort": "1",
    }
    response = world.client_for(world.superuser).post(
        reverse("movements-criteria-set-edit", args=[criteria_set.pk]), data
    )
    assert response.status_code == 400
    assert "trọng số phải từ 0 đến 100" in response.content.decode()


def test_province_admin_cannot_edit_the_default_criteria(world) -> None:
    criteria_set = CriteriaSet.objects.get(kind="collective", programme=None)
    response = world.client_for(world.province_admin).get(
        reverse("movements-criteria-set-edit", args=[criteria_set.pk])
    )
    assert response.status_code == 403


@pytest.mark.parametrize("who", ["officer", "outsider", "commune_reviewer", "approver", "viewer"])
def test_non_admins_are_refused(world, who) -> None:
    client = world.client_for(getattr(world, who))
    criteria_set = CriteriaSet.objects.get(kind="collective", programme=None)
    assert client.get(reverse("movements-programme-list")).status_code == 403
    assert client.post(reverse("movements-programme-create"), programme_post(world)).status_code == 403
    assert client.get(reverse("movements-criteria-set-edit", args=[criteria_set.pk])).status_code == 403
    assert not Programme.objects.exists()


def test_unknown_criteria_set_is_404(world) -> None:
    assert (
        world.client_for(world.superuser).get(reverse("movements-criteria-set-edit", args=[99999])).status_code == 404
    )
