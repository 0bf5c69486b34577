"""The public library: what is public, search on both databases, replication, bad input."""

import datetime

import pytest
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext

from danvan.initiatives.models import Initiative, Status
from danvan.initiatives.services import (
    initiative_act,
    initiative_create,
    initiative_enter_historical,
    initiative_update,
)
from danvan.library.models import PublicEntry
from danvan.library.search import highlight, query_terms, search_public
from danvan.library.services import (
    deferred_library,
    entries_sync,
    initiative_withhold,
    library_rebuild,
    replica_register,
    today_province,
)
from danvan.orgs.services import unit_create
from tests.conftest import initiative_data, registered_initiative, score_sheet, with_evidence

ROAD = "Đường giao thông nông thôn “Dân vận khéo” ở Thôn Đoàn Kết"


def recognized(world, **overrides) -> Initiative:
    """A village initiative recognised at commune level, through the real workflow."""
    initiative = registered_initiative(world, **overrides)
    initiative = initiative_act(by=world.officer, initiative=initiative, action="submit")
    return initiative_act(
        by=world.commune_reviewer, initiative=score_sheet(world.commune_reviewer, initiative), action="recognize"
    )


def historical(world, title: str, *, unit=None, exemplary=False, on=datetime.date(2024, 5, 6), **extra) -> Initiative:
    unit = unit or world.commune
    return initiative_enter_historical(
        by=world.approver,
        data=initiative_data(world, title=title, unit=unit, year=on.year, **extra),
        status=Status.RECOGNIZED,
        recognized_level="commune",
        recognized_on=on,
        exemplary=exemplary,
    )


def titles(result) -> list[str]:
    return [e.initiative.title for e in result.page.object_list]


# --- what is public ---------------------------------------------------------------------


def test_only_recognised_initiatives_of_publishing_units_have_an_entry(world) -> None:
    # given one initiative in every state
    draft = initiative_create(by=world.officer, data=initiative_data(world, title="Bản nháp"))
    registered = registered_initiative(world, title="Đã đăng ký")
    public = recognized(world)
    # then only the recognised one is in the library
    assert list(PublicEntry.objects.values_list("pk", flat=True)) == [public.pk]
    entry = PublicEntry.objects.get()
    assert (entry.province, entry.year, entry.replica_count) == (world.province, public.recognized_on.year, 0)
    assert draft.pk != registered.pk


def test_a_unit_that_stops_publishing_takes_its_initiatives_out(world) -> None:
    public = recognized(world)
    world.village.publishes_initiatives = False
    world.village.save(update_fields=["publishes_initiatives"])
    assert not PublicEntry.objects.exists()
    world.village.publishes_initiatives = True
    world.village.save(update_fields=["publishes_initiatives"])
    assert PublicEntry.objects.get().pk == public.pk


def test_a_unit_that_does_not_publish_never_gets_an_entry(world) -> None:
    world.village.publishes_initiatives = False
    world.village.save(update_fields=["publishes_initiatives"])
    recognized(world)
    assert not PublicEntry.objects.exists()


def test_an_initiative_can_be_withheld_by_its_unit_only(world) -> None:
    from django.core.exceptions import PermissionDenied

    public = recognized(world)
    with pytest.raises(PermissionDenied):
        initiative_withhold(by=world.outsider, initiative=public, withheld=True)
    assert PublicEntry.objects.exists()
    initiative_withhold(by=world.officer, initiative=public, withheld=True, reason="Ảnh có trẻ em")
    assert not PublicEntry.objects.exists()
    initiative_withhold(by=world.officer, initiative=public, withheld=False)
    assert PublicEntry.objects.exists()


