"""Whatever a visitor puts in a page's address: every page of the site, opened by the installation's
administrator (who may open them all) with each field of the page's own GET forms set to values a person
or a crawler can send (letters for a year, a day that does not exist, a page past the end, NUL, a very
long word), answers with the page, a redirect or a 4xx, never a 500."""

from html.parser import HTMLParser

from tests.test_authz_matrix import expectation_for, matrix, named_routes  # noqa: F401  (matrix: a fixture)

BAD_VALUES = ["abc", "-1", "99999999999999999999", "31/02/2025", "2025-13-45", "\x00", "x" * 300, "' OR 1=1 --"]


class _GetForms(HTMLParser):
    """The names of the fields of the page's forms that send by GET (filters, searches, pickers)."""

    def __init__(self) -> None:
        super().__init__()
        self.names: list[str] = []
        self._in_get = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = dict(attrs)
        if tag == "form":
            self._in_get = (a.get("method") or "get").lower() == "get"
        elif self._in_get and tag in ("input", "select", "textarea", "button") and a.get("name"):
            name = a["name"] or ""
            if name not in self.names and name != "csrfmiddlewaretoken":
                self.names.append(name)

    def handle_endtag(self, tag: str) -> None:
        if tag == "form":
            self._in_get = False


def test_no_page_answers_bad_parameters_with_a_500(matrix) -> None:  # noqa: F811
    _clients, objects = matrix
    world = objects["world"]
    from django.test import Client

    client = Client()
    client.force_login(world.superuser)
    failures, tried, pages, seen = [], 0, 0, set()
    for name in sorted(named_routes()):
        route = expectation_for(name)
        if route is None or route.policy is None or route.method != "get" or name == "accounts-logout":
            continue
        path = route.path(objects)
        page = client.get(path)
        if page.status_code != 200 or "html" not in page.get("Content-Type", ""):
            continue
        parser = _GetForms()
        parser.feed(page.content.decode())
        fields = [*parser.names, "page", "trang"]
        pages += 1
        seen.update(parser.names)
        for shift in range(len(BAD_VALUES)):
            query = {f: BAD_VALUES[(i + shift) % len(BAD_VALUES)] for i, f in enumerate(fields)}
            response = client.get(path.split("?")[0], query)
            tried += 1
            if response.status_code >= 500:
                failures.append(f"{name} {path} {query!r}: {response.status_code}")
    # the pages and their filters were found (about 200 pages, 1,600 requests, 29 field names)
    assert pages > 150 and {"nam", "q", "don_vi", "tu_ngay", "_unit_search", "status"} <= seen, sorted(seen)
    assert not failures, "\n".join(failures[:20])


def test_an_address_with_a_nul_is_refused_with_a_message(client, db) -> None:
    # in a query, in a path (a unit's code), on a page and in the API: a 400 that says what was wrong
    for path in ("/thu-vien/?q=a%00b", "/don-vi/%00/", "/khen-thuong/xac-thuc/?ma=%00"):
        response = client.get(path)
        assert response.status_code == 400, path
        assert "ký tự rỗng (NUL)" in response.content.decode()
    response = client.get("/api/v1/units?q=%00")
    assert response.status_code == 400 and "ký tự rỗng" in response.json()["detail"]


def test_a_form_sent_with_a_nul_for_a_unit_says_what_is_wrong(world) -> None:
    from danvan.conferences.models import Conference
    from tests.test_conferences import CONFERENCE_FORM

    client = world.client_for(world.superuser)
    response = client.post("/hoi-nghi/them/", {**CONFERENCE_FORM, "host_unit": "P1\x00", "scope_unit": "\x00"})
    assert response.status_code == 200 and not Conference.objects.exists()
    assert "errorlist" in response.content.decode()
