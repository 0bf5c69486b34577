"""The national data set generator, on a small count, on both databases."""

from io import StringIO
from typing import Any

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection
from django.db.models import Count, F, Q

from bench.generator import LIVE_FROM_YEAR, generate
from danvan.accounts.models import User
from danvan.awards.models import Award, Decision
from danvan.core.text import fold
from danvan.initiatives.models import Initiative, InitiativeEvent, Status
from danvan.initiatives.workflow import TRANSITIONS
from danvan.library.models import PublicEntry
from danvan.library.search import search_public
from danvan.library.services import today_province
from danvan.orgs.models import Level, Membership, Unit
from danvan.orgs.selectors import paths_q, scope_paths_with_predecessors
from danvan.reviews.models import Review, ReviewScore

pytestmark = pytest.mark.django_db

SIGNATURE_FIELDS = [
    "id", "title", "kind", "field_id", "unit__code", "year", "registered_level", "person_name", "summary", "status",
    "review_level", "recognized_level", "recognized_on", "exemplary", "replicated_from_id", "historical",
    "public_key", "search_text", "created_at",
]  # fmt: skip


def signature() -> list[tuple[Any, ...]]:
    """Everything that defines the data set, by unit code (ids of units differ between databases)."""
    initiatives = list(Initiative.objects.order_by("id").values_list(*SIGNATURE_FIELDS))
    events = list(
        InitiativeEvent.objects.order_by("id").values_list("initiative_id", "action", "at", "by__username", "level")
    )
    return [*initiatives, *events]


def test_generate_a_small_national_data_set_over_the_real_tree(migrated_rows: None) -> None:
    # when
    out = StringIO()
    call_command("generate", initiatives=3000, seed=7, villages=2, stdout=out)
    # then: the real tree with villages and bodies under every commune, and its people
    assert "Đã tạo 3.000 mô hình, điển hình" in out.getvalue()
    communes = Unit.objects.filter(kind_id="commune", valid_to__isnull=True)
    assert communes.count() == 3321
    assert not communes.annotate(n=Count("children")).filter(n__lt=1 + 8).exists()
    assert Unit.objects.filter(kind_id="village").count() >= 3321
    assert User.objects.filter(username__startswith="bench-").count() == 3 * 3321 + 4 * 34 + 3
    assert Membership.objects.filter(user__username__startswith="bench-").count() == 3 * 3321 + 4 * 34 + 3
    # counts and proportions
    initiatives = Initiative.objects.all()
    assert initiatives.count() == 3000
    assert set(initiatives.values_list("year", flat=True)) == set(range(2016, 2027))
    share = lambda q: initiatives.filter(q).count() / 3000  # noqa: E731
    assert 0.62 < share(Q(kind="collective")) < 0.78
    assert 0.40 < share(Q(status=Status.RECOGNIZED)) < 0.60
    assert 0.01 < share(Q(exemplary=True)) < 0.08
    recognized = initiatives.filter(status=Status.RECOGNIZED)
    assert 0.05 < recognized.filter(recognized_level=Level.PROVINCE).count() / recognized.count() < 0.18
    assert share(Q(registered_level=Level.COMMUNE)) > 0.6
    assert share(Q(replicated_from__isnull=False)) > 0.02
    assert set(initiatives.values_list("field_id", flat=True)) == {
        "economy",
        "culture_society",
        "defence_security",
        "political_system",
    }
    live = initiatives.filter(year__gte=LIVE_FROM_YEAR, historical=False)
    assert {Status.DRAFT, Status.UNDER_REVIEW, Status.RETURNED} <= set(live.values_list("status", flat=True))
    # consistency with the workflow
    assert not recognized.filter(Q(recognized_level="") | Q(recognized_on__isnull=True)).exists()
    assert not initiatives.filter(exemplary=True).exclude(status=Status.RECOGNIZED).exists()
    replicas = initiatives.exclude(replicated_from=None)
    assert not replicas.filter(replicated_from__id__gte=F("id")).exists()  # a replica comes after its original
    assert not replicas.exclude(replicated_from__status=Status.RECOGNIZED).exists()
    assert not initiatives.annotate(n=Count("events")).filter(n=0).exists()
    actions = set(InitiativeEvent.objects.values_list("action", flat=True))
    assert actions - {"create", "historical_entry", "score"} <= set(TRANSITIONS)
    assert not initiatives.filter(historical=True, year__gte=LIVE_FROM_YEAR, unit__valid_to__isnull=True).exists()
    # score sheets for what was reviewed in danvan, decisions for the exemplary ones
    reviews = Review.objects.all()
    assert reviews.count() > 100
    assert not reviews.filter(initiative__historical=True).exists()
    assert not reviews.filter(total__gt=F("max_total")).exists()
    assert ReviewScore.objects.count() == 5 * reviews.count()
    assert InitiativeEvent.objects.filter(action="score").count() == reviews.count()
    awards = Award.objects.all()
    assert awards.count() == initiatives.filter(exemplary=True).count()
    assert not awards.filter(decision__date__lt=F("initiative__recognized_on")).exists()
    assert awards.values("certificate_code").distinct().count() == awards.count()
    assert Decision.objects.filter(status="issued").count() == Decision.objects.count() > 10
    # the public library's rows, as library_rebuild makes them, and found by its search
    public = PublicEntry.objects.all()
    assert public.count() == recognized.count()
    entry = public.select_related("initiative__unit", "province").filter(initiative__unit__valid_to__isnull=False)[0]
    assert entry.province == today_province(entry.initiative.unit)
    assert entry.search_text == f"{entry.initiative.search_text} {fold(entry.province.name)}"
    assert entry.title_folded == fold(entry.initiative.title)
    for item in public.filter(replica_count__gt=0)[:20]:
        assert item.replica_count == recognized.filter(replicated_from=item.initiative_id).count()
    assert not public.filter(replica_count=0, initiative__replicas__status=Status.RECOGNIZED).exists()
    found = search_public(q=" ".join(entry.title_folded.split()[:3]))
    assert found.page.paginator.count > 0
    # search keys and public keys
    for item in initiatives.select_related("unit")[:300]:
        parts = [item.title, item.person_name, item.unit.name, item.summary]
        assert item.search_text == fold(" ".join(p for p in parts if p))
    for decision in Decision.objects.select_related("issuer_unit")[:50]:
        parts = (decision.number, decision.issuer_unit.name, decision.title)
        assert decision.search_text == fold(" ".join(parts)) != ""
    assert initiatives.values("public_key").distinct().count() == 3000
    # records of dissolved units roll up into today's province
    legacy = initiatives.filter(unit__valid_to__isnull=False)
    assert legacy.count() > 100
    assert not legacy.filter(year__gt=2025).exists()
    sample = legacy.select_related("unit__successor").first()
    assert sample is not None and sample.unit.successor is not None
    province = sample.unit.successor
    rolled_up = initiatives.filter(paths_q(scope_paths_with_predecessors(province)))
    assert rolled_up.filter(pk=sample.pk).exists()
    assert rolled_up.count() > initiatives.filter(paths_q([province.path])).count()
    assert_referential_integrity()


