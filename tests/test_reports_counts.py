"""The pre-computed counts stay exact: random operations through the services, then the
incremental rows must equal a rebuild, every breakdown must sum to its total, and every
figure must equal a direct COUNT over the initiatives."""

import datetime
from typing import Any

import pytest
from django.utils import timezone
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from danvan.initiatives.models import Initiative
from danvan.initiatives.services import (
    TransitionNotAllowed,
    initiative_act,
    initiative_create,
    initiative_enter_historical,
    initiative_update,
)
from danvan.movements.models import Field
from danvan.orgs.selectors import scope_paths_with_predecessors
from danvan.orgs.services import unit_create
from danvan.reports.counts import nonzero_rows, rebuild_counts
from danvan.reports.periods import Period
from danvan.reports.selectors import Breakdown, child_rows, scope_stats, stats_direct
from tests.conftest import World, initiative_data, score_sheet

pytestmark = pytest.mark.django_db

FIELDS = ["economy", "culture_society", "defence_security", "political_system"]
ACTIONS = [
    "submit",
    "recognize",
    "forward",
    "return",
    "reject",
    "mark_exemplary",
    "unmark_exemplary",
    "resubmit",
    "register",
]
LEVELS = ["commune", "district", "province"]

operation = st.one_of(
    st.tuples(
        st.just("create"),
        st.sampled_from(["village", "village2", "other_commune", "commune", "legacy"]),
        st.sampled_from(FIELDS),
        st.sampled_from(["collective", "individual"]),
        st.integers(2016, 2026),
        st.sampled_from(LEVELS),
        st.booleans(),
        st.one_of(st.none(), st.integers(1, 11)),  # the month of a given day of registration, or none
    ),
    st.tuples(
        st.just("historical"),
        st.sampled_from(["village", "other_commune", "legacy"]),
        st.sampled_from(FIELDS),
        st.sampled_from(["recognized", "registered", "not_recognized"]),
        st.dates(datetime.date(2016, 1, 1), datetime.date(2025, 12, 31)),  # never after today: the service refuses
        st.sampled_from(LEVELS),
        st.booleans(),
        st.booleans(),  # whether the day of registration is known
    ),
    st.tuples(st.just("act"), st.integers(0, 50), st.sampled_from(ACTIONS)),
    st.tuples(
        st.just("update"),
        st.integers(0, 50),
        st.sampled_from(FIELDS),
        st.integers(2016, 2026),
        st.sampled_from(["village", "village2", "other_commune"]),
    ),
)


def _legacy(world: World) -> Any:
    """A district dissolved on 1 July 2025 whose successor is today's province (the real tree's shape)."""
    from danvan.orgs.models import Unit

    found = Unit.objects.filter(code="D01").first()
    if found:
        return found
    return unit_create(
        by=world.superuser,
        code="D01",
        name="Huyện Cũ",
        kind="district",
        parent=world.root,
        valid_to=datetime.date(2025, 6, 30),
        successor=world.province,
    )


def _unit(world: World, key: str) -> Any:
    return _legacy(world) if key == "legacy" else getattr(world, key)


def run(world: World, op: tuple[Any, ...]) -> None:
    su = world.superuser
    fields = {f.code: f for f in Field.objects.all()}
    if op[0] == "create":
        _, unit, field, kind, year, level, register, month = op
        day = datetime.date(year, month, 15) if month else None
        data = initiative_data(
            world,
            registered_on=day if day is not None and day <= timezone.localdate() else None,
            unit=_unit(world, unit),
            field=fields[field],
            kind=kind,
            year=year,
            registered_level=level,
            person_name="Nguyễn Thị A",
            person_gender="female" if year % 2 else "male",  # women have their own cells
        )
        initiative_create(by=su, data=data, register=register)
    elif op[0] == "historical":
        _, unit, field, status, day, level, exemplary, dated = op
        woman = day.day % 2 == 1
        data = initiative_data(
            world,
            registered_on=day.replace(day=1) if dated else None,
            unit=_unit(world, unit),
            field=fields[field],
            year=day.year,
            kind="individual" if woman else "collective",
            person_name="Lò Thị B" if woman else "",
            person_gender="female" if woman else "",
        )
        recognized = status == "recognized"
        initiative_enter_historical(
            by=su,
            data=data,
            status=status,
            recognized_level=level if recognized else "",
            recognized_on=day if recognized else None,
            exemplary=exemplary and recognized,
        )
    else:
        ids = list(Initiative.objects.order_by("pk").values_list("pk", flat=True))
        if not ids:
            return
        initiative = Initiative.objects.select_related("unit").get(pk=ids[op[1] % len(ids)])
        try:
            if op[0] == "act":
                if op[2] == "recognize" and initiative.status == "under_review":
                    score_sheet(su, initiative)  # recognition needs the level's score sheet
                initiative_act(by=su, initiative=initiative, action=op[2], note="Ghi chú kiểm thử")
            else:
                data = initiative_data(world, field=fields[op[2]], year=op[3], unit=_unit(world, op[4]))
                initiative_update(by=su, initiative=initiative, data=data)
        except (TransitionNotAllowed, Exception) as exc:  # a refused operation must change nothing
            if (
                not isinstance(exc, TransitionNotAllowed | PermissionError)
                and "ValidationError" not in type(exc).__name__
                and "PermissionDenied" not in type(exc).__name__
            ):
                raise


def assert_sums(b: Breakdown) -> None:
    for split in (b.by_level, b.by_field, b.by_kind, b.by_status):
        assert sum(split.values()) == b.total
    assert sum(b.by_field_kind.values()) == b.total


