"""The product in English: every page of each demo person's day, opened with the English cookie, shows
no sentence of the Vietnamese catalogue.

A sentence of the catalogue (the longest literal piece, three words or more, of a msgid of
locale/en/.../django.po whose English differs or is missing) found in an English page's visible text
was rendered in Vietnamese: not marked, translated at import time (gettext in a module constant, a
choice or a form label), built by concatenation, or missing from the catalogue. Data (unit names,
titles, people's names, and the stored texts `stored_texts` lists) does not count. Documents
(decisions, certificates, reports) stay Vietnamese by design and are not pages, so they are not opened.

Opened: 10 kinds of person's pages (PAGES, with the site administration), forms sent wrong (SENT), the
CSRF, 400 and 500 pages; every route of the URL conf is either opened or named in NOT_OPENED with why.
The demo is built once for the module (in a transaction rolled back at the end), plus what it has
none of (a proposal and its council, a round, a key task, a draft decision, a report asked for, an
import checked), made through the services, after the URL conf is loaded as a Vietnamese first
visitor would load it.
"""

import datetime
import html
import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from django.test import Client, RequestFactory, override_settings
from django.urls import URLPattern, URLResolver, get_resolver, resolve
from django.utils import translation
from django.views import defaults

from danvan.accounts.models import User
from danvan.awards.models import Award, AwardForm, AwardRule, Decision, DecisionStatus
from danvan.awards.services import DecisionData, decision_create
from danvan.conferences.models import Conference, ConferenceNews
from danvan.documents.models import Layout
from danvan.imports.models import ImportJob
from danvan.imports.services import import_job_create, import_job_run
from danvan.initiatives.access import initiatives_visible_to
from danvan.initiatives.models import Initiative, Status
from danvan.initiatives.workflow import OWNER_EDITS
from danvan.keytasks.models import KeyTask
from danvan.keytasks.services import task_create
from danvan.movements.defaults import DEFAULT_CRITERIA
from danvan.movements.models import CriteriaSet, Field
from danvan.movements.selectors import criteria_set_for
from danvan.orgs.access import scope_q
from danvan.orgs.loading import load_units
from danvan.orgs.models import Unit, UnitKind, subtree_lookup
from danvan.proposals.models import Council, Proposal, ProposalItem
from danvan.proposals.services import council_create, dossier_upload, proposal_create, proposal_submit
from danvan.reports.models import Report
from danvan.reports.services import report_request
from danvan.reviews.selectors import review_queue_base
from danvan.rounds.defaults import DEFAULT_INDICATORS, DEFAULT_SET
from danvan.rounds.models import DEFAULT_OUTLINE, IndicatorSet, ReportingRound
from danvan.rounds.services import round_open
from danvan.site.demo import run_demo_steps
from danvan.site.demo.orgs import DEMO_PROVINCE
from tests.conftest import load_migrated_rows
from tests.import_helpers import xlsx_bytes

PO = Path(settings.BASE_DIR) / "locale" / "en" / "LC_MESSAGES" / "django.po"
ENGLISH = {settings.LANGUAGE_COOKIE_NAME: "en"}

# ---------------------------------------------------------------- the catalogue's Vietnamese sentences

PLACEHOLDER = re.compile(r"%\([^)]*\)[-#0 +]*\d*(?:\.\d+)?[sdifr]|%[sdif]|\{\{[^}]*\}\}|\{[a-z_]*\}|<[^>]*>")


def _po_entries(text: str) -> Iterator[tuple[str, str]]:
    """(msgid, first msgstr) of each live entry of a .po file (obsolete `#~` entries skipped)."""
    for block in text.split("\n\n"):
        fields: dict[str, str] = {}
        key = ""
        for line in block.splitlines():
            if line.startswith("#"):
                continue
            found = re.match(r'^(msgctxt|msgid_plural|msgid|msgstr(?:\[\d+\])?) "(.*)"$', line)
            if found:
                key = found.group(1)
                fields[key] = found.group(2)
            elif line.startswith('"') and key:
                fields[key] += line[1:-1]
        if fields.get("msgid"):
            msgstr = fields.get("msgstr", fields.get("msgstr[0]", ""))
            yield _unescape(fields["msgid"]), _unescape(msgstr)


def _unescape(value: str) -> str:
    return value.replace('\\"', '"').replace("\\n", "\n").replace("\\t", "\t").replace("\\\\", "\\")


def _words(text: str) -> int:
    return len(re.findall(r"\w+", text))


def catalogue_sentences() -> dict[str, str]:
    """The longest literal piece (three words or more) of each msgid whose English differs, split on
    its placeholders (and any markup), whitespace collapsed: piece -> the msgid it comes from. A piece
    that an English translation keeps as it is (an example written as the Vietnamese document prints
    it, the movement's name) is expected on an English page and left out."""
    entries = list(_po_entries(PO.read_text(encoding="utf-8")))  # an empty msgstr shows the msgid: counted
    english = "\n".join(" ".join(msgstr.split()) for _msgid, msgstr in entries)
    sentences: dict[str, str] = {}
    for msgid, msgstr in entries:
        if msgstr == msgid:
            continue
        pieces = [" ".join(p.replace("%%", "%").split()) for p in PLACEHOLDER.split(msgid)]
        longest = max(pieces, key=len)
        if _words(longest) >= 3 and longest not in english:
            sentences.setdefault(longest, msgid)
    return sentences