def test_a_legacy_units_initiative_counts_in_its_successor_province(world) -> None:
    # given a dissolved district whose successor is today's commune C1
    legacy_province = unit_create(
        by=world.superuser,
        code="L99",
        name="Tỉnh Cũ",
        kind="province",
        parent=world.root,
        valid_to=datetime.date(2025, 6, 30),
        successor=world.province,
    )
    district = unit_create(
        by=world.superuser,
        code="999",
        name="Huyện Cũ",
        kind="district",
        parent=legacy_province,
        valid_to=datetime.date(2025, 6, 30),
        successor=world.commune,
    )
    village = unit_create(by=world.superuser, code="999-X", name="Xóm Cũ", kind="village", parent=district)
    # then
    assert today_province(district) == world.province
    assert today_province(village) == world.province
    assert today_province(world.village) == world.province


def test_rebuild_gives_the_same_rows(world) -> None:
    original = recognized(world)
    replica = historical(world, "Đường hoa nhân rộng", unit=world.other_commune, replicated_from=original)
    before = list(PublicEntry.objects.order_by("pk").values_list("pk", "province", "replica_count", "search_text"))
    assert library_rebuild() == 2
    after = list(PublicEntry.objects.order_by("pk").values_list("pk", "province", "replica_count", "search_text"))
    assert before == after
    assert search_public(q="hoa nhan rong").count == 1
    assert replica.pk in [row[0] for row in after]


ROWS = ("pk", "province", "field", "kind", "recognized_level", "year", "exemplary", "sort_key", "replica_count",
        "title_folded", "facets", "search_text")  # fmt: skip


def test_a_deferred_block_writes_the_same_rows_in_bulk(world) -> None:
    # given an original already public, and a batch written the way the import writes it
    original = historical(world, "Mô hình gốc ở chợ", unit=world.other_commune)
    with transaction.atomic(), deferred_library():
        for n in range(30):
            historical(world, f"Đường hoa số {n}", unit=world.village, replicated_from=original if n < 3 else None)
        withheld = historical(world, "Không công khai", unit=world.village)
        initiative_withhold(by=world.officer, initiative=withheld, withheld=True)
        assert PublicEntry.objects.count() == 1  # nothing yet: the work waits for the end of the block
    # then the rows are exactly those that one-by-one writes and a rebuild give
    deferred = list(PublicEntry.objects.order_by("pk").values_list(*ROWS))
    assert len(deferred) == 31 and PublicEntry.objects.get(pk=original.pk).replica_count == 3
    library_rebuild()
    assert list(PublicEntry.objects.order_by("pk").values_list(*ROWS)) == deferred
    assert search_public(q="duong hoa so 7").count == 1


def test_a_deferred_block_that_fails_writes_nothing(world) -> None:
    with pytest.raises(RuntimeError), transaction.atomic(), deferred_library():
        historical(world, "Đường hoa")
        raise RuntimeError("stop")
    assert PublicEntry.objects.count() == 0
    assert Initiative.objects.count() == 0


def test_a_deferred_block_costs_the_same_queries_for_more_rows(world) -> None:
    def run(count: int, prefix: str) -> int:
        ids = [historical(world, f"{prefix} {n}").pk for n in range(count)]
        PublicEntry.objects.filter(pk__in=ids).delete()
        with CaptureQueriesContext(connection) as queries:
            assert entries_sync(initiative_ids=set(ids)) == count
        return len(queries)

    assert run(3, "Ba") == run(40, "Bốn mươi")


# --- search -------------------------------------------------------------------------------


def test_search_without_diacritics_several_words_any_order(world) -> None:
    road = recognized(world)
    other = historical(world, "Camera an ninh tự quản", summary="Lắp camera ở các ngã ba.")
    assert titles(search_public(q="dan van kheo duong")) == [road.title]
    assert titles(search_public(q="duong")) == [road.title]
    assert titles(search_public(q="KHÉO dân")) == [road.title]
    assert titles(search_public(q="camera")) == [other.title]
    assert titles(search_public(q="duong camera")) == []


