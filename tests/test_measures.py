"""Measured results: entered with an initiative, checked, summed over a scope and a period, said in words."""

import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from danvan.initiatives.measures import measure_totals, measures_of
from danvan.initiatives.models import Initiative
from danvan.initiatives.services import initiative_enter_historical, initiative_update
from danvan.measures.models import Measure
from danvan.measures.sentences import measures_sentence
from danvan.orgs.services import unit_create
from tests.api_helpers import ApiClient
from tests.conftest import initiative_data, registered_initiative

pytestmark = pytest.mark.django_db


def _recognised(world, unit, on: datetime.date, **measures) -> Initiative:
    return initiative_enter_historical(
        by=world.superuser,
        data=initiative_data(world, unit=unit, year=on.year, measures=measures),
        status="recognized",
        recognized_level="commune",
        recognized_on=on,
    )


def test_four_models_of_500_m2_give_2000_m2(world) -> None:
    # given four recognised models with 500 m² each, and one recognised outside the period
    for unit in (world.village, world.village, world.village2, world.commune):
        _recognised(world, unit, datetime.date(2026, 3, 1), land_m2=500, money_vnd="21.125.000")
    _recognised(world, world.village, datetime.date(2025, 3, 1), land_m2=999)
    # when the commune's first half is summed
    totals = measure_totals(world.commune, datetime.date(2026, 1, 1), datetime.date(2026, 6, 30))
    # then
    assert totals == {"land_m2": Decimal(2000), "money_vnd": Decimal(84_500_000)}
    assert measures_sentence(totals) == "vận động hiến 2.000 m² đất và huy động 84.500.000 đồng"
    assert measure_totals(world.other_commune, datetime.date(2026, 1, 1), datetime.date(2026, 6, 30)) == {}


def test_dissolved_units_roll_into_their_successor(world) -> None:
    old = unit_create(
        by=world.superuser,
        code="C0",
        name="Xã Cũ",
        kind="commune",
        parent=world.province,
        valid_to=datetime.date(2025, 6, 30),
        successor=world.commune,
    )
    _recognised(world, old, datetime.date(2025, 3, 1), workdays=120)
    assert measure_totals(world.commune, datetime.date(2025, 1, 1), datetime.date(2025, 12, 31)) == {"workdays": 120}


def test_sentence_lists_three_and_skips_zero() -> None:
    measures = list(Measure.objects.all())
    sentence = measures_sentence(
        {"land_m2": 1800, "workdays": 0, "households_out_of_poverty": 46, "beneficiaries": 2.5}, measures
    )
    assert sentence == "vận động hiến 1.800 m² đất, giúp 46 hộ thoát nghèo và mang lại lợi ích cho 2,5 người"
    assert measures_sentence({}, measures) == ""


@pytest.mark.parametrize(
    ("measures", "words"),
    [({"land_m2": "nhiều"}, "không phải là một số"), ({"land_m2": -5}, "số âm"), ({"dat": 5}, "Không có chỉ số")],
)
def test_bad_values_write_nothing(world, measures, words) -> None:
    initiative = registered_initiative(world, measures={"workdays": 10})
    with pytest.raises(ValidationError) as exc:
        initiative_update(
            by=world.officer, initiative=initiative, data=initiative_data(world, title="Mới", measures=measures)
        )
    assert words in " ".join(m for messages in exc.value.message_dict.values() for m in messages)
    initiative.refresh_from_db()
    assert initiative.title != "Mới"
    assert measures_of(initiative) == {"workdays": Decimal(10)}


def test_api(world) -> None:
    api = ApiClient(world.officer)
    assert [m["code"] for m in api.get("/measures").json()["items"]] == [
        "land_m2",
        "money_vnd",
        "workdays",
        "households_out_of_poverty",
        "beneficiaries",
    ]
    body = {
        "title": "Đường bê tông",
        "kind": "collective",
        "field": "economy",
        "unit": "C1-V1",
        "year": 2026,
        "measures": {"land_m2": 1800, "money_vnd": 84500000},
    }
    created = api.post("/initiatives", body)
    assert created.status_code == 201, created.content
    assert created.json()["measures"] == {"land_m2": 1800, "money_vnd": 84500000}
    bad = api.post("/initiatives", {**body, "measures": {"land_m2": -1, "khong_co": 2}})
    assert bad.status_code == 400
    assert {e["field"] for e in bad.json()["errors"]} == {"measures.land_m2", "measures.khong_co"}
    assert Initiative.objects.count() == 1


def test_entered_on_the_initiative_form(world) -> None:
    client = world.client_for(world.officer)
    page = client.get("/mo-hinh/dang-ky/").content.decode()
    assert "Kết quả định lượng" in page and "Đất hiến (m²)" in page
    form = {
        "title": "Đường hoa",
        "kind": "collective",
        "field": "economy",
        "unit": world.village.pk,
        "year": 2026,
        "registered_level": "commune",
        "measure_land_m2": "1.800",
        "measure_workdays": "-2",
        "register": "1",
        "upload_end": "1",
    }
    bad = client.post("/mo-hinh/dang-ky/", form)
    assert bad.status_code == 400 and "Không được là số âm" in bad.content.decode()
    assert not Initiative.objects.exists()
    saved = client.post("/mo-hinh/dang-ky/", {**form, "measure_workdays": "120"})
    assert saved.status_code == 302, saved.content.decode()[:2000]
    assert measures_of(Initiative.objects.get()) == {"land_m2": Decimal(1800), "workdays": Decimal(120)}
    edit = client.get(f"/mo-hinh/{Initiative.objects.get().pk}/sua/").content.decode()
    assert 'value="1.800"' in edit
