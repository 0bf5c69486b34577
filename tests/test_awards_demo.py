import pytest

from danvan.awards.models import Award, Decision, DecisionStatus
from danvan.conferences.models import Conference, ConferenceNews, NewsStatus
from danvan.orgs.loading import load_units
from danvan.site.demo import DEMO_STEPS, run_demo_steps


@pytest.mark.django_db
def test_demo_decisions_and_conference_are_idempotent(migrated_rows: None) -> None:
    assert DEMO_STEPS.index("danvan.site.demo.awards") < DEMO_STEPS.index("danvan.site.demo.conferences")
    load_units()
    lines: list[str] = []
    run_demo_steps(lines.append)
    counts = (Decision.objects.count(), Award.objects.count(), Conference.objects.count())
    run_demo_steps(lines.append)
    assert (Decision.objects.count(), Award.objects.count(), Conference.objects.count()) == counts
    assert (counts[0], counts[2]) == (2, 1) and counts[1] >= 3
    assert set(Decision.objects.values_list("status", flat=True)) == {DecisionStatus.ISSUED}
    assert ConferenceNews.objects.get().status == NewsStatus.PUBLISHED
    assert any("2559/QĐ-UBND" in line for line in lines)
