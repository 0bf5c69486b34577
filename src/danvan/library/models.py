"""The public library: one row per initiative that may be shown to everyone.

A row exists only for a recognised initiative whose unit publishes its initiatives and which
was not withheld; everything public (pages, search, feed, sitemap, exports) reads these rows,
so what is not here cannot leak. The rows are kept in step with the initiatives by
`library.services.entry_sync`, called on every change of an initiative (`initiatives.changes`).
"""

import datetime

from django.contrib.postgres.search import SearchVectorField
from django.db import models
from django.utils.translation import gettext_lazy as _

from danvan.movements.models import InitiativeKind
from danvan.orgs.models import Level


def sort_key_for(recognized_on: datetime.date, initiative_id: int) -> int:
    """Newest recognition first when read in descending order; unique per initiative."""
    return recognized_on.toordinal() * 1_000_000_000 + initiative_id


def facet_token(kind: str, value: object) -> str:
    """One filter value as a token the FTS5 tokenizer keeps whole: letters and digits only."""
    return kind + "".join(ch for ch in str(value).lower() if ch.isascii() and ch.isalnum())


def facets_for(*, province_code: str | None, field_id: str, year: int, kind: str, level: str, exemplary: bool) -> str:
    tokens = [
        facet_token("f", field_id),
        facet_token("y", year),
        facet_token("k", kind),
        facet_token("l", level),
    ]
    if province_code:
        tokens.append(facet_token("p", province_code))
    if exemplary:
        tokens.append("x1")
    return " ".join(tokens)


class PublicEntry(models.Model):
    initiative = models.OneToOneField(
        "initiatives.Initiative", primary_key=True, on_delete=models.CASCADE, related_name="library_entry"
    )
    # Copies of the filtered and sorted fields, so a library page is one indexed table.
    # indexed with the sort key (Meta.indexes), not alone
    province = models.ForeignKey(
        "orgs.Unit",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("tỉnh, thành phố (hiện nay)"),
        db_index=False,
    )
    field = models.ForeignKey(
        "movements.Field", on_delete=models.PROTECT, related_name="+", db_column="field", db_index=False
    )
    kind = models.CharField(max_length=16, choices=InitiativeKind.choices)
    recognized_level = models.CharField(max_length=16, choices=Level.choices)
    recognized_on = models.DateField()
    year = models.PositiveSmallIntegerField(help_text="year of recognition")
    exemplary = models.BooleanField(default=False)
    sort_key = models.BigIntegerField(
        unique=True, help_text="recognition order: the date's ordinal × 10⁹ + the initiative id (the FTS5 rowid)"
    )
    replica_count = models.PositiveIntegerField(default=0, help_text="recognised initiatives replicated from this one")
    title_folded = models.TextField(blank=True)
    search_text = models.TextField(blank=True, help_text="folded: the initiative's search key and its province")
    # SQLite: the filters as FTS5 tokens ("p31 feconomy y2024 ..."), so a search with filters is
    # an intersection inside the FTS index rather than a probe of every match.
    facets = models.TextField(blank=True, editable=False)
    # PostgreSQL only: title A, text B, filter tokens D, computed by a trigger (migration 0003); an
    # unused NULL column on SQLite, where FTS5 serves.
    search_vector = SearchVectorField(null=True, editable=False)
    # PostgreSQL only: the title (A) and the filter tokens (D) alone, so the "every word in the title"
    # tier of a search reads the short posting lists of titles, not those of whole texts (0007).
    title_vector = SearchVectorField(null=True, editable=False)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-sort_key"]
        verbose_name = _("mô hình công khai")
        verbose_name_plural = _("mô hình công khai")
        indexes = [
            models.Index(fields=["-replica_count", "-sort_key"], name="library_spread"),
            models.Index(fields=["province", "-sort_key"], name="library_province"),
            models.Index(fields=["field", "-sort_key"], name="library_field"),
            models.Index(fields=["year", "-sort_key"], name="library_year"),
            models.Index(fields=["exemplary", "-sort_key"], name="library_exemplary"),
            models.Index(fields=["recognized_level", "-sort_key"], name="library_level"),
            models.Index(fields=["kind", "-sort_key"], name="library_kind"),
        ]

    def __str__(self) -> str:
        return self.title_folded


class Withheld(models.Model):
    """An initiative its unit asked to keep out of the public library (an opt-out per initiative)."""

    initiative = models.OneToOneField(
        "initiatives.Initiative", primary_key=True, on_delete=models.CASCADE, related_name="library_withheld"
    )
    reason = models.CharField(_("lý do"), max_length=255, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("mô hình không công khai")
        verbose_name_plural = _("mô hình không công khai")

    def __str__(self) -> str:
        return str(self.initiative_id)


class SearchWord(models.Model):
    """PostgreSQL: every word of the public rows' search vectors (the lexicon), kept by a trigger
    (migration 0004). A search that finds nothing is retried with each word replaced by the most
    similar known word (pg_trgm over this small table, not over every row's text). Words of rows
    removed since stay until `danvan library_rebuild`; they can only make a retry find nothing."""

    word = models.TextField(primary_key=True)

    class Meta:
        verbose_name = _("từ của thư viện")
        verbose_name_plural = _("từ của thư viện")

    def __str__(self) -> str:
        return self.word