def test_hoa_finds_both_spellings_of_hoa(world) -> None:
    first = historical(world, "Tổ hòa giải ở cơ sở")
    second = historical(world, "Tổ hoà giải kiểu cũ", on=datetime.date(2024, 5, 7))
    assert set(titles(search_public(q="hoa giai"))) == {first.title, second.title}
    assert set(titles(search_public(q="hòa"))) >= {first.title, second.title}


def test_decomposed_input_is_folded_too(world) -> None:
    import unicodedata

    road = recognized(world)
    assert titles(search_public(q=unicodedata.normalize("NFD", "Đường Dân vận"))) == [road.title]


def test_a_prefix_finds_the_word(world) -> None:
    road = recognized(world)
    assert titles(search_public(q="giao thon")) == [road.title]


def test_title_matches_rank_above_text_matches(world) -> None:
    in_summary = historical(world, "Tổ tự quản", summary="Có camera ở cổng làng.", on=datetime.date(2024, 1, 1))
    in_title = historical(world, "Camera an ninh khu dân cư", on=datetime.date(2023, 1, 1))
    result = search_public(q="camera")
    assert titles(result) == [in_title.title, in_summary.title]
    assert result.sort == "relevance"
    # by date the newer comes first
    assert titles(search_public(q="camera", sort="date")) == [in_summary.title, in_title.title]


def test_typos_are_forgiven_on_postgresql(world) -> None:
    road = recognized(world)
    result = search_public(q="duongg giao")
    if connection.vendor == "postgresql":
        assert titles(result) == [road.title]
        assert result.fuzzy and result.terms == ["duong", "giao"]
        assert "đang hiển thị kết quả cho “duong giao”" in " ".join(result.notices)
        # the lexicon holds the words of titles and texts, not the filter tokens
        from danvan.library.models import SearchWord

        words = set(SearchWord.objects.values_list("word", flat=True))
        assert {"duong", "giao", "kheo"} <= words and not any(w.startswith("y20") for w in words)
    else:
        assert titles(result) == []
        assert any("Không tìm thấy" in n for n in result.notices)


def test_highlight_escapes_first_then_marks() -> None:
    text = 'Đường <script>alert("x")</script> Dân vận khéo & Hoà'
    html = str(highlight(text, query_terms("dan kheo hoa script")[1]))
    assert "<script>" not in html
    assert "&lt;<mark>script</mark>&gt;" in html
    assert "<mark>Dân</mark> vận <mark>khéo</mark> &amp; <mark>Hoà</mark>" in html


BAD_QUERIES = [
    "",
    "   ",
    "x" * 5000,
    "!!! ??? ...",
    '"',
    "*",
    "NEAR",
    "dan NEAR(van kheo)",
    "-duong",
    "'",
    "' OR 1=1 --",
    '"dan" AND * OR NOT -',
    "title:duong",
    "^duong",
    "dan:* & | !",
    "<script>alert(1)</script>",
]


@pytest.mark.parametrize("q", BAD_QUERIES)
def test_bad_queries_give_a_normal_page(world, client, q) -> None:
    recognized(world)
    response = client.get("/thu-vien/", {"q": q})
    assert response.status_code == 200
    assert b"<script>alert" not in response.content


def test_a_nul_in_the_search_is_refused_with_a_message(world, client) -> None:
    # an address holding a NUL is refused before any view (core.middleware.RefuseNulMiddleware)
    response = client.get("/thu-vien/", {"q": "duong\x00"})
    assert response.status_code == 400 and "ký tự rỗng (NUL)" in response.content.decode()


def test_bad_queries_say_what_was_wrong(world) -> None:
    recognized(world)
    assert "không có chữ hoặc số" in search_public(q="!!!").notices[0]
    assert "quá dài" in search_public(q="duong " * 100).notices[0]
    assert titles(search_public(q="-duong")) == [ROAD]
    assert titles(search_public(q='"duong"*')) == [ROAD]


