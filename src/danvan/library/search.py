"""Public search over the library, the same on both databases from the outside.

The base is one folded key (`core.text.fold`: NFC, đ→d, marks stripped, lowercase), so
"dan van kheo" finds "Dân vận khéo" and "hoa" finds "Hòa" and "Hoà". The query is folded the
same way and cut into words of [a-z0-9]; each word must match as a prefix, in any order.

- SQLite: an FTS5 table (`library_fts`, kept in step by triggers; its rowid is the entry's
  `sort_key`, so it reads newest first without sorting every match).
- PostgreSQL: full text over the folded key (title weighted A, the rest B); when nothing
  matches exactly, each word is replaced by the most similar word of the library's lexicon
  (pg_trgm over `SearchWord`) and the search is run again.

Relevance is the same on both: every word in the title first, then the words in the text,
newest first within each. Each tier streams from an index, so a word found in 800.000
initiatives costs a page, not a sort of 800.000 scores (bm25 / ts_rank did, measured).

Nothing user-typed ever reaches an FTS or tsquery parser: only the [a-z0-9] words do, quoted.

    page = search_public(q="dan van kheo", field="economy", sort="relevance", page=2)
    page.page.object_list   # PublicEntry rows with initiative, unit, field, province
    page.notices            # Vietnamese messages about what was ignored or corrected
"""

import re
from dataclasses import dataclass, field
from functools import lru_cache

from django.contrib.postgres.search import SearchQuery
from django.core.paginator import EmptyPage, Page, Paginator
from django.db import connection, transaction
from django.db.models import Q, QuerySet
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from danvan.core.text import collation_key, fold
from danvan.initiatives.services import CASE_STUDY_FIELDS
from danvan.library.models import PublicEntry, facet_token
from danvan.movements.models import Field, InitiativeKind
from danvan.orgs.models import Level, Unit

MAX_QUERY_CHARS = 200
MAX_TERMS = 8
PAGE_SIZE = 20
MAX_PAGE_SIZE = 500
MIN_YEAR, MAX_YEAR = 2000, 2100
FUZZY_MIN_CHARS = 3


class Sort:
    RELEVANCE = "relevance"
    DATE = "date"
    REPLICAS = "replicas"


SORT_CHOICES = [
    (Sort.RELEVANCE, gettext_lazy("Phù hợp nhất")),
    (Sort.DATE, gettext_lazy("Mới công nhận")),
    (Sort.REPLICAS, gettext_lazy("Được nhân rộng nhiều")),
]
SORT_KEYS = {key for key, _label in SORT_CHOICES}
ORDER_BY = {
    Sort.DATE: ["-sort_key"],
    Sort.REPLICAS: ["-replica_count", "-sort_key"],
}
MAX_COUNT = 1_000

_WORD = re.compile(r"[0-9a-z]+")
_TEXT_WORD = re.compile(r"\w+")
_TRUE = {"1", "on", "true", "yes", "co"}
_FALSE = {"", "0", "off", "false", "no", "khong"}


@dataclass
class FilterChoices:
    fields: list[Field]
    provinces: list[Unit]


@dataclass
class LibraryFilters:
    field: str = ""
    kind: str = ""
    level: str = ""
    province: str = ""
    year: int | None = None
    exemplary: bool = False

    def is_empty(self) -> bool:
        return not (self.field or self.kind or self.level or self.province or self.year or self.exemplary)


@dataclass
class LibraryPage:
    q: str
    terms: list[str]
    filters: LibraryFilters
    sort: str
    page: Page[PublicEntry]
    choices: FilterChoices
    notices: list[str] = field(default_factory=list)
    fuzzy: bool = False

    @property
    def count(self) -> int:
        return self.page.paginator.count

    @property
    def capped(self) -> bool:
        """The count stopped at MAX_COUNT: there are at least that many."""
        return self.count >= MAX_COUNT


