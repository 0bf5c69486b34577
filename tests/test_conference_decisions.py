"""The conference form's decisions to announce (awards.picklist): the decisions linked to a conference are
offered and ticked whatever their age, so an unrelated edit keeps them (and those the editor cannot see
stay linked); the list is searched by number, issuing unit and summary with or without diacritics and
narrowed by year, on the server without a script ("Lọc danh sách" saves nothing); ticks are read back only
among the caller's decisions; the page's queries do not grow with the decisions."""

import datetime
import re
from typing import Any

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from danvan.awards import picklist
from danvan.awards.access import access_ticked_decisions, decisions_visible_to
from danvan.awards.models import Decision
from danvan.conferences.models import Conference
from danvan.conferences.services import conference_create
from tests.awards_helpers import make_decision, recognized_initiative
from tests.conftest import World
from tests.test_conferences import CONFERENCE_FORM as FORM
from tests.test_conferences import conference_data

pytestmark = pytest.mark.django_db


def _box(decision: Decision, checked: bool = False) -> str:
    return f'name="decisions" value="{decision.pk}"' + (" checked" if checked else "")


def _ticked(page: str) -> list[str]:
    """The decisions a browser would send: the boxes the page shows ticked."""
    return re.findall(r'name="decisions" value="(\d+)" checked', page)


def _decision(world: World, number: str, day: datetime.date, **overrides: Any) -> Decision:
    return make_decision(world, number=number, date=day, issue=True, **overrides)


def _decisions(world: World) -> tuple[Decision, Decision, Decision]:
    """The province's decision of 2025, the commune's of 2024 and an older one of the province, 2023."""
    year_end = _decision(
        world,
        "2559/QĐ-UBND",
        datetime.date(2025, 12, 15),
        title="Về việc tặng Bằng khen phong trào thi đua “Dân vận khéo” năm 2025",
    )
    commune = _decision(
        world,
        "15/QĐ-UBND",
        datetime.date(2024, 11, 30),
        issuer_unit=world.commune,
        award_form="giay_khen",
        by=world.superuser,
    )
    older = _decision(
        world, "1020/QĐ-UBND", datetime.date(2023, 12, 10), title="Về việc khen thưởng điển hình đường quê sáng"
    )
    return year_end, commune, older


def test_a_linked_decision_older_than_the_list_stays_linked_after_an_unrelated_edit(
    world: World, monkeypatch: pytest.MonkeyPatch
) -> None:
    # given a list that offers only the newest decision (300 at a province's scale) and a conference
    # linked to an older one
    monkeypatch.setattr(picklist, "LIMIT", 1)
    year_end, commune, older = _decisions(world)
    conference = conference_create(by=world.approver, data=conference_data(world, decisions=[older.pk]))
    client = world.client_for(world.approver)
    edit = reverse("conferences-edit", args=[conference.pk])
    # when the edit page is opened, the old decision is offered, ticked, beside the newest
    page = client.get(edit).content.decode()
    assert _box(older, checked=True) in page and _box(year_end) in page and _box(commune) not in page
    assert "Danh sách chỉ hiện 1 quyết định" in page
    # and only the title is changed, the page's ticks sent back as they are
    response = client.post(edit, {**FORM, "title": "Hội nghị tổng kết (sửa tên)", "decisions": _ticked(page)})
    # then the title changed and the link stays
    assert response.status_code == 302
    conference.refresh_from_db()
    assert conference.title == "Hội nghị tổng kết (sửa tên)"
    assert list(conference.decisions.values_list("pk", flat=True)) == [older.pk]


