import pytest

from danvan.initiatives.models import Initiative
from danvan.orgs.loading import load_units
from danvan.reviews.models import Review
from danvan.site.demo import DEMO_STEPS, run_demo_steps
from danvan.site.demo import initiatives as initiatives_demo
from danvan.site.demo import orgs as orgs_demo


@pytest.mark.django_db
def test_demo_initiatives_cover_every_state_and_are_idempotent(migrated_rows: None) -> None:
    assert DEMO_STEPS.index("danvan.site.demo.initiatives") == DEMO_STEPS.index("danvan.site.demo.orgs") + 1
    load_units()
    orgs_demo.seed()
    initiatives_demo.seed()
    assert Initiative.objects.count() == 30
    statuses = set(Initiative.objects.values_list("status", flat=True))
    assert statuses == {"draft", "registered", "under_review", "returned", "recognized", "not_recognized"}
    assert Initiative.objects.filter(exemplary=True, recognized_level="province").exists()
    assert Initiative.objects.filter(historical=True).count() == 5
    assert Review.objects.exists()
    # the step again adds nothing, and neither does the whole demo run twice
    assert "thêm 0" in initiatives_demo.seed()[-1]
    lines: list[str] = []
    run_demo_steps(lines.append)
    count = Initiative.objects.count()
    run_demo_steps(lines.append)
    assert Initiative.objects.count() == count