def filter_choices() -> FilterChoices:
    """What the filters offer: the fields, today's provinces in Vietnamese dictionary order (two queries)."""
    return FilterChoices(
        fields=list(Field.objects.order_by("sort", "code")),
        provinces=sorted(
            Unit.objects.filter(level=Level.PROVINCE, kind_id="province", valid_to__isnull=True),
            key=lambda unit: collation_key(unit.name),
        ),
    )


def query_terms(q: str) -> tuple[str, list[str], list[str]]:
    """The query as shown back, its folded words, and notices about what was cut."""
    notices: list[str] = []
    q = (q or "").strip()
    if len(q) > MAX_QUERY_CHARS:
        q = q[:MAX_QUERY_CHARS]
        notices.append(
            _("Từ khóa quá dài: chỉ dùng %(n)s ký tự đầu. Hãy nhập vài từ chính của mô hình cần tìm.")
            % {"n": MAX_QUERY_CHARS}
        )
    terms: list[str] = []
    for word in _WORD.findall(fold(q)):
        if word not in terms:
            terms.append(word)
    if q and not terms:
        notices.append(
            _("Từ khóa “%(q)s” không có chữ hoặc số nào để tìm. Hãy nhập tên mô hình, địa phương hoặc lĩnh vực.")
            % {"q": q}
        )
    if len(terms) > MAX_TERMS:
        terms = terms[:MAX_TERMS]
        notices.append(_("Chỉ dùng %(n)s từ đầu tiên của từ khóa.") % {"n": MAX_TERMS})
    return q, terms, notices


def clean_filters(
    choices: FilterChoices,
    *,
    field: str = "",
    kind: str = "",
    level: str = "",
    province: str = "",
    year: str | int | None = "",
    exemplary: str | bool = "",
) -> tuple[LibraryFilters, list[str]]:
    """Keep the filter values that exist; say in Vietnamese which ones were ignored."""
    notices: list[str] = []
    cleaned = LibraryFilters()
    ignored = _("Không có %(what)s “%(value)s”; bộ lọc này đã được bỏ qua.")
    if field:
        if any(f.code == field for f in choices.fields):
            cleaned.field = field
        else:
            notices.append(ignored % {"what": _("lĩnh vực"), "value": field})
    if kind:
        if kind in InitiativeKind.values:
            cleaned.kind = kind
        else:
            notices.append(ignored % {"what": _("loại"), "value": kind})
    if level:
        if level in Level.values:
            cleaned.level = level
        else:
            notices.append(ignored % {"what": _("cấp công nhận"), "value": level})
    if province:
        if any(p.code == province for p in choices.provinces):
            cleaned.province = province
        else:
            notices.append(ignored % {"what": _("tỉnh, thành phố"), "value": province})
    if year not in ("", None):
        try:
            number = int(str(year))
        except ValueError:
            number = 0
        if MIN_YEAR <= number <= MAX_YEAR:
            cleaned.year = number
        else:
            notices.append(_("Năm “%(value)s” không hợp lệ; hãy nhập năm có 4 chữ số, ví dụ 2025.") % {"value": year})
    if isinstance(exemplary, bool):
        cleaned.exemplary = exemplary
    elif str(exemplary).lower() in _TRUE:
        cleaned.exemplary = True
    elif str(exemplary).lower() not in _FALSE:
        notices.append(ignored % {"what": _("lựa chọn tiêu biểu"), "value": exemplary})
    return cleaned, notices


def filtered_entries(filters: LibraryFilters, choices: FilterChoices) -> QuerySet[PublicEntry]:
    entries = PublicEntry.objects.all()
    if filters.field:
        entries = entries.filter(field_id=filters.field)
    if filters.kind:
        entries = entries.filter(kind=filters.kind)
    if filters.level:
        entries = entries.filter(recognized_level=filters.level)
    if filters.province:
        province = next(p for p in choices.provinces if p.code == filters.province)
        entries = entries.filter(province_id=province.pk)
    if filters.year:
        entries = entries.filter(year=filters.year)
    if filters.exemplary:
        entries = entries.filter(exemplary=True)
    return entries


