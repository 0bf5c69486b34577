"""The officer's-day timing opens every page of the day as its person and writes its block."""

import pytest
from django.core.management import call_command

from bench.officer_day import time_pages
from danvan.initiatives.services import initiative_act
from tests.awards_helpers import recognized_initiative
from tests.conftest import registered_initiative

pytestmark = pytest.mark.django_db


def test_every_page_of_the_day_answers_and_is_timed(world, tmp_path) -> None:
    registered_initiative(world)
    initiative_act(by=world.officer, initiative=registered_initiative(world, title="Sent"), action="submit")
    recognized_initiative(world)
    timed = time_pages(repeat=2)
    pages = {(t.page.who, t.page.what) for t in timed}
    assert {("officer", "edit form"), ("reviewer", "score sheet"), ("public", "library entry")} <= pages
    assert len(timed) == 19
    assert all(t.status == 200 for t in timed), [(t.page.url, t.status) for t in timed if t.status != 200]
    assert all(len(t.samples.ms) == 2 and t.queries > 0 and t.kilobytes > 1 for t in timed)

    results = tmp_path / "RESULTS.md"
    results.write_text("# Benchmark results\n\nnotes people wrote\n")
    call_command("officer_day_bench", repeat=1, output=results, note="a test run")
    text = results.read_text()
    assert "notes people wrote" in text and "<!-- officer-day:start -->" in text and "| officer | workspace |" in text
    call_command("officer_day_bench", repeat=1, output=results)
    assert results.read_text().count("<!-- officer-day:start -->") == 1 and "a test run" not in results.read_text()
