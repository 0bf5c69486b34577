"""Reading the settings writes nothing; the development key is the same every time for a checkout,
another for another checkout; production still requires SECRET_KEY (tests/test_security.py)."""

import os
import subprocess
import sys
from pathlib import Path

PRINT_KEY = "import danvan.settings as s; print(s.SECRET_KEY)"


def _settings_env(checkout: Path, **extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in {"SECRET_KEY", "DANVAN_ENV", "DATABASE_URL", "MEDIA_ROOT"}}
    return {**env, "DANVAN_PROJECT_DIR": str(checkout), "DANVAN_VAR_DIR": str(checkout / "var"), **extra}


def _key(checkout: Path) -> str:
    result = subprocess.run(
        [sys.executable, "-c", PRINT_KEY], env=_settings_env(checkout), capture_output=True, text=True, check=True
    )
    return result.stdout.strip()


def _files(folder: Path) -> list[Path]:
    return sorted(folder.rglob("*"))


def test_importing_the_settings_writes_no_file_and_the_key_is_the_checkouts(tmp_path: Path) -> None:
    # given two checkouts that have never run anything
    first, second = tmp_path / "danvan", tmp_path / "danvan-2"
    first.mkdir()
    second.mkdir()
    # when the settings are read, twice in one and once in the other
    key = _key(first)
    again = _key(first)
    other = _key(second)
    # then nothing was written (no ./var/, no key file), the key is stable per checkout
    assert _files(tmp_path) == [first, second]
    assert key == again != other
    assert len(key) >= 50 and len(set(key)) >= 5  # what Django's deploy check asks of a key


def test_an_environment_secret_key_wins(tmp_path: Path) -> None:
    env = _settings_env(tmp_path, SECRET_KEY="k" * 20 + "-from-the-environment-0123456789-abcdefghij")
    result = subprocess.run([sys.executable, "-c", PRINT_KEY], env=env, capture_output=True, text=True, check=True)
    assert result.stdout.strip() == env["SECRET_KEY"]
    assert _files(tmp_path) == []


def test_the_danvan_command_makes_the_local_folders(tmp_path: Path) -> None:
    # the command (not the settings) makes ./var/ for the SQLite database and the static files
    result = subprocess.run(
        [sys.executable, "-m", "danvan.cli", "check"], env=_settings_env(tmp_path), capture_output=True, text=True
    )
    assert result.returncode == 0, result.stderr
    assert (tmp_path / "var" / "static").is_dir()
    assert {p.name for p in _files(tmp_path)} <= {"var", "static", "danvan.sqlite3"}  # no key file