@pytest.mark.parametrize(
    "params",
    [
        {"field": "khong-co"},
        {"kind": "robot"},
        {"level": "galaxy"},
        {"province": "ZZ"},
        {"year": "abc"},
        {"year": "99999"},
        {"exemplary": "maybe"},
        {"sort": "random()"},
        {"page": "abc"},
        {"page": "999"},
        {"page": "-3"},
    ],
)
def test_unknown_filter_values_are_ignored_with_a_message(world, client, params) -> None:
    recognized(world)
    response = client.get("/thu-vien/", params)
    assert response.status_code == 200
    assert ROAD.encode() in response.content
    if params != {"page": "-3"}:
        assert "msg-warning" in response.content.decode()


def test_page_past_the_end_shows_the_last_page(world) -> None:
    for n in range(3):
        historical(world, f"Mô hình số {n}", on=datetime.date(2024, 1, n + 1))
    result = search_public(page=99, page_size=2)
    assert result.page.number == 2
    assert titles(result) == ["Mô hình số 0"]
    assert "trang cuối" in result.notices[0]


def test_filters(world) -> None:
    road = recognized(world)
    camera = historical(
        world,
        "Camera an ninh",
        exemplary=True,
        on=datetime.date(2023, 3, 3),
        field=__import__("danvan.movements.models", fromlist=["Field"]).Field.objects.get(code="defence_security"),
    )
    assert titles(search_public(field="defence_security")) == [camera.title]
    assert titles(search_public(exemplary="1")) == [camera.title]
    assert titles(search_public(year="2023")) == [camera.title]
    assert titles(search_public(province="P1", sort="date")) == [road.title, camera.title]
    assert titles(search_public(level="province")) == []
    assert titles(search_public(kind="individual")) == []


# --- replication ------------------------------------------------------------------------


def test_replica_count_rises_when_a_replica_is_recognised(world) -> None:
    # given a public original of commune C2
    original = historical(world, "Mô hình gốc: dân vận khéo ở chợ", unit=world.other_commune)
    entry = PublicEntry.objects.get(pk=original.pk)
    # when the village officer starts a replica from the library and it goes through review
    replica = replica_register(by=world.officer, original=original, unit=world.village, title="Chợ văn minh")
    assert (replica.replicated_from, replica.status) == (original, Status.DRAFT)
    # the officer completes its dossier, with a photo, before sending it
    data = initiative_data(world, title="Chợ văn minh", replicated_from=original)
    replica = with_evidence(world, initiative_update(by=world.officer, initiative=replica, data=data))
    replica = initiative_act(by=world.officer, initiative=replica, action="register")
    replica = initiative_act(by=world.officer, initiative=replica, action="submit")
    entry.refresh_from_db()
    assert entry.replica_count == 0  # not counted before recognition
    replica = initiative_act(
        by=world.commune_reviewer, initiative=score_sheet(world.commune_reviewer, replica), action="recognize"
    )
    # then
    entry.refresh_from_db()
    assert entry.replica_count == 1
    # a rejected replica does not count; a second recognised one does
    rejected = registered_initiative(world, title="Chợ chưa đạt", replicated_from=original)
    rejected = initiative_act(by=world.officer, initiative=rejected, action="submit")
    initiative_act(by=world.commune_reviewer, initiative=rejected, action="reject", note="Chưa đủ minh chứng")
    historical(world, "Chợ văn minh thôn 2", unit=world.village2, replicated_from=original)
    entry.refresh_from_db()
    assert entry.replica_count == 2
    # and the library can sort by spread
    plain = historical(world, "Mô hình chưa ai nhân rộng", on=datetime.date(2026, 1, 1))
    assert titles(search_public(sort="replicas"))[0] == original.title
    assert plain.title in titles(search_public(sort="replicas"))