def shipped_texts() -> list[str]:
    """The texts danvan ships as data and pages name in the reader's language (`data_name`): the
    default criteria sets and their criteria, the indicator set and its indicators, a round's default
    outline. Vietnamese wording of the product, checked even if the catalogue lacked one of them."""
    texts = [DEFAULT_SET[1], *(row[1] for row in DEFAULT_INDICATORS), *(s["title"] for s in DEFAULT_OUTLINE)]
    for set_name, criteria in DEFAULT_CRITERIA.values():
        texts += [set_name, *(name for name, _weight in criteria)]
    return texts


SENTENCES = {
    **{" ".join(t.split()): t for t in shipped_texts() if _words(t) >= 3},
    **catalogue_sentences(),
}

# ---------------------------------------------------------------- a page's visible text

SHOWN_ATTRIBUTES = {"title", "alt", "placeholder", "aria-label", "label"}  # and data-* (read by the script)


class _VisibleText(HTMLParser):
    """The text a visitor sees or hears: text outside <script>/<style>, plus the attributes shown or
    read out (title, alt, placeholder, aria-label, button values, the description, data-* texts such
    as the phone layout's column names)."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.hidden = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in ("script", "style"):
            self.hidden += 1
        values = dict(attrs)
        for name, value in attrs:
            if value and (name in SHOWN_ATTRIBUTES or name.startswith("data-")):
                self.parts.append(value)
        if tag == "input" and values.get("type") in ("submit", "button", "reset") and values.get("value"):
            self.parts.append(values["value"] or "")
        if tag == "meta" and values.get("name") == "description":
            self.parts.append(values.get("content") or "")

    def handle_endtag(self, tag: str) -> None:
        if tag in ("script", "style") and self.hidden:
            self.hidden -= 1

    def handle_data(self, data: str) -> None:
        if not self.hidden:
            self.parts.append(data)


def visible_text(page: str) -> str:
    parser = _VisibleText()
    parser.feed(page)
    parser.close()
    return " ".join(html.unescape(" ".join(parser.parts)).split())


def visible_text_without_data(page: str, data: Iterable[str] = ()) -> str:
    """The visible text less the stored texts (`data`, longest first) the page shows as they were
    written: they are data, not the product's wording."""
    text = visible_text(page)
    for stored in sorted({" ".join(d.split()) for d in data if d.strip()}, key=len, reverse=True):
        text = text.replace(stored, " ¶ ")
    return text


def vietnamese_sentences(page: str, data: Iterable[str] = ()) -> list[str]:
    text = visible_text_without_data(page, data)
    return sorted(piece for piece in SENTENCES if piece in text)


def in_context(page: str, piece: str, data: Iterable[str] = (), width: int = 50) -> str:
    """Where the piece stands in the page's visible text, to find the template or code that wrote it."""
    text = visible_text_without_data(page, data)
    at = text.find(piece)
    return f"…{text[max(at - width, 0) : at + len(piece) + width]}…"


# ---------------------------------------------------------------- the demo, once for the module


@dataclass
class DemoDay:
    users: dict[str, User]
    province: Unit
    commune: Unit
    own: Initiative
    editable: Initiative
    queued: Initiative
    province_queued: Initiative
    public: Initiative
    province_decision: Decision
    commune_decision: Decision
    award: Award
    conference: Conference
    news: ConferenceNews
    criteria_set: CriteriaSet
    proposal: Proposal
    council: Council
    round: ReportingRound
    task: KeyTask
    draft_decision: Decision
    report: Report
    import_job: ImportJob
    by_status: dict[str, Initiative]  # an initiative of the officer's scope in each state
    data: list[str]
    data_names: list[str]


PEOPLE = {
    "admin": "tinh.quantri",
    "approver": "tinh.pheduyet",
    "province reviewer": "tinh.thamdinh",
    "reviewer": "xa.thamdinh",
    "commune approver": "xa.pheduyet",
    "officer": "thon.canbo",
    "other officer": "xakhac.canbo",
    "leader": "lanhdao",
    "superuser": "quantri",
}
# Names of the records made here, none a catalogue sentence (asserted), so only the wording of the
# product can trip the check.
COUNCIL, ROUND, TASK = "Hội đồng xét khen của tỉnh", "Báo cáo quý I/2026", "Tổ chức đối thoại với Nhân dân"
PDF = b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n"


