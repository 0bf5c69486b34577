"""Query counts of the pages and calls the benchmark suite measures, where the owner's tests do not
assert them already (the initiative list and the review queue are asserted in
test_initiatives_views.py and test_reviews.py). A count that grows with the rows shown fails
here before it shows in bench/RESULTS.md."""

from typing import Any

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from danvan.initiatives.services import initiative_act
from danvan.reports.periods import Period
from danvan.reports.services import render_report
from tests.conftest import registered_initiative

pytestmark = pytest.mark.django_db


def _walk(world: Any, initiative: Any, rounds: int) -> None:
    """Submit, then return and resubmit `rounds` times: two more events per round."""
    initiative_act(by=world.officer, initiative=initiative, action="submit")
    for _ in range(rounds):
        initiative_act(by=world.commune_reviewer, initiative=initiative, action="return", note="Bổ sung ảnh.")
        initiative_act(by=world.officer, initiative=initiative, action="resubmit")


@pytest.mark.parametrize("rounds", [1, 12])
def test_initiative_page_query_count_does_not_grow_with_its_timeline(
    world: Any, rounds: int, django_assert_num_queries: Any
) -> None:
    # given
    initiative = registered_initiative(world)
    _walk(world, initiative, rounds)
    client = world.client_for(world.approver)
    # when / then: session, user, memberships, initiative with unit and field, attachments, events with users
    with django_assert_num_queries(6):
        response = client.get(reverse("initiatives-detail", args=[initiative.pk]))
    assert response.status_code == 200
    assert response.content.decode().count("Bổ sung ảnh.") >= rounds


def _report_queries(world: Any) -> int:
    with CaptureQueriesContext(connection) as captured:
        data = render_report(unit=world.province, period=Period(2026, 2026), format="docx", layout="state")
    assert data.startswith(b"PK")
    return len(captured.captured_queries)


def test_yearly_word_report_query_count_does_not_grow_with_the_initiatives(world: Any) -> None:
    # given
    registered_initiative(world)
    few = _report_queries(world)
    # when
    for number in range(30):
        registered_initiative(world, title=f"Mô hình “Dân vận khéo” số {number}")
    many = _report_queries(world)
    # then: the same statements whatever the number of initiatives counted
    assert many == few
    assert few <= 20


@pytest.mark.parametrize("extra", [0, 25])
def test_stats_api_query_count_does_not_grow_with_the_initiatives(world: Any, extra: int) -> None:
    # given
    from danvan.api.services import api_token_create

    for number in range(extra + 1):
        registered_initiative(world, title=f"Mô hình “Dân vận khéo” số {number}")
    _token, secret = api_token_create(user=world.viewer)
    # when
    with CaptureQueriesContext(connection) as captured:
        response = Client().get(
            "/api/v1/stats",
            {"unit": "P1", "year_from": 2020, "year_to": 2026},
            headers={"authorization": f"Bearer {secret}"},
        )
    # then
    assert response.status_code == 200
    assert response.json()["registered"]["total"] == extra + 1
    # token with its user, unit, memberships (scope), predecessors, pre-computed counts, awards in the period,
    # and for the measured results: predecessors, the sum
    assert len(captured.captured_queries) == 8


def test_an_officers_submit_reads_the_initiative_once(world: Any, django_assert_num_queries: Any) -> None:
    """The submit button of one officer: 22 statements before the fan-out was made explicit."""
    # given
    initiative = registered_initiative(world)
    client = world.client_for(world.officer)
    # when / then
    # 1 session, 2 user, 3 memberships,
    # 4 savepoint of the service, 5 the initiative through the gate, locked (read once),
    # 6 its evidence (the complete dossier: one file exists), 7 its new status, 8 the submit event,
    # notifications (the event is handed over, not read again): 9 the reviewers of the commune,
    # 10 their notification, 11 the officers of the unit (none left once the one who acted is taken out),
    # statistics: 12 the version of the cached figures, 13 the counts' upsert,
    # (the library: nothing, a public row is only ever one of a recognised initiative)
    # 14 release of the savepoint
    with django_assert_num_queries(14):
        response = client.post(
            reverse("initiatives-act", args=[initiative.pk]), {"action": "submit", "expected_status": "registered"}
        )
    assert response.status_code == 302
    initiative.refresh_from_db()
    assert initiative.status == "under_review"