LIST_DEFERRED = [
    "search_text",
    "search_vector",
    "title_vector",
    "title_folded",
    *(f"initiative__{name}" for name in (*CASE_STUDY_FIELDS, "search_text")),
]


def with_details(entries: QuerySet[PublicEntry]) -> QuerySet[PublicEntry]:
    """What a list shows (a card, a row of the exports): the initiative, its unit, field, province,
    without the long texts of the case study."""
    return entries.select_related("initiative__unit", "field", "province").defer(*LIST_DEFERRED)


def rows_in_order(ids: list[int]) -> list[PublicEntry]:
    """The details of one page, fetched by primary key once the page's ids are known: the
    database then joins 20 rows, not every match before sorting them (PostgreSQL did)."""
    if not ids:
        return []
    found = with_details(PublicEntry.objects.filter(pk__in=ids)).in_bulk()
    return [found[pk] for pk in ids if pk in found]


@dataclass
class Tier:
    """Rows in their order, and how to count them (at most `cap`) as cheaply as the database can."""

    rows: QuerySet[PublicEntry]
    fts_match: str = ""  # SQLite: count in the FTS index alone, no join
    index_ordered: bool = False  # PostgreSQL: an index can give this order (no relevance score)

    def count(self, cap: int) -> int:
        if self.fts_match:
            with connection.cursor() as cursor:
                cursor.execute(
                    "SELECT COUNT(*) FROM (SELECT rowid FROM library_fts WHERE library_fts MATCH %s LIMIT %s)",
                    [self.fts_match, cap],
                )
                return int(cursor.fetchone()[0])
        return self.rows.order_by().values("pk")[:cap].count()


def _with_last(terms: list[str], prefix_last: bool) -> list[tuple[str, bool]]:
    """Each term, and whether it is matched as a prefix: only the last word, while it is being typed."""
    return [(term, prefix_last and index == len(terms) - 1) for index, term in enumerate(terms)]


def is_known_word(term: str) -> bool:
    """Whether `term` is a whole word of the library's titles and texts (one index lookup). The last
    word of a query is matched as a prefix only while it is not: "duo" finds "duong", but a finished
    "dong" is not widened to every word that starts with it, which on PostgreSQL costs a scan of
    every such word's rows (measured at 1 M initiatives: 42 ms against 17 ms for the count)."""
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("SELECT 1 FROM library_searchword WHERE word = %s", [term])
        else:
            cursor.execute(
                "SELECT 1 FROM library_fts_vocab WHERE term = %s AND col IN ('title_folded', 'search_text') LIMIT 1",
                [term],
            )
        return cursor.fetchone() is not None


def facet_tokens(filters: LibraryFilters) -> list[str]:
    """The filters as tokens of the `facets` text (an FTS5 column; weight D of the tsvector)."""
    tokens = []
    if filters.field:
        tokens.append(facet_token("f", filters.field))
    if filters.kind:
        tokens.append(facet_token("k", filters.kind))
    if filters.level:
        tokens.append(facet_token("l", filters.level))
    if filters.province:
        tokens.append(facet_token("p", filters.province))
    if filters.year:
        tokens.append(facet_token("y", filters.year))
    if filters.exemplary:
        tokens.append("x1")
    return tokens