def _records_the_demo_lacks(users: dict[str, User], province: Unit, commune: Unit) -> dict[str, object]:
    """A commune's proposal to the province (submitted, with its scans) and the province's council, a
    reporting round of the province and a key task given to the commune: the demo has none."""
    approver, commune_approver = users["approver"], users["commune approver"]
    assert not [name for name in (COUNCIL, ROUND, TASK) if vietnamese_sentences(name)]
    council = council_create(
        by=approver,
        unit=province,
        name=COUNCIL,
        members=[{"name": f"Thành viên {i + 1}", "position": "Ủy viên"} for i in range(9)],
    )
    recognized = Initiative.objects.filter(
        status=Status.RECOGNIZED, **subtree_lookup("unit__path", commune.path)
    ).order_by("pk")[:2]
    proposal = proposal_create(
        by=commune_approver,
        unit=commune,
        to_unit=province,
        award_form="bang_khen_chuyen_de",
        items=[{"initiative": i.pk} for i in recognized],
        date=datetime.date(2025, 12, 1),
        number="45/TTr-UBND",
    )
    for code in ("to_trinh", "bao_cao_thanh_tich"):
        upload = SimpleUploadedFile(f"{code}.pdf", PDF, content_type="application/pdf")
        dossier_upload(by=commune_approver, proposal=proposal, code=code, upload=upload)
    proposal = proposal_submit(by=commune_approver, proposal=proposal)
    reporting_round = round_open(
        by=approver,
        unit=province,
        title=ROUND,
        date_from=datetime.date(2026, 1, 1),
        date_to=datetime.date(2026, 6, 30),
        due=datetime.date(2026, 7, 15),
        indicator_set=IndicatorSet.objects.get(code="dan-van"),
    )
    task = task_create(
        by=approver,
        unit=province,
        title=TASK,
        owner_unit=commune,
        due=datetime.date(2026, 3, 31),
        expected_result="Báo cáo kết quả",
    )
    draft_decision = decision_create(
        by=approver,
        data=DecisionData(
            number="12/QĐ-UBND",
            date=datetime.date(2026, 1, 15),
            issuer_unit=province,
            signer_name="Nguyễn Văn Hùng",
            signer_title="KT. CHỦ TỊCH\nPHÓ CHỦ TỊCH",
            award_form="giay_khen",
            awards=[{"recipient_name": "Chi đoàn Khu 3", "recipient_kind": "collective", "unit_name": commune.name}],
        ),
    )
    report = report_request(by=users["leader"], unit=province, year_from=2025, year_to=2025, format="docx")
    sheet = xlsx_bytes(
        [
            {"title": "Mô hình đọc báo cho người cao tuổi", "kind": "Mô hình", "field": "Kinh tế", "unit": "KHONGCO"},
            {"title": "", "kind": "Mô hình", "field": "Kinh tế", "unit": commune.code, "year": 1890},
        ]
    )
    upload = SimpleUploadedFile("nhap.xlsx", sheet, content_type="application/vnd.ms-excel")
    with translation.override("en"):  # asked for in English...
        job = import_job_create(by=users["admin"], upload=upload, write=False, valid_only=False)
    job = import_job_run(job=job)  # ...and run by the worker, which has no request: its results are stored
    return {
        "proposal": proposal,
        "council": council,
        "round": reporting_round,
        "task": task,
        "draft_decision": draft_decision,
        "report": report,
        "import_job": job,
    }


def _by_status(officer: User) -> dict[str, Initiative]:
    found: dict[str, Initiative] = {}
    for initiative in initiatives_visible_to(officer).order_by("pk"):
        found.setdefault(initiative.status, initiative)
    assert set(found) == set(Status.values), set(Status.values) - set(found)
    return found


def stored_texts() -> list[str]:
    """What the demo stored in Vietnamese and the pages show as stored: the initiatives' titles, the
    decisions' and proposals' texts as the legal documents print them (the issuing body and
    authority, the citation, each award's achievement), the rules' legal articles, the published news
    article. Data, not wording of the product; the check leaves it out."""
    texts: list[str] = list(Initiative.objects.values_list("title", flat=True))
    for decision in Decision.objects.select_related("issuer_unit"):
        texts += [decision.issuer_body, decision.authority, decision.issuer_office, decision.title]
        texts += [decision.citation, decision.proposal, decision.signer_title, *decision.legal_bases.splitlines()]
    texts += Award.objects.values_list("achievement", flat=True)
    texts += ProposalItem.objects.values_list("achievement", flat=True)
    for rule in AwardRule.objects.all():
        texts += [rule.article, rule.quorum_article, rule.vote_threshold_article]
    texts += Decision.objects.values_list("awards__recipient_name", flat=True)
    for news in ConferenceNews.objects.all():
        texts += [news.title, *news.body.split("\n\n")]
    return [t for t in texts if t]


def shipped_names() -> list[str]:
    """The names danvan ships as data (unit kinds, fields, award forms, layouts, indicator sets): the
    pages name them in the reader's language (`data_name`); the site administration, where they are
    edited, shows them as stored."""
    models = [UnitKind, Field, AwardForm, Layout, IndicatorSet]
    return [name for model in models for name in model.objects.values_list("name", flat=True)]  # type: ignore[attr-defined]


