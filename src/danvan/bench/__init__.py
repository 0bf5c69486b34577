"""National scale: a realistic data set of a million initiatives, and the measurements made on it.

`generator` fills the database (`uv run danvan generate`), `suite` times the pages and
endpoints against the raw SQL that does the same work (`uv run danvan bench`), and
`loadtest` drives a real gunicorn server with locust (`uv run danvan bench --load`).
Nothing here is imported by the web application.
"""