def _matching(
    entries: QuerySet[PublicEntry], terms: list[str], tier: str, sort: str, *, facets: str, prefix_last: bool
) -> Tier:
    """Rows whose folded key has every term as a word prefix, in the asked order.

    `tier`: "all" (anywhere), "title" (every term in the title), "rest" (all, but not all in the
    title). Read newest first, a tier streams from the index and stops at the page's end.
    """
    order = ORDER_BY[Sort.REPLICAS] if sort == Sort.REPLICAS else ORDER_BY[Sort.DATE]
    if connection.vendor == "postgresql":
        anywhere = " & ".join(f"{t}{':*AB' if last else ':AB'}" for t, last in _with_last(terms, prefix_last))
        in_title = " & ".join(f"{t}{':*A' if last else ':A'}" for t, last in _with_last(terms, prefix_last))
        if facets:
            anywhere, in_title = f"({anywhere}) & {facets}", f"({in_title}) & {facets}"
        found_anywhere = Q(search_vector=SearchQuery(anywhere, search_type="raw", config="simple"))
        found_in_title = Q(title_vector=SearchQuery(in_title, search_type="raw", config="simple"))
        condition = {"all": found_anywhere, "title": found_in_title, "rest": found_anywhere & ~found_in_title}[tier]
        return Tier(entries.filter(condition).order_by(*order), index_ordered=True)
    anywhere = " ".join(f'"{t}"{"*" if last else ""}' for t, last in _with_last(terms, prefix_last))
    in_title = f"{{title_folded}} : ({anywhere})"
    match = {"all": anywhere, "title": in_title, "rest": f"(({anywhere}) NOT {in_title})"}[tier]
    if facets:
        match = f"({match}) AND {{facets}} : ({facets})"
    # a join to the FTS5 table; the only parameter is bound
    matched = entries.extra(
        tables=["library_fts"],
        where=["library_fts.rowid = library_publicentry.sort_key", "library_fts MATCH %s"],
        params=[match],
        select={"fts_key": "library_fts.rowid"},
    )
    # FTS5 hands its rows out by rowid (= sort_key) descending without sorting them all.
    rows = matched.order_by(*order) if sort == Sort.REPLICAS else matched.order_by("-fts_key")
    return Tier(rows, fts_match=match)


def corrected_terms(terms: list[str]) -> list[str]:
    """PostgreSQL: each word replaced by the most similar word the library holds (pg_trgm over the
    lexicon, `SearchWord`); a word already known stays. One query per word (at most MAX_TERMS)."""
    corrected = []
    with connection.cursor() as cursor:
        for term in terms:
            if len(term) < FUZZY_MIN_CHARS:
                corrected.append(term)
                continue
            cursor.execute(
                "SELECT word FROM library_searchword WHERE word %% %s ORDER BY word <-> %s, word LIMIT 1",
                [term, term],
            )
            found = cursor.fetchone()
            corrected.append(found[0] if found else term)
    return corrected


def public_tiers(
    *, terms: list[str], filters: LibraryFilters, choices: FilterChoices, sort: str, prefix_last: bool | None = None
) -> list[Tier]:
    """The library's rows for a query and filters, as ordered tiers read one after the other.

    Relevance: initiatives with every word in the title first, then those with the words in the
    text; newest first within each. The base of the page, the API and the exports.
    """
    entries = filtered_entries(filters, choices)
    if not terms:
        return [Tier(entries.order_by(*ORDER_BY.get(sort, ORDER_BY[Sort.DATE])))]
    # the filters are matched inside the full-text index (facet tokens) instead of row by row
    entries = PublicEntry.objects.all()
    if connection.vendor == "postgresql":
        facets = " & ".join(f"{token}:D" for token in facet_tokens(filters))
    else:
        facets = " ".join(f'"{token}"' for token in facet_tokens(filters))
    if prefix_last is None:
        prefix_last = not is_known_word(terms[-1])
    if sort == Sort.RELEVANCE:
        return [
            _matching(entries, terms, "title", sort, facets=facets, prefix_last=prefix_last),
            _matching(entries, terms, "rest", sort, facets=facets, prefix_last=prefix_last),
        ]
    return [_matching(entries, terms, "all", sort, facets=facets, prefix_last=prefix_last)]