def test_a_linked_decision_the_editor_cannot_see_stays_linked_and_a_seen_one_can_be_unticked(world: World) -> None:
    # given a commune's conference the province linked to its own decision (which commends nothing in the
    # commune, so the commune does not see it) and to the commune's decision
    year_end, commune, _older = _decisions(world)
    conference = conference_create(
        by=world.approver, data=conference_data(world, host_unit=world.commune, decisions=[year_end.pk, commune.pk])
    )
    client = world.client_for(world.commune_approver)
    edit = reverse("conferences-edit", args=[conference.pk])
    # when the commune opens the edit page, it is offered only its own decision, ticked
    page = client.get(edit).content.decode()
    assert _box(commune, checked=True) in page and "2559/QĐ-UBND" not in page
    # and it saves a new title with its own decision unticked
    response = client.post(edit, {**FORM, "host_unit": "C1", "title": "Hội nghị của xã (sửa tên)"})
    # then the province's decision stays linked, the commune's is unlinked
    assert response.status_code == 302
    conference.refresh_from_db()
    assert conference.title == "Hội nghị của xã (sửa tên)"
    assert list(conference.decisions.all()) == [year_end]


def test_the_list_is_searched_with_or_without_diacritics_and_narrowed_by_year(world: World) -> None:
    year_end, commune, older = _decisions(world)
    client = world.client_for(world.approver)
    page = client.get(reverse("conferences-create")).content.decode()
    assert _box(year_end) in page and _box(commune) in page and _box(older) in page
    assert "Đang hiện 3 trong 3 quyết định đã ban hành." in page
    assert '<option value="2023">2023</option>' in page
    assert "Về việc khen thưởng điển hình đường quê sáng" in page  # the summary, under the number

    def narrowed(**filters: Any) -> str:
        response = client.post(reverse("conferences-create"), {**FORM, **filters, "loc-apply": "1"})
        assert response.status_code == 200
        return response.content.decode()

    # by the issuing unit's name, typed with or without its marks (đ a letter of its own)
    for words in ("xa dong hoa", "Xã Đông Hòa", "ĐÔNG HOÀ"):
        page = narrowed(**{"qd-q": words})
        assert _box(commune) in page and _box(year_end) not in page and _box(older) not in page, words
    # by the number, and by words of the summary
    page = narrowed(**{"qd-q": "1020/qd"})
    assert _box(older) in page and _box(year_end) not in page and "Đang hiện 1 trong 3" in page
    page = narrowed(**{"qd-q": "duong que"})
    assert _box(older) in page and _box(year_end) not in page and _box(commune) not in page
    # by year; the ticked one stays in sight; nothing is saved
    page = narrowed(**{"qd-year": "2025", "decisions": [str(older.pk)]})
    assert _box(year_end) in page and _box(older, checked=True) in page and _box(commune) not in page
    page = narrowed(**{"qd-q": "khong co dau", "decisions": [str(older.pk)]})
    assert _box(older, checked=True) in page and _box(year_end) not in page
    page = narrowed(**{"qd-q": "khong co dau"})
    assert "Không có quyết định nào khớp điều kiện lọc." in page
    # a year no decision holds (a forged choice) leaves the list whole, with no error
    assert "Đang hiện 3 trong 3" in narrowed(**{"qd-year": "1999"})
    assert not Conference.objects.exists()


def test_an_older_decision_beyond_the_lists_first_rows_is_found_and_can_be_ticked(
    world: World, monkeypatch: pytest.MonkeyPatch
) -> None:
    # given a list that offers only the newest decision
    monkeypatch.setattr(picklist, "LIMIT", 1)
    year_end, _commune, older = _decisions(world)
    client = world.client_for(world.approver)
    assert _box(older) not in client.get(reverse("conferences-create")).content.decode()
    # when its number is typed, the search reaches it; by its year too
    page = client.post(reverse("conferences-create"), {**FORM, "qd-q": "1020", "loc-apply": "1"}).content.decode()
    assert _box(older) in page and _box(year_end) not in page
    page = client.post(reverse("conferences-create"), {**FORM, "qd-year": "2023", "loc-apply": "1"}).content.decode()
    assert _box(older) in page
    # and ticked, it is saved
    response = client.post(reverse("conferences-create"), {**FORM, "decisions": [str(older.pk)]})
    assert response.status_code == 302
    assert list(Conference.objects.get().decisions.all()) == [older]