def _demo_day() -> DemoDay:
    load_units()
    run_demo_steps(lambda _line: None)
    users = {who: User.objects.get(username=username) for who, username in PEOPLE.items()}
    province = Unit.objects.get(code=DEMO_PROVINCE)
    commune = users["reviewer"].memberships.get().unit
    officer = users["officer"]
    own = Initiative.objects.filter(scope_q(officer)).order_by("-pk").first()
    editable = Initiative.objects.filter(scope_q(officer), status__in=OWNER_EDITS).order_by("-pk").first()
    queued = review_queue_base(users["reviewer"]).order_by("pk").first()
    province_queued = review_queue_base(users["province reviewer"]).order_by("pk").first()
    public = Initiative.objects.filter(library_entry__isnull=False).order_by("-pk").first()
    decisions = Decision.objects.filter(status=DecisionStatus.ISSUED)
    province_decision = decisions.get(issuer_unit=province)
    award = Award.objects.filter(decision=province_decision).order_by("pk").first()
    conference = Conference.objects.get()
    assert own and editable and queued and province_queued and public and award
    return DemoDay(
        users=users,
        province=province,
        commune=commune,
        own=own,
        editable=editable,
        queued=queued,
        province_queued=province_queued,
        public=public,
        province_decision=province_decision,
        commune_decision=decisions.get(issuer_unit=commune),
        award=award,
        conference=conference,
        news=ConferenceNews.objects.get(conference=conference),
        criteria_set=CriteriaSet.objects.order_by("pk").first(),  # type: ignore[arg-type]
        **_records_the_demo_lacks(users, province, commune),  # type: ignore[arg-type]
        by_status=_by_status(officer),
        data=stored_texts(),
        data_names=shipped_names(),
    )


@pytest.fixture(scope="module")
def day(django_db_setup: None, django_db_blocker, tmp_path_factory: pytest.TempPathFactory) -> Iterator[DemoDay]:  # type: ignore[no-untyped-def]
    """The demo, built once for the module in a transaction that is rolled back after its last test
    (each test runs in a savepoint inside it)."""
    media = tmp_path_factory.mktemp("english-pages-media")
    with translation.override(settings.LANGUAGE_CODE):
        # Every view, form and constant imported as when the first visitor is Vietnamese (the URL conf
        # loads on the first request, in its language): a text translated at import stays Vietnamese.
        assert get_resolver().url_patterns
    with django_db_blocker.unblock(), override_settings(MEDIA_ROOT=str(media)), transaction.atomic():
        load_migrated_rows()  # a transactional test run before on this worker may have flushed them
        yield _demo_day()
        transaction.set_rollback(True)


# ---------------------------------------------------------------- the pages of each person's day


@dataclass(frozen=True)
class Page:
    who: str  # a key of PEOPLE, or "public"
    what: str
    url: Callable[[DemoDay], str]
    status: int = 200
    fragment: bool = False  # an htmx piece of a page: no <html>
    edits_data: bool = False  # the site administration: shows the shipped names as stored, to edit them


