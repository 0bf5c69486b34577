"""The round benchmark runs on a small tree and cleans up after itself."""

import pytest

from bench.rounds import run_round_bench
from danvan.orgs.services import unit_create
from danvan.rounds.models import ReportingRound, SubmissionValue

pytestmark = pytest.mark.django_db


def test_round_bench_on_a_small_tree(world) -> None:
    unit_create(by=world.superuser, code="C3", name="Xã Ba", kind="commune", parent=world.province)
    result = run_round_bench(repeat=2, warmup=0)
    assert (result.units, result.indicators) == (3, 30)
    assert result.values == result.sent * 27
    assert (result.board_queries, result.totals_queries) == (1, 2)
    assert len(result.board.ms) == 2
    assert not ReportingRound.objects.exists() and not SubmissionValue.objects.exists()