def test_the_decisions_of_the_conferences_period_come_first(world: World) -> None:
    year_end, commune, older = _decisions(world)
    client = world.client_for(world.approver)
    # newest first when no period is known yet
    page = client.get(reverse("conferences-create")).content.decode()
    assert page.index(_box(year_end)) < page.index(_box(commune)) < page.index(_box(older))
    # a conference reviewing 2023: that year's decisions and the next year's first
    conference = conference_create(
        by=world.approver, data=conference_data(world, year_from=2023, year_to=2023, date=datetime.date(2024, 1, 5))
    )
    page = client.get(reverse("conferences-edit", args=[conference.pk])).content.decode()
    assert page.index(_box(commune)) < page.index(_box(older)) < page.index(_box(year_end))


def test_the_outsider_finds_and_ticks_only_its_own_decisions(world: World) -> None:
    year_end, commune, _older = _decisions(world)
    ward = _decision(
        world,
        "7/QĐ-UBND",
        datetime.date(2025, 6, 1),
        issuer_unit=world.other_commune,
        award_form="giay_khen",
        by=world.superuser,
    )
    client = world.client_for(world.outsider)  # an officer of Phường Tây Sơn
    page = client.get(reverse("conferences-create")).content.decode()
    assert _box(ward) in page and _box(year_end) not in page and _box(commune) not in page
    page = client.post(reverse("conferences-create"), {"qd-q": "2559", "loc-apply": "1"}).content.decode()
    assert _box(year_end) not in page and "2559/QĐ-UBND" not in page
    # a forged tick of the province's decision is never offered nor saved
    forged = {**FORM, "host_unit": "C2", "decisions": [str(year_end.pk)]}
    page = client.post(reverse("conferences-create"), forged).content.decode()
    assert _box(year_end) not in page and "2559/QĐ-UBND" not in page and not Conference.objects.exists()
    response = client.post(reverse("conferences-create"), {**forged, "decisions": [str(ward.pk)]})
    assert response.status_code == 302 and list(Conference.objects.get().decisions.all()) == [ward]


def test_ticked_decisions_are_read_only_among_the_offered(world: World) -> None:
    year_end, commune, _older = _decisions(world)
    draft = make_decision(world, number="3000/QĐ-UBND")
    offered = decisions_visible_to(world.commune_approver).filter(status="issued")
    # the commune's approver sees the commune's decision, not the province's (it commends nothing there)
    ids = [str(commune.pk), str(year_end.pk), str(draft.pk), "x1", -1]
    assert access_ticked_decisions(offered=offered, ids=ids) == [commune]
    assert access_ticked_decisions(offered=offered, ids=[]) == []


# session, user, memberships, the conference (gate), its attendees, decisions and models (initial values);
# the decisions' years, their rows; the recognised models; the two unit pickers (+ the host unit sent)
@pytest.mark.parametrize(
    ("filters", "expected"), [({}, 12), ({"qd-q": "quyet dinh", "qd-year": "", "loc-apply": "1"}, 13)]
)
def test_the_form_page_reads_a_fixed_number_of_queries(world: World, filters: dict[str, str], expected: int) -> None:
    # given a conference linked to its decision, and 3 then 30 decisions in all
    first = _decision(world, "1/QĐ-UBND", datetime.date(2025, 1, 2), title="Quyết định khen thưởng 1")
    recognized_initiative(world, title="Mô hình một")
    conference = conference_create(by=world.approver, data=conference_data(world, decisions=[first.pk]))
    client = world.client_for(world.approver)
    edit = reverse("conferences-edit", args=[conference.pk])

    def counted(n: int) -> tuple[int, str]:
        while Decision.objects.count() < n:
            k = Decision.objects.count() + 1
            _decision(world, f"{k}/QĐ-UBND", datetime.date(2020 + k % 6, 3, 1), title=f"Quyết định khen thưởng {k}")
        with CaptureQueriesContext(connection) as queries:
            response = (
                client.post(edit, {**FORM, "decisions": [str(first.pk)], **filters}) if filters else client.get(edit)
            )
        assert response.status_code == 200
        return len(queries), response.content.decode()

    few, page = counted(3)
    assert "Đang hiện 3 trong 3 quyết định đã ban hành." in page and _box(first, checked=True) in page
    many, page = counted(30)
    assert "Đang hiện 30 trong 30 quyết định đã ban hành." in page and _box(first, checked=True) in page
    assert many == few == expected