class TieredResults:
    """Several ordered querysets read as one list, for the Paginator: counts are capped at
    MAX_COUNT (a visitor narrows the search rather than reads page 600) and a page reads only
    the tiers it covers."""

    def __init__(self, tiers: list[Tier], cap: int, total: Tier | None = None) -> None:
        self.tiers = tiers
        self.total = total  # all the tiers together: a cheaper count than the later tiers' own
        self.cap = cap
        self._counts: list[int] | None = None

    def counts(self) -> list[int]:
        if self._counts is None and self.total is not None and len(self.tiers) == 2:
            # the title tier first: when it alone reaches the cap, so does the whole, and the count
            # of every match (the costliest query of a common search) is not needed
            first = self.tiers[0].count(self.cap)
            everything = self.cap if first >= self.cap else self.total.count(self.cap)
            self._counts = [first, everything - first]
        if self._counts is None:
            counts: list[int] = []
            remaining = self.cap
            for tier in self.tiers:
                counts.append(tier.count(remaining) if remaining > 0 else 0)
                remaining -= counts[-1]
            self._counts = counts
        return self._counts

    def count(self) -> int:
        return sum(self.counts())

    def _is_dense(self, tier: Tier, size: int) -> bool:
        """PostgreSQL misjudges how many rows a multi-word query matches (it multiplies the words'
        frequencies) and then fetches every match to sort them. When the capped count shows many
        matches, reading the sort-key index newest first and stopping at the page is far cheaper
        (measured on 200.000 rows: 66 ms → 1,5 ms for page 1)."""
        return (
            connection.vendor == "postgresql"
            and tier.index_ordered
            and sum(self.counts()) >= self.cap
            and size >= self.cap // 2
        )

    @staticmethod
    def _dense_ids(ids: QuerySet[PublicEntry, int]) -> list[int]:
        with transaction.atomic(), connection.cursor() as cursor:
            cursor.execute(
                "SELECT set_config('enable_bitmapscan', 'off', true), set_config('enable_sort', 'off', true)"
            )
            return list(ids)

    def __len__(self) -> int:
        return self.count()

    def __getitem__(self, window: slice) -> list[PublicEntry]:
        start, stop = window.start or 0, window.stop
        rows: list[PublicEntry] = []
        offset = 0
        for tier, size in zip(self.tiers, self.counts(), strict=True):
            low, high = max(start - offset, 0), min(stop - offset, size)
            if low < high:
                ids = tier.rows.values_list("pk", flat=True)[low:high]
                rows += rows_in_order(self._dense_ids(ids) if self._is_dense(tier, size) else list(ids))
            offset += size
            if offset >= stop:
                break
        return rows


def clean_sort(sort: str, terms: list[str], notices: list[str]) -> str:
    if not sort:
        return Sort.RELEVANCE if terms else Sort.DATE
    if sort not in SORT_KEYS:
        notices.append(_("Không có cách sắp xếp “%(value)s”; đang sắp xếp theo mặc định.") % {"value": sort})
        return Sort.RELEVANCE if terms else Sort.DATE
    return sort


