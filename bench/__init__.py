"""National scale: a realistic data set of a million initiatives, and the measurements made on it.

A development package at the repository root, outside the product (`src/danvan`): installed by
`uv sync` with the dev group, added to INSTALLED_APPS only outside production, never in the wheel.

`generator` (with `bulk` and `vocab`) is the one data builder (`uv run danvan generate`); `suite`
times the pages and endpoints against the raw SQL that does the same work (`uv run danvan bench`);
`loadtest` and `background` drive a real gunicorn server with locust (`bench/loadtest.sh`);
`library` times the public library (`uv run danvan library_bench`); `lists` the initiative lists
and review queues. Nothing in `src/danvan` imports this package.
"""
