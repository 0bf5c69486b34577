"""Decision.search_text: the folded number, issuing unit and title a decision is searched by, kept by every
service that writes a decision (create, update, revoke; a proposal's decision through decision_create),
filled for existing rows by migration 0008, and searched in the database by the conference form's list
of decisions to tick (awards.picklist), with or without diacritics, beyond the list's first rows."""

import datetime
import importlib
from dataclasses import replace

import pytest
from django.apps import apps
from django.db import connection
from django.test.utils import CaptureQueriesContext

from danvan.awards import picklist
from danvan.awards.models import AwardForm, Decision, DecisionStatus, NumberForm, decision_search_text
from danvan.awards.services import DecisionData, decision_issue, decision_revoke, decision_update
from danvan.core.text import fold
from danvan.initiatives.picklist import FILTERING
from tests.awards_helpers import decision_payload, make_decision
from tests.conftest import World
from tests.test_proposals_services import decide, voted

pytestmark = pytest.mark.django_db

TITLE = "Về việc khen thưởng mô hình “Đường hoa nông thôn mới” năm 2020"


def _stored(decision: Decision) -> str:
    return Decision.objects.values_list("search_text", flat=True).get(pk=decision.pk)


def test_the_search_text_is_stored_on_create_and_kept_on_update(world: World) -> None:
    decision = make_decision(world, title=TITLE)
    assert _stored(decision) == fold(f"2559/QĐ-UBND Tỉnh Hòa Bình Mẫu {TITLE}")
    assert "2559/qd-ubnd tinh hoa binh mau ve viec khen thuong mo hinh" in _stored(decision)
    # a draft's new number, issuing unit and title replace the old ones
    data = DecisionData(
        **decision_payload(
            world,
            number="31/QĐ-UBND",
            issuer_unit=world.commune,
            award_form="giay_khen",
            title="Về việc tặng Giấy khen đội xung kích",
        )
    )
    decision = decision_update(by=world.superuser, decision=decision, data=data)
    assert _stored(decision) == "31/qd-ubnd xa dong hoa ve viec tang giay khen doi xung kich"
    # a title left empty takes the default one, and the stored text says what the decision says
    decision = decision_update(by=world.superuser, decision=decision, data=replace(data, title=""))
    decision.refresh_from_db()
    assert decision.title and _stored(decision) == fold(f"31/QĐ-UBND Xã Đông Hòa {decision.title}")
    # issuing changes neither number nor title
    before = _stored(decision)
    decision_issue(by=world.superuser, decision=decision)
    assert _stored(decision) == before


def test_a_revocation_and_a_proposals_decision_store_their_own_text(world: World) -> None:
    decision = decide(world, voted(world))
    assert _stored(decision) == fold(f"2559/QĐ-UBND Tỉnh Hòa Bình Mẫu {decision.title}") != ""
    revocation = decision_revoke(
        by=world.approver, decision=decision, number="2700/QĐ-UBND", date=datetime.date(2025, 12, 20), reason="Sai"
    )
    assert (
        _stored(revocation) == "2700/qd-ubnd tinh hoa binh mau ve viec huy quyet dinh so 2559/qd-ubnd ngay 10/12/2025"
    )
    assert _stored(decision).startswith("2559/qd-ubnd")  # the revoked one keeps its own


def test_the_migration_fills_the_text_of_existing_decisions_in_batches(
    world: World, monkeypatch: pytest.MonkeyPatch
) -> None:
    made = [make_decision(world, number=f"{k}/QĐ-UBND", title=f"Về việc khen thưởng đợt {k}") for k in range(1, 6)]
    Decision.objects.update(search_text="")
    migration = importlib.import_module("danvan.awards.migrations.0008_decision_search_text")
    monkeypatch.setattr(migration, "BATCH", 2)
    migration.fill_search_text(apps, None)
    for decision in made:
        assert _stored(decision) == fold(f"{decision.number} Tỉnh Hòa Bình Mẫu {decision.title}")


def _many_newer(world: World, n: int) -> None:
    """`n` issued decisions of the province signed after every other, written at once (what 300 rows of the
    list need; the services would take minutes), their search text as the services store it."""
    form = AwardForm.objects.get(code="bang_khen")
    rows = []
    for k in range(n):
        number, title = f"{5000 + k}/QĐ-UBND", f"Về việc khen thưởng mô hình số {k}"
        rows.append(
            Decision(
                number=number,
                number_form=NumberForm.STATE,
                date=datetime.date(2025, 12, 1),
                year=2025,
                issuer_unit=world.province,
                signer_name="Nguyễn Văn Hùng",
                signer_title="Chủ tịch",
                award_form=form,
                title=title,
                status=DecisionStatus.ISSUED,
                search_text=decision_search_text(number=number, issuer=world.province.name, title=title),
            )
        )
    Decision.objects.bulk_create(rows)


def test_a_decision_beyond_the_first_rows_is_found_in_the_database_with_or_without_diacritics(
    world: World,
) -> None:
    # given an old decision behind more than a list's worth (LIMIT) of newer ones
    old = make_decision(world, number="77/QĐ-UBND", date=datetime.date(2020, 12, 1), title=TITLE, issue=True)
    ticked = make_decision(world, number="78/QĐ-UBND", date=datetime.date(2019, 12, 1), issue=True)
    _many_newer(world, picklist.LIMIT + 5)
    issued = Decision.objects.filter(status=DecisionStatus.ISSUED)
    whole = picklist.decision_list(issued, None, [])
    assert whole.more and len(whole.rows) == picklist.LIMIT and str(old.pk) not in {r.pk for r in whole.rows}

    def search(words: str, picked: list[str] | None = None) -> picklist.DecisionList:
        return picklist.decision_list(issued, {FILTERING: "1", "qd-q": words}, picked or [])

    # when words of its title or number are typed, with or without marks, in any order, it is found
    for words in ("Đường hoa", "duong hoa", "ĐƯỜNG  HOA nông thôn", "hoa duong 77/qd", "binh mau DUONG"):
        found = search(words)
        assert [r.pk for r in found.rows] == [str(old.pk)] and not found.more, words
        assert found.rows[0].folded == fold(f"77/QĐ-UBND Tỉnh Hòa Bình Mẫu {TITLE}")
    # every word typed must be held
    assert search("duong hoa khong co").rows == []
    # a search many decisions match stops at the list's size and says there are more
    common = search("khen thuong mo hinh")
    assert len(common.rows) == picklist.LIMIT and common.more
    # a ticked decision stays whatever is typed; three queries: the years, the rows, the ticked ones
    with CaptureQueriesContext(connection) as queries:
        found = search("duong hoa", picked=[str(ticked.pk)])
    assert [r.pk for r in found.rows] == [str(old.pk), str(ticked.pk)] and found.picked == {str(ticked.pk)}
    assert len(queries) == 3