def search_public(
    *,
    q: str = "",
    field: str = "",
    kind: str = "",
    level: str = "",
    province: str = "",
    year: str | int | None = "",
    exemplary: str | bool = "",
    sort: str = "",
    page: str | int = 1,
    page_size: int = PAGE_SIZE,
) -> LibraryPage:
    """One page of the public library. Never raises for anything a visitor can type.

    Queries: fields, provinces (the filter choices), whether the last word is finished, the counts, the rows.
    """
    choices = filter_choices()
    q, terms, notices = query_terms(q)
    filters, filter_notices = clean_filters(
        choices, field=field, kind=kind, level=level, province=province, year=year, exemplary=exemplary
    )
    notices += filter_notices
    sort = clean_sort(sort, terms, notices)
    per_page = max(1, min(int(page_size), MAX_PAGE_SIZE))
    prefix_last = bool(terms) and not is_known_word(terms[-1])
    tiers = public_tiers(terms=terms, filters=filters, choices=choices, sort=sort, prefix_last=prefix_last)
    total = None
    if len(tiers) > 1:
        total = public_tiers(terms=terms, filters=filters, choices=choices, sort=Sort.DATE, prefix_last=prefix_last)[0]
    paginator: Paginator[PublicEntry] = Paginator(TieredResults(tiers, MAX_COUNT, total), per_page)  # type: ignore[arg-type]
    fuzzy = False
    if terms and connection.vendor == "postgresql" and paginator.count == 0:
        corrected = corrected_terms(terms)
        if corrected != terms:
            tiers = public_tiers(terms=corrected, filters=filters, choices=choices, sort=sort)
            total = public_tiers(terms=corrected, filters=filters, choices=choices, sort=Sort.DATE)[0]
            paginator = Paginator(TieredResults(tiers, MAX_COUNT, total), per_page)  # type: ignore[arg-type]
            if paginator.count:
                fuzzy = True
                terms = corrected
                notices.append(
                    _("Không có kết quả khớp đúng “%(q)s”; đang hiển thị kết quả cho “%(corrected)s”.")
                    % {"q": q, "corrected": " ".join(corrected)}
                )
    result_page = _page(paginator, page, notices)
    if terms and paginator.count == 0:
        notices.append(
            _("Không tìm thấy mô hình nào với “%(q)s”. Hãy thử ít từ hơn, từ khác, hoặc bỏ bớt bộ lọc.") % {"q": q}
        )
    return LibraryPage(
        q=q, terms=terms, filters=filters, sort=sort, page=result_page, choices=choices, notices=notices, fuzzy=fuzzy
    )


def _page(paginator: Paginator[PublicEntry], number: str | int, notices: list[str]) -> Page[PublicEntry]:
    try:
        wanted = int(str(number))
    except ValueError:
        wanted = 1
        if str(number).strip():
            notices.append(_("Số trang “%(value)s” không hợp lệ; đang hiển thị trang đầu.") % {"value": number})
    try:
        return paginator.page(max(1, wanted))
    except EmptyPage:
        last = paginator.num_pages
        if paginator.count:
            notices.append(
                _("Không có trang %(n)s; đang hiển thị trang cuối (trang %(last)s).") % {"n": wanted, "last": last}
            )
        return paginator.page(last)


@lru_cache(maxsize=20_000)
def _folded_word(word: str) -> str:
    """A word of a page, folded once: a page of 20 cards repeats the same few hundred words."""
    return fold(word)


def _matches(word: str, terms: list[str]) -> bool:
    folded = _folded_word(word)
    return any(folded.startswith(term) for term in terms)


def highlight(text: str, terms: list[str]) -> SafeString:
    """The text, escaped first, with each word that starts with a search term wrapped in <mark>."""
    if not text:
        return mark_safe("")
    if not terms:
        return escape(text)
    pieces: list[str] = []
    last = 0
    for match in _TEXT_WORD.finditer(text):
        word = match.group(0)
        if _matches(word, terms):
            pieces.append(escape(text[last : match.start()]))
            pieces.append(f"<mark>{escape(word)}</mark>")
            last = match.end()
    pieces.append(escape(text[last:]))
    return mark_safe("".join(pieces))  # noqa: S308 - every piece above is escaped


def snippet(text: str, terms: list[str], width: int = 260) -> str:
    """A window of the text around its first matching word, about `width` characters."""
    text = " ".join((text or "").split())
    if len(text) <= width:
        return text
    start = 0
    for match in _TEXT_WORD.finditer(text):
        if _matches(match.group(0), terms):
            start = max(0, match.start() - width // 3)
            break
    if start:
        space = text.find(" ", start)
        start = space + 1 if 0 <= space < start + 20 else start
    end = min(len(text), start + width)
    if end < len(text):
        space = text.rfind(" ", start, end)
        end = space if space > start else end
    return ("… " if start else "") + text[start:end] + (" …" if end < len(text) else "")
