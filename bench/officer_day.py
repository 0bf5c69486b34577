"""The pages of an officer's day, timed on whatever database is configured (the demo's SQLite file
after `danvan demo --no-serve`, or the 1,000,000-initiative set): `danvan officer_day_bench`.

Each page is requested through Django's test `Client` signed in as the person who opens it (the
demo's logins: village officer, commune reviewer, province approver, leader; the public signed out),
as the suite does (middleware, sessions, templates; no network). For each: 3 warm-up requests, then
`repeat` measured ones; the median, the 95th percentile, the SQL queries of one request and the
page's size."""

from collections.abc import Callable, Iterator
from dataclasses import dataclass

from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from bench.suite import HOST
from bench.timing import Samples, measure
from danvan.accounts.models import User
from danvan.initiatives.models import Initiative
from danvan.initiatives.workflow import OWNER_EDITS
from danvan.orgs.access import scope_q
from danvan.orgs.selectors import filter_scope
from danvan.reviews.selectors import review_queue_base

PEOPLE = {
    "officer": "thon.canbo",
    "reviewer": "xa.thamdinh",
    "approver": "tinh.pheduyet",
    "leader": "lanhdao",
}


@dataclass
class Page:
    who: str
    what: str
    url: str


@dataclass
class Timed:
    page: Page
    samples: Samples
    queries: int
    kilobytes: float
    status: int


def pages() -> Iterator[Page]:
    """The day's pages, with the records they open read from the database (the officer's newest model,
    the reviewer's first queued one, the leader's province)."""
    officer = User.objects.get(username=PEOPLE["officer"])
    reviewer = User.objects.get(username=PEOPLE["reviewer"])
    leader = User.objects.get(username=PEOPLE["leader"])
    own = Initiative.objects.filter(scope_q(officer)).order_by("-pk").first()
    editable = Initiative.objects.filter(scope_q(officer), status__in=OWNER_EDITS).order_by("-pk").first()
    queued = review_queue_base(reviewer).order_by("pk").first()
    province = filter_scope(leader).order_by("depth").first()
    public = Initiative.objects.filter(library_entry__isnull=False).order_by("-pk").first()

    yield Page("officer", "workspace", reverse("core-home"))
    yield Page("officer", "initiative list", reverse("initiatives-list"))
    yield Page("officer", "registration form", reverse("initiatives-create"))
    if own:
        yield Page("officer", "initiative detail", reverse("initiatives-detail", args=[own.pk]))
    if editable:
        yield Page("officer", "edit form", reverse("initiatives-edit", args=[editable.pk]))
    yield Page("officer", "notifications", reverse("notifications-list"))
    yield Page("reviewer", "workspace", reverse("core-home"))
    yield Page("reviewer", "review queue", reverse("reviews-queue"))
    if queued:
        yield Page("reviewer", "score sheet", reverse("reviews-score", args=[queued.pk]))
    yield Page("approver", "workspace", reverse("core-home"))
    yield Page("approver", "decision list", reverse("awards-decision-list"))
    yield Page("approver", "decision form", reverse("awards-decision-create"))
    yield Page("approver", "proposals", reverse("proposals-list"))
    yield Page("approver", "reporting rounds", reverse("rounds-list"))
    yield Page("approver", "key tasks", reverse("keytasks-list"))
    if province:
        yield Page("leader", "dashboard", reverse("reports-dashboard", args=[province.code]))
    yield Page("public", "library", reverse("library-index"))
    yield Page("public", "library search", reverse("library-index") + "?q=dan+van+kheo")
    if public:
        yield Page("public", "library entry", reverse("library-detail", args=[public.public_key]))


def _client(who: str) -> Client:
    client = Client(HTTP_HOST=HOST)
    if who in PEOPLE:
        client.force_login(User.objects.get(username=PEOPLE[who]))
    return client


def time_pages(*, repeat: int = 20, progress: Callable[[Timed], None] | None = None) -> list[Timed]:
    timed: list[Timed] = []
    clients: dict[str, Client] = {}
    for page in pages():
        client = clients.setdefault(page.who, _client(page.who))
        with CaptureQueriesContext(connection) as captured:
            response = client.get(page.url)
        queries = len(captured.captured_queries)  # now: each request started later resets the log
        samples = measure(lambda: client.get(page.url), warmup=3, repeat=repeat)  # noqa: B023 - called at once
        size = len(response.content) / 1024
        result = Timed(page, samples, queries, size, response.status_code)
        timed.append(result)
        if progress:
            progress(result)
    return timed


def markdown(timed: list[Timed]) -> str:
    lines = [
        "| who | page | median ms | p95 ms | queries | KB | status |",
        "|---|---|---:|---:|---:|---:|---:|",
    ]
    lines.extend(
        f"| {t.page.who} | {t.page.what} | {t.samples.median:.1f} | {t.samples.p95:.1f} | {t.queries} | "
        f"{t.kilobytes:.0f} | {t.status} |"
        for t in timed
    )
    return "\n".join(lines)