def check_all(world: World) -> None:
    incremental = nonzero_rows()
    rebuild_counts()
    assert nonzero_rows() == incremental
    periods = [Period(y, y) for y in range(2016, 2027)] + [
        Period(2016, 2020),
        Period(2021, 2025),
        Period(2026, 2030),
        Period(2026, 2026, first_half=True),
        Period(2020, 2026),
        Period(2025, 2025, month_from=7),
        Period(2026, 2026, month_to=9),
        Period(2025, 2026, month_from=7, month_to=6),
        Period(2024, 2024, month_from=4, month_to=6),
        Period(2026, 2026, month_from=12),
    ]
    for unit in (world.root, world.province, world.commune, world.village, world.other_commune):
        paths = scope_paths_with_predecessors(unit)
        for period in periods:
            stats = scope_stats(unit=unit, period=period)
            direct = stats_direct(paths=paths, period=period)
            for name in ("registered", "recognized", "exemplary"):
                mine = stats.metric(name)
                assert_sums(mine)
                assert (mine.total, mine.by_level, mine.by_field, mine.by_kind, mine.by_status) == (
                    direct[name].total,
                    direct[name].by_level,
                    direct[name].by_field,
                    direct[name].by_kind,
                    direct[name].by_status,
                ), (unit.code, period, name)
            rows = child_rows(unit=unit, period=period, paths=paths, stats=stats)
            assert sum(r.registered for r in rows) == stats.registered.total
            assert sum(r.recognized for r in rows) == stats.recognized.total
            assert all(r.registered >= 0 and r.recognized >= 0 for r in rows), [
                (r.unit, r.registered, r.recognized, r.exemplary) for r in rows
            ]


@settings(
    max_examples=25,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(ops=st.lists(operation, min_size=1, max_size=25))
def test_incremental_counts_equal_rebuild_and_direct_count(world: World, ops: list[tuple[Any, ...]]) -> None:
    # given: random registrations, historical entries, transitions and edits through the services
    for op in ops:
        run(world, op)
    # then: the increments equal a rebuild, breakdowns sum to totals and equal a direct count
    check_all(world)


def test_dissolved_district_counts_in_its_successor(world: World) -> None:
    # given: a record of a district dissolved on 1 July 2025, whose successor is the province
    legacy = _legacy(world)
    data = initiative_data(world, unit=legacy, year=2023)
    initiative_enter_historical(
        by=world.superuser,
        data=data,
        status="recognized",
        recognized_level="district",
        recognized_on=datetime.date(2023, 9, 7),
        exemplary=True,
    )
    # when / then: the province's statistics hold it, and the table by child unit names the district
    stats = scope_stats(unit=world.province, period=Period(2021, 2025))
    assert (stats.registered.total, stats.recognized.total, stats.exemplary.total) == (1, 1, 1)
    assert stats.recognized.by_level == {"district": 1}
    rows = child_rows(unit=world.province, period=Period(2021, 2025), paths=stats.paths, stats=stats)
    assert [(r.unit.code if r.unit else None, r.registered, r.dissolved) for r in rows if r.registered] == [
        ("D01", 1, True)
    ]
    # and: the commune next door does not
    assert scope_stats(unit=world.other_commune, period=Period(2021, 2025)).registered.total == 0


def test_draft_is_not_counted_and_registration_is(world: World) -> None:
    draft = initiative_create(by=world.officer, data=initiative_data(world, year=2025), register=False)
    assert scope_stats(unit=world.province, period=Period(2025, 2025)).registered.total == 0
    initiative_act(by=world.officer, initiative=draft, action="register")
    stats = scope_stats(unit=world.province, period=Period(2025, 2025))
    assert stats.registered.as_api() == {
        "total": 1,
        "by_level": {"commune": 1},
        "by_field": {"economy": 1},
        "by_kind": {"collective": 1},
    }
    assert stats.registered.by_status == {"registered": 1}


def test_deferred_counts_of_a_bulk_entry_equal_a_rebuild(world: World) -> None:
    # given: many historical records entered through the bulk service with the counts deferred
    from django.db import transaction

    from danvan.initiatives.services import HistoricalEntry, initiatives_enter_historical
    from danvan.reports.counts import deferred_counts

    entries = [
        HistoricalEntry(
            data=initiative_data(world, year=2016 + i % 10, unit=world.village if i % 2 else world.other_commune),
            status="recognized" if i % 3 else "registered",
            recognized_level="commune" if i % 3 else "",
            recognized_on=datetime.date(2016 + i % 10, 1 + i % 12, 5) if i % 3 else None,
            exemplary=i % 5 == 1 and i % 3 != 0,
        )
        for i in range(60)
    ]
    with transaction.atomic(), deferred_counts():
        initiatives_enter_historical(by=world.superuser, entries=entries)
    # then
    incremental = nonzero_rows()
    rebuild_counts()
    assert nonzero_rows() == incremental
    assert scope_stats(unit=world.province, period=Period(2016, 2025)).registered.total == 60


def test_deferred_counts_write_nothing_when_the_block_fails(world: World) -> None:
    from django.db import transaction

    from danvan.reports.counts import deferred_counts
    from danvan.reports.models import StatCount

    with pytest.raises(RuntimeError), transaction.atomic(), deferred_counts():
        initiative_create(by=world.superuser, data=initiative_data(world, year=2025), register=True)
        raise RuntimeError("giữa chừng")
    assert not StatCount.objects.exists()
