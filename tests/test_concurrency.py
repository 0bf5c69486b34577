"""Two reviewers act on the same initiative at the same moment: one wins, the other is told."""

import threading
import time

import pytest
from django.db import OperationalError, close_old_connections, connection

from danvan.initiatives.models import Initiative, InitiativeEvent, Status
from danvan.initiatives.services import TransitionNotAllowed, initiative_act
from tests.conftest import registered_initiative, score_sheet


def test_sequential_stale_pages_one_wins(world) -> None:
    """Both pages were loaded while the initiative was under review; the second click is refused."""
    initiative = initiative_act(by=world.officer, initiative=registered_initiative(world), action="submit")
    initiative_act(
        by=world.commune_reviewer,
        initiative=score_sheet(world.commune_reviewer, initiative),
        action="recognize",
        expected_status=Status.UNDER_REVIEW,
    )
    with pytest.raises(TransitionNotAllowed) as exc:
        initiative_act(
            by=world.commune_approver,
            initiative=initiative,
            action="return",
            note="Bổ sung",
            expected_status=Status.UNDER_REVIEW,
        )
    assert "vừa được người khác xử lý" in exc.value.message
    assert list(initiative.events.values_list("action", flat=True)) == [
        "register", "attach", "submit", "score", "recognize"]  # fmt: skip


@pytest.mark.django_db(transaction=True)
def test_two_threads_one_wins_nothing_lost(world) -> None:
    initiative = initiative_act(by=world.officer, initiative=registered_initiative(world), action="submit")
    score_sheet(world.commune_reviewer, initiative)  # recognition needs the level's score sheet
    barrier = threading.Barrier(2)
    outcomes: dict[str, str] = {}

    def act(name: str, user, action: str) -> None:
        try:
            barrier.wait(timeout=10)
            for _attempt in range(200):
                try:
                    initiative_act(
                        by=user,
                        initiative=Initiative(pk=initiative.pk),
                        action=action,
                        note="Ý kiến",
                        expected_status=Status.UNDER_REVIEW,
                    )
                except OperationalError as exc:
                    # The SQLite test database is in memory with a shared cache, where a writer
                    # waiting for another gets "locked" at once instead of waiting (a file database,
                    # as deployed, waits up to its busy timeout). Wait here as a file database would.
                    if "locked" not in str(exc):
                        raise
                    time.sleep(0.05)
                else:
                    outcomes[name] = "won"
                    break
        except TransitionNotAllowed as exc:
            outcomes[name] = exc.message
        finally:
            close_old_connections()
            connection.close()

    threads = [
        threading.Thread(target=act, args=("reviewer", world.commune_reviewer, "recognize")),
        threading.Thread(target=act, args=("approver", world.commune_approver, "return")),
    ]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=30)
    # then exactly one won, the other was told in Vietnamese, and one transition was written
    assert sorted(v == "won" for v in outcomes.values()) == [False, True], outcomes
    loser = next(v for v in outcomes.values() if v != "won")
    assert "vừa được người khác xử lý" in loser
    actions = list(InitiativeEvent.objects.filter(initiative_id=initiative.pk).values_list("action", flat=True))
    assert actions[:4] == ["register", "attach", "submit", "score"] and len(actions) == 5
    initiative.refresh_from_db()
    assert initiative.status in (Status.RECOGNIZED, Status.RETURNED)
