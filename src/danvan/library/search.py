"""Public search over the library, the same on both databases from the outside.

The base is one folded key (`core.text.fold`: NFC, đ→d, marks stripped, lowercase), so
"dan van kheo" finds "Dân vận khéo" and "hoa" finds "Hòa" and "Hoà". The query is folded the
same way and cut into words of [a-z0-9]; each word must match as a prefix, in any order.

- SQLite: an FTS5 table (`library_fts`, kept in step by triggers) ranked with bm25, title first.
- PostgreSQL: full text over the folded key (weighted title A, the rest B) ranked with
  ts_rank; when nothing matches exactly, pg_trgm forgives small typos word by word.

Nothing user-typed ever reaches an FTS or tsquery parser: only the [a-z0-9] words do, quoted.

    page = search_public(q="dan van kheo", field="economy", sort="relevance", page=2)
    page.page.object_list   # PublicEntry rows with initiative, unit, field, province
    page.notices            # Vietnamese messages about what was ignored or corrected
"""

import re
from dataclasses import dataclass, field
from typing import Any

from django.contrib.postgres.search import SearchQuery, SearchRank, TrigramWordSimilarity
from django.core.paginator import EmptyPage, Page, Paginator
from django.db import connection
from django.db.models import F, FloatField, QuerySet, Value
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from danvan.core.text import fold
from danvan.library.models import PublicEntry
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
    Sort.DATE: ["-recognized_on", "-initiative_id"],
    Sort.REPLICAS: ["-replica_count", "-recognized_on", "-initiative_id"],
}

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


def filter_choices() -> FilterChoices:
    """What the filters offer: the fields, today's provinces (two queries)."""
    return FilterChoices(
        fields=list(Field.objects.order_by("sort", "code")),
        provinces=list(
            Unit.objects.filter(level=Level.PROVINCE, kind_id="province", valid_to__isnull=True).order_by("name")
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


def _matching(entries: QuerySet[PublicEntry], terms: list[str], *, fuzzy: bool = False) -> QuerySet[PublicEntry]:
    """Rows whose folded key has every term as a word prefix, annotated with `relevance` (higher
    is better)."""
    if connection.vendor == "postgresql":
        if fuzzy:
            words = [t for t in terms if len(t) >= FUZZY_MIN_CHARS] or terms
            similarity: Any = Value(0.0, output_field=FloatField())
            for term in words:
                entries = entries.filter(search_text__trigram_word_similar=term)
                similarity = similarity + TrigramWordSimilarity(term, "search_text")
            return entries.annotate(relevance=similarity)
        query = SearchQuery(" & ".join(f"{t}:*" for t in terms), search_type="raw", config="simple")
        return entries.filter(search_vector=query).annotate(relevance=SearchRank(F("search_vector"), query))
    match = " ".join(f'"{t}"*' for t in terms)
    return entries.extra(
        tables=["library_fts"],
        where=["library_fts.rowid = library_publicentry.initiative_id", "library_fts MATCH %s"],
        params=[match],
        select={"relevance": "-bm25(library_fts, 10.0, 1.0)"},
    )


def public_entries(
    *, terms: list[str], filters: LibraryFilters, choices: FilterChoices, sort: str, fuzzy: bool = False
) -> QuerySet[PublicEntry]:
    """The library's rows for a query and filters, in the asked order (the base of page and exports)."""
    entries = filtered_entries(filters, choices)
    if terms:
        entries = _matching(entries, terms, fuzzy=fuzzy)
    if sort == Sort.RELEVANCE and terms:
        return entries.order_by(F("relevance").desc(), "-recognized_on", "-initiative_id")
    return entries.order_by(*ORDER_BY.get(sort, ORDER_BY[Sort.DATE]))


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

    Queries: fields, provinces (the filter choices), the count, the rows.
    """
    choices = filter_choices()
    q, terms, notices = query_terms(q)
    filters, filter_notices = clean_filters(
        choices, field=field, kind=kind, level=level, province=province, year=year, exemplary=exemplary
    )
    notices += filter_notices
    sort = clean_sort(sort, terms, notices)
    entries = public_entries(terms=terms, filters=filters, choices=choices, sort=sort)
    rows = entries.select_related("initiative__unit", "field", "province")
    paginator = Paginator(rows, max(1, min(int(page_size), MAX_PAGE_SIZE)))
    fuzzy = False
    if terms and connection.vendor == "postgresql" and paginator.count == 0:
        fuzzy = True
        entries = public_entries(terms=terms, filters=filters, choices=choices, sort=sort, fuzzy=True)
        paginator = Paginator(entries.select_related("initiative__unit", "field", "province"), paginator.per_page)
        if paginator.count:
            notices.append(_("Không có kết quả khớp đúng từng từ; dưới đây là các kết quả gần đúng."))
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
        if any(fold(word).startswith(term) for term in terms):
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
        if any(fold(match.group(0)).startswith(term) for term in terms):
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