PAGES = [
    # the officer of a village
    Page("officer", "workspace", lambda d: "/"),
    Page("officer", "initiative list", lambda d: "/mo-hinh/"),
    Page("officer", "initiative list, filtered", lambda d: "/mo-hinh/?trang_thai=draft&q=dan+van"),
    Page("officer", "registration form", lambda d: "/mo-hinh/dang-ky/"),
    Page("officer", "initiative detail", lambda d: f"/mo-hinh/{d.own.pk}/"),
    Page("officer", "edit form", lambda d: f"/mo-hinh/{d.editable.pk}/sua/"),
    Page("officer", "editable initiative detail", lambda d: f"/mo-hinh/{d.editable.pk}/"),
    Page("officer", "notifications", lambda d: "/thong-bao/"),
    Page("officer", "key tasks", lambda d: "/nhiem-vu/"),
    Page("officer", "reporting rounds", lambda d: "/dot-bao-cao/"),
    Page("officer", "profile", lambda d: "/tai-khoan/"),
    Page("officer", "password change", lambda d: "/tai-khoan/doi-mat-khau/"),
    Page("officer", "access tokens", lambda d: "/tai-khoan/ma-truy-cap/"),
    Page("officer", "units", lambda d: "/don-vi/"),
    Page("officer", "decisions", lambda d: "/khen-thuong/"),
    Page("officer", "library", lambda d: "/thu-vien/"),
    Page("officer", "a page of another role (403)", lambda d: "/nguoi-dung/", 403),
    Page("officer", "a page that does not exist (404)", lambda d: "/khong-co-trang-nay/", 404),
    # the officer of another commune
    *(
        Page("officer", f"an initiative {status}", lambda d, status=status: f"/mo-hinh/{d.by_status[status].pk}/")
        for status in Status.values
    ),
    Page("other officer", "workspace", lambda d: "/"),
    Page("other officer", "another commune's initiative", lambda d: f"/mo-hinh/{d.own.pk}/", 404),
    # the commune's reviewer
    Page("reviewer", "workspace", lambda d: "/"),
    Page("reviewer", "review queue", lambda d: "/binh-xet/"),
    Page("reviewer", "score form", lambda d: f"/binh-xet/{d.queued.pk}/"),
    Page("reviewer", "queued initiative", lambda d: f"/mo-hinh/{d.queued.pk}/"),
    Page("reviewer", "initiative list", lambda d: "/mo-hinh/"),
    Page("reviewer", "notifications", lambda d: "/thong-bao/"),
    # the province's reviewer
    Page("province reviewer", "review queue", lambda d: "/binh-xet/"),
    Page("province reviewer", "score form", lambda d: f"/binh-xet/{d.province_queued.pk}/"),
    # the commune's approver
    Page("commune approver", "workspace", lambda d: "/"),
    Page("commune approver", "decision list", lambda d: "/khen-thuong/"),
    Page("commune approver", "decision detail", lambda d: f"/khen-thuong/{d.commune_decision.pk}/"),
    Page("commune approver", "proposals", lambda d: "/de-nghi-khen-thuong/"),
    Page("commune approver", "new proposal", lambda d: "/de-nghi-khen-thuong/them/"),
    Page("commune approver", "proposal detail", lambda d: f"/de-nghi-khen-thuong/{d.proposal.pk}/"),
    Page("commune approver", "round submission", lambda d: f"/dot-bao-cao/{d.round.pk}/don-vi/{d.commune.code}/"),
    Page("commune approver", "key task", lambda d: f"/nhiem-vu/{d.task.pk}/"),
    # the province's approver
    Page("approver", "workspace", lambda d: "/"),
    Page("approver", "decision list", lambda d: "/khen-thuong/"),
    Page("approver", "decision detail", lambda d: f"/khen-thuong/{d.province_decision.pk}/"),
    Page("approver", "new decision", lambda d: "/khen-thuong/them/"),
    Page("approver", "draft decision", lambda d: f"/khen-thuong/{d.draft_decision.pk}/"),
    Page("approver", "editing a draft decision", lambda d: f"/khen-thuong/{d.draft_decision.pk}/sua/"),
    Page("approver", "revoking a decision", lambda d: f"/khen-thuong/{d.province_decision.pk}/huy/"),
    Page("approver", "correcting a decision", lambda d: f"/khen-thuong/{d.province_decision.pk}/dinh-chinh/"),
    Page("approver", "proposals", lambda d: "/de-nghi-khen-thuong/"),
    Page("approver", "proposal detail", lambda d: f"/de-nghi-khen-thuong/{d.proposal.pk}/"),
    Page("approver", "council vote", lambda d: f"/de-nghi-khen-thuong/{d.proposal.pk}/bo-phieu/"),
    Page("approver", "deciding a proposal", lambda d: f"/de-nghi-khen-thuong/{d.proposal.pk}/quyet-dinh/"),
    Page("approver", "councils", lambda d: "/de-nghi-khen-thuong/hoi-dong/"),
    Page("approver", "new council", lambda d: "/de-nghi-khen-thuong/hoi-dong/them/"),
    Page("approver", "conferences", lambda d: "/hoi-nghi/"),
    Page("approver", "conference detail", lambda d: f"/hoi-nghi/{d.conference.pk}/"),
    Page("approver", "new conference", lambda d: "/hoi-nghi/them/"),
    Page("approver", "conference edit", lambda d: f"/hoi-nghi/{d.conference.pk}/sua/"),
    Page("approver", "conference news, published (to the news item)", lambda d: f"/hoi-nghi/{d.conference.pk}/tin/"),
    Page("approver", "reporting rounds", lambda d: "/dot-bao-cao/"),
    Page("approver", "new round", lambda d: "/dot-bao-cao/mo/"),
    Page("approver", "indicator sets", lambda d: "/dot-bao-cao/bo-chi-tieu/"),
    Page("approver", "round detail", lambda d: f"/dot-bao-cao/{d.round.pk}/"),
    Page("approver", "key tasks", lambda d: "/nhiem-vu/"),
    Page("approver", "new key task", lambda d: "/nhiem-vu/giao/"),
    Page("approver", "key task", lambda d: f"/nhiem-vu/{d.task.pk}/"),
    Page("approver", "dashboard", lambda d: f"/thong-ke/{d.province.code}/"),
    Page("approver", "writing a report", lambda d: f"/thong-ke/{d.province.code}/soan-bao-cao/"),
    Page("approver", "two-step sign-in", lambda d: "/tai-khoan/xac-thuc-hai-buoc/"),
    Page("approver", "library entry", lambda d: f"/thu-vien/mo-hinh/{d.public.public_key}/"),
    # the province's administrator
    Page("admin", "workspace", lambda d: "/"),
    Page("admin", "people", lambda d: "/nguoi-dung/"),
    Page("admin", "new person", lambda d: "/nguoi-dung/them/"),
    Page("admin", "a person", lambda d: f"/nguoi-dung/{d.users['officer'].pk}/"),
    Page("admin", "a person's access tokens", lambda d: f"/nguoi-dung/{d.users['officer'].pk}/ma-truy-cap/"),
    Page("admin", "units", lambda d: "/don-vi/"),
    Page("admin", "a unit", lambda d: f"/don-vi/{d.commune.code}/"),
    Page("admin", "new unit", lambda d: f"/don-vi/{d.commune.code}/them/"),
    Page("admin", "spreadsheet import", lambda d: "/nhap-lieu/"),
    Page("admin", "programmes", lambda d: "/chuong-trinh/"),
    Page("admin", "new programme", lambda d: "/chuong-trinh/them/"),
    Page("admin", "an import checked", lambda d: f"/nhap-lieu/{d.import_job.pk}/"),
    Page("admin", "historical initiatives", lambda d: "/mo-hinh/nhap-lich-su/"),
    # the leader
    Page("leader", "workspace", lambda d: "/"),
    Page("leader", "statistics (to the dashboard)", lambda d: "/thong-ke/"),
    Page("leader", "dashboard", lambda d: f"/thong-ke/{d.province.code}/?nam=2025"),
    Page(
        "leader", "dashboard with a report asked for", lambda d: f"/thong-ke/{d.province.code}/?bao_cao={d.report.pk}"
    ),
    Page("leader", "the report's status (fragment)", lambda d: f"/thong-ke/bao-cao/{d.report.pk}/", fragment=True),
    Page("leader", "library search", lambda d: "/thu-vien/?q=dan+van+kheo"),
    # the system administrator
    Page("superuser", "workspace", lambda d: "/"),
    Page("superuser", "site administration", lambda d: "/quan-tri/"),
    Page("superuser", "administration: units", lambda d: "/quan-tri/orgs/unit/", edits_data=True),
    Page(
        "superuser", "administration: a unit", lambda d: f"/quan-tri/orgs/unit/{d.commune.pk}/change/", edits_data=True
    ),
    Page("superuser", "administration: award forms", lambda d: "/quan-tri/awards/awardform/", edits_data=True),
    Page("superuser", "administration: award rules", lambda d: "/quan-tri/awards/awardrule/", edits_data=True),
    Page("superuser", "administration: fields", lambda d: "/quan-tri/movements/field/", edits_data=True),
    Page("superuser", "administration: document layouts", lambda d: "/quan-tri/documents/layout/", edits_data=True),
    Page("superuser", "administration: people", lambda d: "/quan-tri/accounts/user/"),
    Page("superuser", "criteria set", lambda d: f"/chuong-trinh/tieu-chi/{d.criteria_set.pk}/"),
    # a visitor who has not signed in
    Page("public", "home", lambda d: "/"),
    Page("public", "sign-in", lambda d: "/dang-nhap/"),
    Page("public", "library", lambda d: "/thu-vien/"),
    Page("public", "library search", lambda d: "/thu-vien/?q=dan+van+kheo"),
    Page("public", "library entry", lambda d: f"/thu-vien/mo-hinh/{d.public.public_key}/"),
    Page("public", "following the library", lambda d: "/thu-vien/theo-doi/"),
    Page("officer", "replicating a library model", lambda d: f"/thu-vien/mo-hinh/{d.public.public_key}/nhan-rong/"),
    Page("public", "news", lambda d: "/hoi-nghi/tin-tuc/"),
    Page("public", "news item", lambda d: f"/hoi-nghi/tin-tuc/{d.news.public_key}/"),
    Page("public", "certificate check", lambda d: "/khen-thuong/xac-thuc/"),
    Page("public", "a certificate", lambda d: f"/khen-thuong/xac-thuc/{d.award.certificate_code}/"),
    Page("public", "certificate check, a code typed", lambda d: "/khen-thuong/xac-thuc/?ma=khong-co", 404),
    Page("public", "an unknown certificate", lambda d: "/khen-thuong/xac-thuc/KHONGCO/", 404),
    Page("public", "a page that does not exist (404)", lambda d: "/khong-co-trang-nay/", 404),
]


