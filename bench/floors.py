"""The floors: raw SQL doing the same counting or lookup as a page, with no framework around it.

A page's time divided by its floor says how much the application adds to the unavoidable work
of the database. A floor is not a target: pages that read pre-computed counts can beat it.
"""

import datetime
from collections.abc import Callable
from typing import Any

from django.db import connection

from danvan.orgs.models import Unit

INITIATIVES = "initiatives_initiative"
UNITS = "orgs_unit"


def _fetch(sql: str, params: list[Any]) -> Callable[[], None]:
    def run() -> None:
        with connection.cursor() as cursor:
            cursor.execute(sql, params)
            cursor.fetchall()

    return run


def _all(*runs: Callable[[], None]) -> Callable[[], None]:
    def run() -> None:
        for one in runs:
            one()

    return run


def paths_sql(paths: list[str]) -> tuple[str, list[Any]]:
    """`u.path` in any of the subtrees, as index ranges (the same shape as `orgs.selectors.paths_q`)."""
    if not paths:
        return "TRUE", []
    clauses: list[str] = []
    params: list[Any] = []
    for path in paths:
        clauses.append("(u.path >= %s AND u.path < %s)")
        params += [path, path[:-1] + "0"]
    return "(" + " OR ".join(clauses) + ")", params


def statistics(paths: list[str] | None, year_from: int, year_to: int) -> Callable[[], None]:
    """Registered by registration year; recognised and exemplary by date of recognition;
    commended by decision date: each broken down by field, level, kind (and status)."""
    start, end = datetime.date(year_from, 1, 1), datetime.date(year_to, 12, 31)
    if paths is None:  # the whole country: no join to the tree
        join, where, params = "", "TRUE", list[Any]()
        decision_join, decision_where = "", "TRUE"
    else:
        where, params = paths_sql(paths)
        join = f"JOIN {UNITS} u ON u.id = i.unit_id"
        decision_join = f"JOIN {UNITS} u ON u.id = d.issuer_unit_id"
        decision_where = where
    registered = _fetch(
        f"SELECT i.field, i.registered_level, i.kind, i.status, COUNT(*) FROM {INITIATIVES} i {join} "  # noqa: S608
        f"WHERE i.year BETWEEN %s AND %s AND i.status <> 'draft' AND {where} GROUP BY 1, 2, 3, 4",
        [year_from, year_to, *params],
    )
    recognized = _fetch(
        f"SELECT i.field, i.recognized_level, i.kind, i.exemplary, COUNT(*) FROM {INITIATIVES} i {join} "  # noqa: S608
        f"WHERE i.recognized_on BETWEEN %s AND %s AND {where} GROUP BY 1, 2, 3, 4",
        [start, end, *params],
    )
    commended = _fetch(
        "SELECT a.recipient_kind, COUNT(*), COUNT(DISTINCT d.id) FROM awards_award a "  # noqa: S608
        f"JOIN awards_decision d ON d.id = a.decision_id {decision_join} "
        f"WHERE d.status = 'issued' AND d.date BETWEEN %s AND %s AND {decision_where} GROUP BY 1",
        [start, end, *params],
    )
    return _all(registered, recognized, commended)


def initiative_page(
    paths: list[str], *, page_size: int, extra: str = "", order: str = "i.year DESC, i.id DESC"
) -> Callable[[], None]:
    """A page of a list and its total, as the paginator asks for them."""
    where, params = paths_sql(paths)
    count = _fetch(
        f"SELECT COUNT(*) FROM {INITIATIVES} i JOIN {UNITS} u ON u.id = i.unit_id WHERE {where} {extra}",  # noqa: S608
        params,
    )
    rows = _fetch(
        f"SELECT i.id, i.title, i.kind, i.status, i.year, i.review_level, i.recognized_level, i.exemplary, "  # noqa: S608
        f"i.person_name, u.name, u.code, f.name FROM {INITIATIVES} i JOIN {UNITS} u ON u.id = i.unit_id "
        f"JOIN movements_field f ON f.code = i.field WHERE {where} {extra} ORDER BY {order} LIMIT {int(page_size)}",
        params,
    )
    return _all(count, rows)


def search(words: list[str], *, page_size: int) -> Callable[[], None]:
    """The library's lookup on its public rows, without the framework: every word as a prefix,
    best rank first, and the total (PostgreSQL: full text on the folded key; SQLite: FTS5)."""
    words = [w for w in words if w.isalnum()]
    if connection.vendor == "postgresql":
        query = " & ".join(f"{w}:*" for w in words)
        count = _fetch(
            "SELECT COUNT(*) FROM library_publicentry WHERE search_vector @@ to_tsquery('simple', %s)", [query]
        )
        rows = _fetch(
            "SELECT e.initiative_id, i.title, i.summary FROM library_publicentry e "  # noqa: S608
            f"JOIN {INITIATIVES} i ON i.id = e.initiative_id "
            "WHERE e.search_vector @@ to_tsquery('simple', %s) "
            "ORDER BY ts_rank(e.search_vector, to_tsquery('simple', %s)) DESC, e.recognized_on DESC "
            f"LIMIT {int(page_size)}",
            [query, query],
        )
        return _all(count, rows)
    match = " ".join(f'"{w}"*' for w in words)
    count = _fetch("SELECT COUNT(*) FROM library_fts WHERE library_fts MATCH %s", [match])
    rows = _fetch(
        "SELECT e.initiative_id, i.title, i.summary FROM library_fts f "  # noqa: S608
        f"JOIN library_publicentry e ON e.sort_key = f.rowid JOIN {INITIATIVES} i ON i.id = e.initiative_id "
        f"WHERE library_fts MATCH %s ORDER BY bm25(library_fts, 10.0, 1.0) LIMIT {int(page_size)}",
        [match],
    )
    return _all(count, rows)


def initiative(pk: int) -> Callable[[], None]:
    """One initiative with its unit, field and timeline."""
    return _all(
        _fetch(
            f"SELECT i.*, u.name, f.name FROM {INITIATIVES} i JOIN {UNITS} u ON u.id = i.unit_id "  # noqa: S608
            "JOIN movements_field f ON f.code = i.field WHERE i.id = %s",
            [pk],
        ),
        _fetch("SELECT * FROM initiatives_initiativeevent WHERE initiative_id = %s ORDER BY at, id", [pk]),
    )


def province_paths(unit: Unit) -> list[str]:
    from danvan.orgs.selectors import scope_paths_with_predecessors

    return scope_paths_with_predecessors(unit)
