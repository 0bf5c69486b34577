"""Never on a production database: the generator and every deleting step of the benchmarks refuse
when DANVAN_ENV is production, and production settings do not even load the bench app."""

import os
import subprocess
import sys
from io import StringIO

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from bench import bulk, importing
from bench.generator import generate
from bench.safety import ProductionRefused
from danvan.initiatives.models import Initiative
from danvan.orgs.models import Unit
from tests.conftest import World, registered_initiative

pytestmark = pytest.mark.django_db


def test_generate_refuses_to_flush_a_production_database(world: World, monkeypatch: pytest.MonkeyPatch) -> None:
    # given a database holding a real initiative, marked as production
    initiative = registered_initiative(world)
    units = Unit.objects.count()
    monkeypatch.setenv("DANVAN_ENV", "production")
    # when the generator is asked to replace it, then it refuses with a message saying why and what to do
    with pytest.raises(CommandError) as refused:
        call_command("generate", initiatives=50, seed=1, villages=1, flush=True, stdout=StringIO())
    assert "DANVAN_ENV=production" in str(refused.value)
    assert "cơ sở dữ liệu thử" in str(refused.value)
    # and nothing was deleted or added
    assert list(Initiative.objects.values_list("pk", flat=True)) == [initiative.pk]
    assert Unit.objects.count() == units


def test_every_deleting_step_of_the_benchmarks_refuses_in_production(
    world: World, monkeypatch: pytest.MonkeyPatch
) -> None:
    initiative = registered_initiative(world)
    monkeypatch.setenv("DANVAN_ENV", "production")
    with pytest.raises(ProductionRefused):
        generate(initiatives=10, seed=1, villages=1)
    with pytest.raises(ProductionRefused):
        bulk.empty([Initiative])
    with pytest.raises(ProductionRefused):
        importing.remove_after(0)
    with pytest.raises(ProductionRefused):
        importing.counts_restore()
    with pytest.raises(CommandError, match="DANVAN_ENV=production"):
        call_command("bench", "--no-write", "--only", "dashboard", stdout=StringIO())
    assert Initiative.objects.filter(pk=initiative.pk).exists()


def test_the_same_steps_run_outside_production(world: World, monkeypatch: pytest.MonkeyPatch) -> None:
    # the guard reads the environment: anything but "production" lets the benchmark clean up
    registered_initiative(world)
    monkeypatch.setenv("DANVAN_ENV", "development")
    importing.remove_after(0)
    assert not Initiative.objects.exists()


def test_production_settings_leave_the_bench_app_and_its_commands_out() -> None:
    env = {**os.environ, "DANVAN_ENV": "production", "SECRET_KEY": "x" * 50}
    apps = subprocess.run(
        [sys.executable, "-c", "from django.conf import settings; print(settings.INSTALLED_APPS)"],
        env={**env, "DJANGO_SETTINGS_MODULE": "danvan.settings"},
        capture_output=True,
        text=True,
        check=True,
    )
    assert "'danvan.api'" in apps.stdout and "'bench'" not in apps.stdout
    for command in ("generate", "bench", "library_bench"):
        found = subprocess.run(
            [sys.executable, "-m", "danvan.cli", "help", command], env=env, capture_output=True, text=True
        )
        assert found.returncode != 0
        assert f"Unknown command: '{command}'" in found.stderr
    # and in development both are there
    dev = subprocess.run(
        [sys.executable, "-m", "danvan.cli", "help", "generate"],
        env={k: v for k, v in os.environ.items() if k != "DANVAN_ENV"},
        capture_output=True,
        text=True,
    )
    assert dev.returncode == 0 and "--flush" in dev.stdout