def _client(day: DemoDay, who: str) -> Client:
    client = Client()
    client.cookies.load(ENGLISH)
    if who != "public":
        client.force_login(day.users[who])
    return client


def _check(
    where: str, response_status: int, status: int, page: str, data: Iterable[str] = (), fragment: bool = False
) -> None:
    assert response_status == status, f"{where}: HTTP {response_status}, expected {status}"
    assert fragment or re.search(r'<html lang="en"[ >]', page), f'{where}: not <html lang="en">'
    found = vietnamese_sentences(page, data)
    assert not found, f"{where} shows Vietnamese catalogue sentences:\n" + "\n".join(
        f"  «{piece}» (msgid «{SENTENCES[piece]}») in «{in_context(page, piece, data)}»" for piece in found
    )


@pytest.mark.django_db
@pytest.mark.parametrize("page", PAGES, ids=[f"{p.who}: {p.what}" for p in PAGES])
def test_the_page_is_english(day: DemoDay, page: Page) -> None:
    url = page.url(day)
    response = _client(day, page.who).get(url, follow=True)
    where = f"{page.who}: {page.what} ({url})"
    data = day.data + day.data_names if page.edits_data else day.data
    _check(where, response.status_code, page.status, response.content.decode(), data, page.fragment)


@pytest.mark.django_db
def test_the_score_form_and_a_round_report_show_the_shipped_texts(day: DemoDay) -> None:
    """The pages above read in English show what danvan ships: the score form its default criteria set
    and criteria, a round's report its outline and indicators (in Vietnamese by default)."""
    criteria_set = criteria_set_for(kind=day.queued.kind, programme_id=day.queued.programme_id)
    assert criteria_set is not None
    expected = {
        f"/binh-xet/{day.queued.pk}/": [criteria_set.name, *(c.name for c in criteria_set.criteria.all())],
        f"/dot-bao-cao/{day.round.pk}/don-vi/{day.commune.code}/": [
            *(s["title"] for s in day.round.outline),
            *(row[1] for row in DEFAULT_INDICATORS),
        ],
    }
    for who, (url, texts) in zip(("reviewer", "commune approver"), expected.items(), strict=True):
        client = Client()
        client.force_login(day.users[who])
        shown = visible_text(client.get(url).content.decode())
        assert set(texts) <= set(shipped_texts()), f"{url}: not the shipped texts"
        assert [t for t in texts if t not in shown] == [], url