def assert_referential_integrity() -> None:
    """The database itself finds no dangling reference, and new rows get fresh ids."""
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            cursor.execute("PRAGMA foreign_key_check")
            assert cursor.fetchall() == []
        else:
            cursor.execute(
                "SELECT count(*) FROM pg_constraint "
                "WHERE conrelid = 'initiatives_initiative'::regclass AND contype = 'f'"
            )
            assert cursor.fetchone()[0] >= 4  # rebuilt after the load, which validated every row
    assert not Initiative.objects.filter(unit__isnull=True).exists()
    assert InitiativeEvent.objects.filter(initiative__isnull=False).count() == InitiativeEvent.objects.count()
    assert InitiativeEvent.objects.filter(by__username__startswith="bench-").count() == InitiativeEvent.objects.count()
    event = InitiativeEvent.objects.create(initiative=Initiative.objects.first(), action="edit")
    assert event.pk == InitiativeEvent.objects.order_by("-pk").values_list("pk", flat=True)[1] + 1


def test_the_same_seed_gives_the_same_data_set_and_another_seed_another(migrated_rows: None) -> None:
    # given
    generate(initiatives=600, seed=11, villages=1)
    first = signature()
    # when
    generate(initiatives=600, seed=11, villages=1, flush=True)
    again = signature()
    generate(initiatives=600, seed=12, villages=1, flush=True)
    other = signature()
    # then
    assert first == again
    assert first != other
    assert Initiative.objects.count() == 600
    # and without --flush it refuses to mix with what is there
    with pytest.raises(CommandError, match="--flush"):
        call_command("generate", initiatives=50, seed=1, villages=1, stdout=StringIO())
    assert Initiative.objects.count() == 600
