"""The `danvan` console script: Django's manage with danvan's settings."""

import os
import sys
from pathlib import Path


def make_local_folders() -> None:
    """The folders the settings point at that must exist before a command runs: the SQLite
    database's (./var/ by default; SQLite makes the file but not its folder) and the static
    files' (WhiteNoise warns when it is missing). Made here, when a command runs: reading the
    settings writes nothing."""
    from django.conf import settings

    folders = [Path(settings.STATIC_ROOT)]
    database = settings.DATABASES["default"]
    if database["ENGINE"] == "django.db.backends.sqlite3":
        folders += [Path(name).parent for name in (database["NAME"], database.get("TEST", {}).get("NAME")) if name]
    for folder in folders:
        if not folder.is_dir():
            folder.mkdir(parents=True, exist_ok=True)


def main() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "danvan.settings")
    from django.core.management import execute_from_command_line

    make_local_folders()
    execute_from_command_line(sys.argv)


if __name__ == "__main__":
    main()