@pytest.mark.django_db
def test_the_shipped_criteria_read_in_the_readers_language(day: DemoDay) -> None:
    """The default criteria set's name and its criteria are stored in Vietnamese; the score form names
    them in English for an English reader, as stored for a Vietnamese one."""
    url = f"/binh-xet/{day.queued.pk}/"
    vietnamese = ("Tiêu chí mô hình “Dân vận khéo” (tập thể)", "Huy động được nhiều lực lượng cùng tham gia")
    english = ("Criteria for a “Dân vận khéo” model (collective)", "Mobilises many forces to take part together")
    assert day.queued.kind == "collective"
    client = Client()
    client.force_login(day.users["reviewer"])
    shown = visible_text(client.get(url).content.decode())
    assert all(text in shown for text in vietnamese) and not any(text in shown for text in english)
    client.cookies.load(ENGLISH)
    shown = visible_text(client.get(url).content.decode())
    assert all(text in shown for text in english) and not any(text in shown for text in vietnamese)


@dataclass(frozen=True)
class Sent:
    """A form sent wrong (empty, or with what a hurried person types): the page comes back with its errors."""

    who: str
    what: str
    url: Callable[[DemoDay], str]
    data: Callable[[DemoDay], dict[str, str]]
    follow: bool = False  # the page sends the errors on to another one (as a message)


SENT = [
    Sent("officer", "registration, empty", lambda d: "/mo-hinh/dang-ky/", lambda d: {}),
    Sent(
        "officer",
        "registration, wrong dates and numbers",
        lambda d: "/mo-hinh/dang-ky/",
        lambda d: {"title": "x", "year": "20x5", "started_on": "31/02/2025", "women_share": "140"},
    ),
    Sent("officer", "edit, emptied", lambda d: f"/mo-hinh/{d.editable.pk}/sua/", lambda d: {}),
    Sent("reviewer", "score sheet, empty", lambda d: f"/binh-xet/{d.queued.pk}/", lambda d: {}),
    Sent(
        "reviewer",
        "returning without a note",
        lambda d: f"/mo-hinh/{d.queued.pk}/thao-tac/",
        lambda d: {"action": "return", "note": ""},
    ),
    Sent("approver", "new decision, empty", lambda d: "/khen-thuong/them/", lambda d: {}),
    Sent("approver", "revoking, empty", lambda d: f"/khen-thuong/{d.province_decision.pk}/huy/", lambda d: {}),
    Sent("commune approver", "new proposal, empty", lambda d: "/de-nghi-khen-thuong/them/", lambda d: {}),
    Sent("approver", "council vote, empty", lambda d: f"/de-nghi-khen-thuong/{d.proposal.pk}/bo-phieu/", lambda d: {}),
    Sent("approver", "new council, empty", lambda d: "/de-nghi-khen-thuong/hoi-dong/them/", lambda d: {}),
    Sent("approver", "new conference, empty", lambda d: "/hoi-nghi/them/", lambda d: {}),
    Sent("approver", "new round, empty", lambda d: "/dot-bao-cao/mo/", lambda d: {}),
    Sent("approver", "new key task, empty", lambda d: "/nhiem-vu/giao/", lambda d: {}),
    Sent(
        "approver",
        "a report in an unknown format (to the dashboard)",
        lambda d: f"/thong-ke/{d.province.code}/bao-cao/",
        lambda d: {"format": "odt"},
        follow=True,
    ),
    Sent("admin", "new person, empty", lambda d: "/nguoi-dung/them/", lambda d: {}),
    Sent("admin", "new unit, empty", lambda d: f"/don-vi/{d.commune.code}/them/", lambda d: {}),
    Sent("admin", "new programme, empty", lambda d: "/chuong-trinh/them/", lambda d: {}),
    Sent("admin", "import, no file", lambda d: "/nhap-lieu/", lambda d: {"action": "check", "upload_end": "1"}),
    Sent("officer", "password change, wrong", lambda d: "/tai-khoan/doi-mat-khau/", lambda d: {"old_password": "x"}),
    Sent(
        "public",
        "sign-in, wrong password",
        lambda d: "/dang-nhap/",
        lambda d: {"username": "thon.canbo", "password": "sai"},
    ),
]


@pytest.mark.django_db
@pytest.mark.parametrize("sent", SENT, ids=[f"{s.who}: {s.what}" for s in SENT])
def test_a_form_sent_wrong_answers_in_english(day: DemoDay, sent: Sent) -> None:
    url = sent.url(day)
    data = {"upload_end": "1", **sent.data(day)}  # the form's last input: the request arrived whole
    response = _client(day, sent.who).post(url, data, follow=sent.follow)
    page = response.content.decode()
    where = f"{sent.who}: {sent.what} (POST {url})"
    status = 400 if response.status_code == 400 else 200  # re-shown with its errors: either, never a redirect
    _check(where, response.status_code, status, page, day.data)
    assert re.search(r'errorlist|role="alert"|class="msg-error"', page), f"{where}: no error shown"


