"""SQL that only one database has (triggers, FTS5, pg_trgm), for migrations.

migrations.RunPython(*on_database("postgresql", FORWARD, BACKWARD))
"""

from collections.abc import Callable
from typing import Any


def _run(vendor: str, statements: list[str]) -> Callable[[Any, Any], None]:
    def run(apps: Any, schema_editor: Any) -> None:
        if schema_editor.connection.vendor == vendor:
            for sql in statements:
                schema_editor.execute(sql)

    return run


def on_database(
    vendor: str, forward: list[str], backward: list[str]
) -> tuple[Callable[[Any, Any], None], Callable[[Any, Any], None]]:
    """The forward and backward functions of a RunPython that execute `statements` on `vendor` only."""
    return _run(vendor, forward), _run(vendor, backward)