def test_replica_of_a_replica_moving_away_is_uncounted(world) -> None:
    first = historical(world, "Gốc thứ nhất")
    second = historical(world, "Gốc thứ hai", on=datetime.date(2024, 6, 1))
    replica = registered_initiative(world, title="Bản nhân rộng", replicated_from=first)
    replica = initiative_act(by=world.officer, initiative=replica, action="submit")
    initiative_act(
        by=world.commune_reviewer, initiative=score_sheet(world.commune_reviewer, replica), action="recognize"
    )
    assert PublicEntry.objects.get(pk=first.pk).replica_count == 1
    # the spread page lists it by province
    from danvan.library.selectors import spread_of

    spread = spread_of(entry=PublicEntry.objects.get(pk=first.pk))
    assert [(p.province, p.count) for p in spread.by_province] == [("Tỉnh Hòa Bình Mẫu", 1)]
    assert PublicEntry.objects.get(pk=second.pk).replica_count == 0


def test_search_and_filters_together(world) -> None:
    from danvan.movements.models import Field

    security = Field.objects.get(code="defence_security")
    camera = historical(world, "Camera an ninh ở chợ", field=security, exemplary=True, on=datetime.date(2023, 3, 3))
    historical(world, "Camera an ninh ở trường", on=datetime.date(2023, 4, 4))
    historical(world, "Camera an ninh ở phường", unit=world.other_commune, on=datetime.date(2022, 4, 4))
    assert titles(search_public(q="camera", field="defence_security")) == [camera.title]
    assert titles(search_public(q="camera an", exemplary="1", year="2023")) == [camera.title]
    assert len(titles(search_public(q="camera", province="P1", year="2023"))) == 2
    assert titles(search_public(q="camera", level="province")) == []


def test_counts_stop_at_the_cap(world, monkeypatch) -> None:
    from danvan.library import search

    for n in range(4):
        historical(world, f"Camera số {n}", summary="camera", on=datetime.date(2024, 1, n + 1))
    historical(world, "Tổ an ninh", summary="Có camera ở cổng.", on=datetime.date(2024, 2, 1))
    monkeypatch.setattr(search, "MAX_COUNT", 3)
    with CaptureQueriesContext(connection) as queries:
        result = search_public(q="camera", page_size=2)
        assert (result.count, result.capped, result.page.paginator.num_pages) == (3, True, 2)
    # the titles alone reach the cap: the count of every match is not asked for
    assert sum("COUNT(" in q["sql"].upper() for q in queries.captured_queries) == 1
    assert titles(result) == ["Camera số 3", "Camera số 2"]
    assert titles(search_public(q="camera", page_size=2, page=2)) == ["Camera số 1"]


def test_the_search_triggers_survive_every_migration(db) -> None:
    """A column change rebuilds a SQLite table and drops its triggers: the search index would then
    stop following the rows without any error."""
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            cursor.execute("SELECT name FROM sqlite_master WHERE type = 'trigger' AND tbl_name = 'library_publicentry'")
            expected = {"library_fts_insert", "library_fts_delete", "library_fts_update"}
        else:
            cursor.execute("SELECT tgname FROM pg_trigger WHERE tgrelid = 'library_publicentry'::regclass")
            expected = {
                "library_vector_insert",
                "library_vector_update",
                "library_words_insert",
                "library_words_update",
            }
        assert expected <= {name for (name,) in cursor.fetchall()}


def test_the_last_word_is_a_prefix_only_while_it_is_being_typed(world) -> None:
    road = recognized(world)  # "... ở Thôn Đoàn Kết"
    doanh = historical(world, "Doanh nghiệp đồng hành cùng thôn")
    # "doa" is no word of the library: a prefix, while it is being typed
    assert {road.title, doanh.title} <= set(titles(search_public(q="doa")))
    # "doan" is a whole word: it is no longer widened to "doanh"
    found = titles(search_public(q="doan"))
    assert road.title in found and doanh.title not in found
    found = titles(search_public(q="doanh"))
    assert doanh.title in found and road.title not in found
