import pytest

from danvan.core.demo import DEMO_STEPS, run_demo_steps
from danvan.initiatives.models import Initiative
from danvan.orgs.loading import load_units
from danvan.reviews.models import Review


@pytest.mark.django_db
def test_demo_initiatives_cover_every_state_and_are_idempotent() -> None:
    assert "danvan.initiatives.demo" in DEMO_STEPS
    load_units()
    import importlib

    lines: list[str] = importlib.import_module("danvan.orgs.demo").seed()
    lines += importlib.import_module("danvan.initiatives.demo").seed()
    assert Initiative.objects.count() == 30
    statuses = set(Initiative.objects.values_list("status", flat=True))
    assert statuses == {"draft", "registered", "under_review", "returned", "recognized", "not_recognized"}
    assert Initiative.objects.filter(exemplary=True, recognized_level="province").exists()
    assert Initiative.objects.filter(historical=True).count() == 5
    assert Review.objects.exists()
    # the whole demo, twice: the second run adds nothing
    run_demo_steps(lines.append)
    count = Initiative.objects.count()
    run_demo_steps(lines.append)
    assert Initiative.objects.count() == count
