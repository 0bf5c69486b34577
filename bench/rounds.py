"""The reporting-round benchmark (issue 15): a national round asking every commune for 30 indicators,
most of them sent, then the completeness board and the totals timed (target: p95 < 100 ms each).

The round, its indicator set and its submissions are made here in bulk (the services would notify
3,321 communes' staff, which is not what is measured) and removed at the end unless kept.
"""

import datetime
import random
from dataclasses import dataclass
from decimal import Decimal

from django.db import transaction
from django.utils import timezone

from bench.safety import refuse_in_production
from bench.timing import Samples, measure
from danvan.orgs.loading import ROOT_CODE
from danvan.orgs.models import Unit
from danvan.rounds import selectors
from danvan.rounds.models import (
    Indicator,
    IndicatorSet,
    ReportingRound,
    Submission,
    SubmissionStatus,
    SubmissionValue,
)

SET_CODE = "bench-30"
ENTERED, RATES = 27, 3


@dataclass
class RoundBench:
    units: int
    indicators: int
    sent: int
    late: int
    values: int
    board: Samples
    totals: Samples
    board_queries: int
    totals_queries: int


@transaction.atomic
def build_round(*, seed: int = 1, sent_share: float = 0.9) -> ReportingRound:
    """A round of the root asking every active commune; `sent_share` of them sent (a tenth of those late)."""
    refuse_in_production("tạo đợt báo cáo thử")
    root = Unit.objects.get(code=ROOT_CODE)
    communes = list(Unit.objects.filter(kind_id="commune", valid_to__isnull=True).order_by("path"))
    indicator_set, _ = IndicatorSet.objects.get_or_create(code=SET_CODE, defaults={"name": "Bộ 30 chỉ tiêu (đo)"})
    if not indicator_set.indicators.exists():
        entered = Indicator.objects.bulk_create(
            [
                Indicator(indicator_set=indicator_set, code=f"i{n:02d}", name=f"Chỉ tiêu {n}", sort=n)
                for n in range(ENTERED)
            ]
        )
        Indicator.objects.bulk_create(
            [
                Indicator(
                    indicator_set=indicator_set,
                    code=f"r{n}",
                    name=f"Tỷ lệ {n}",
                    unit_label="%",
                    numerator=entered[2 * n],
                    denominator=entered[2 * n + 1],
                    sort=100 + n,
                )
                for n in range(RATES)
            ]
        )
    indicators = list(indicator_set.indicators.filter(numerator__isnull=True))
    the_round = ReportingRound.objects.create(
        unit=root,
        title="Đợt báo cáo đo hiệu năng",
        date_from=datetime.date(2026, 1, 1),
        date_to=datetime.date(2026, 6, 30),
        due=datetime.date(2026, 7, 5),
        indicator_set=indicator_set,
        outline=[{"code": "results", "title": "Kết quả"}],
    )
    rng = random.Random(seed)
    now = timezone.now()
    submissions = []
    for unit in communes:
        sent = rng.random() < sent_share
        submissions.append(
            Submission(
                round=the_round,
                unit=unit,
                status=SubmissionStatus.SENT if sent else SubmissionStatus.PENDING,
                sent_at=now if sent else None,
                late=sent and rng.random() < 0.1,
                sections={"results": "Kết quả thực hiện."} if sent else {},
            )
        )
    Submission.objects.bulk_create(submissions, batch_size=1000)
    values = [
        SubmissionValue(submission=s, indicator=i, value=Decimal(rng.randint(0, 500)))
        for s in Submission.objects.filter(round=the_round, status=SubmissionStatus.SENT)
        for i in indicators
    ]
    SubmissionValue.objects.bulk_create(values, batch_size=5000)
    return the_round


def analyze() -> None:
    """Fresh planner statistics for the loaded tables, as autovacuum would give them after a bulk load."""
    from django.db import connection

    with connection.cursor() as cursor:
        for model in (Submission, SubmissionValue):
            cursor.execute(f"ANALYZE {connection.ops.quote_name(model._meta.db_table)}")


def remove_round(the_round: ReportingRound) -> None:
    refuse_in_production("xóa đợt báo cáo thử")
    with transaction.atomic():
        SubmissionValue.objects.filter(submission__round=the_round).delete()
        the_round.submissions.all().delete()
        the_round.delete()


def run_round_bench(*, repeat: int = 30, warmup: int = 3, keep: bool = False) -> RoundBench:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    the_round = build_round()
    analyze()
    try:
        indicators = selectors.round_indicators(the_round)
        board_call = lambda: selectors.round_board(the_round)  # noqa: E731
        totals_call = lambda: selectors.round_totals(the_round)  # noqa: E731
        with CaptureQueriesContext(connection) as board_queries:
            board = board_call()
        with CaptureQueriesContext(connection) as totals_queries:
            totals_call()
        return RoundBench(
            units=board.expected,
            indicators=len(indicators),
            sent=board.submitted,
            late=len(board.late),
            values=SubmissionValue.objects.filter(submission__round=the_round).count(),
            board=measure(board_call, warmup=warmup, repeat=repeat),
            totals=measure(totals_call, warmup=warmup, repeat=repeat),
            board_queries=len(board_queries.captured_queries),
            totals_queries=len(totals_queries.captured_queries),
        )
    finally:
        if not keep:
            remove_round(the_round)