@pytest.mark.django_db
def test_a_form_posted_without_its_token_says_so_in_english(day: DemoDay) -> None:
    client = Client(enforce_csrf_checks=True)
    client.cookies.load(ENGLISH)
    response = client.post("/dang-nhap/", {"username": "thon.canbo", "password": "x"})
    _check("public: sign-in posted without its CSRF token", response.status_code, 403, response.content.decode())


@pytest.mark.parametrize("view,status", [(defaults.bad_request, 400), (defaults.server_error, 500)])
def test_the_error_pages_without_a_route_are_english(view: Callable, status: int) -> None:  # type: ignore[type-arg]
    request = RequestFactory().get("/")
    with translation.override("en"):
        response = view(request, Exception()) if status == 400 else view(request)
        _check(f"the {status} page", response.status_code, status, response.content.decode())


# Routes of the URL conf that are not pages to read, each with why; every other route is opened above.
DOCUMENT = "a legal document or its signed scan: Vietnamese by design"
FILE = "a file or feed, not a page"
ACTION = "an action (POST) that answers with a redirect to a page opened here"
NOT_OPENED = {
    "awards-decision-docx": DOCUMENT,
    "awards-decision-certificates": DOCUMENT,
    "proposals-document": DOCUMENT,
    "proposals-file": DOCUMENT,
    "reports-download": DOCUMENT,
    "awards-decision-export-csv": FILE,
    "awards-decision-export-xlsx": FILE,
    "initiatives-export-csv": FILE,
    "initiatives-export-xlsx": FILE,
    "orgs-unit-export-csv": FILE,
    "orgs-unit-export-xlsx": FILE,
    "reviews-queue-export-csv": FILE,
    "reviews-queue-export-xlsx": FILE,
    "keytasks-export": FILE,
    "rounds-export": FILE,
    "imports-template": FILE,
    "library-export": FILE,
    "library-feed": FILE,
    "library-image": FILE,
    "initiatives-attachment": FILE,
    "initiatives-thumbnail": FILE,
    "sitemap": FILE,
    "orgs-unit-picker": "JSON for the unit picker's type-ahead (names of units: data)",
    "notifications-badge": "the unread count, a number",
    "accounts-login-otp": "only between the password and the second factor",
    "accounts-logout": ACTION,
    "set_language": ACTION,
    "awards-decision-issue": ACTION,
    "conferences-news-publish": ACTION,
    "imports-job-retry": ACTION,
    "imports-job-write": ACTION,
    "initiatives-attachment-remove": ACTION,
    "initiatives-attachment-upload": ACTION,
    "initiatives-send": ACTION,
    "library-withhold": ACTION,
    "notifications-open": ACTION,
    "notifications-read-all": ACTION,
    "proposals-submit": ACTION,
    "proposals-upload": ACTION,
    "reports-retry": ACTION,
    "reviews-bulk-recognize": ACTION,
    "rounds-close": ACTION,
    "rounds-review": ACTION,
}


def _named_routes(patterns: list[URLPattern | URLResolver], skip: tuple[str, ...]) -> Iterator[str]:
    for pattern in patterns:
        if isinstance(pattern, URLResolver):
            if not str(pattern.pattern).startswith(skip):
                yield from _named_routes(pattern.url_patterns, skip)
        elif pattern.name:
            yield pattern.name


@pytest.mark.django_db
def test_every_page_of_the_url_conf_is_opened_in_english(day: DemoDay) -> None:
    """A new page fails here until it is added to PAGES (or SENT), or to NOT_OPENED with its reason."""
    opened = {
        resolve(urlsplit(item.url(day)).path).url_name
        for item in [*PAGES, *SENT]
        if getattr(item, "status", 200) != 404
    }
    routes = set(_named_routes(get_resolver().url_patterns, skip=("api/", "quan-tri/")))
    not_opened = sorted(routes - opened - set(NOT_OPENED))
    assert not_opened == [], "routes opened by no test here:\n" + "\n".join(not_opened)
    assert sorted(set(NOT_OPENED) - routes) == []


def test_the_check_finds_a_vietnamese_sentence_and_only_that() -> None:
    """The check itself: the catalogue is read, placeholders split off, markup and data ignored."""
    assert len(SENTENCES) > 1000
    assert "Không có quyền xem trang này" in SENTENCES
    page = (
        '<html lang="en"><head><style>.x{}</style><script>var s = "Không có quyền xem trang này";</script></head>'
        "<body><h1>Xã Thanh Thủy</h1><p title='Trang này thuộc đơn vị hoặc vai trò khác với của bạn.'>ok</p>"
        "<p>Không có quyền\n   xem <b>trang</b> này</p></body></html>"
    )
    found = vietnamese_sentences(page)
    assert "Không có quyền xem trang này" in found
    assert all("Thanh Thủy" not in piece for piece in found)
    assert vietnamese_sentences('<html lang="en"><h1>Xã Thanh Thủy</h1><p>You may not see this page</p></html>') == []
