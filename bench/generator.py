"""A realistic nationwide data set over the real unit tree, deterministic for a seed.

What it makes (`uv run danvan generate --initiatives 1000000 --seed 1`):

- Units: below each of today's 3,321 communes, its villages or residential groups (12 to 36)
  and its bodies (Fatherland Front, mass organisations, police, school, health station); beside
  each province, its provincial bodies. About 100,000 units in all with the real tree.
- People: for each commune an officer, a reviewer and an approver; for each province an admin,
  a reviewer, an approver and a viewer; a central reviewer and approver. Their usernames are
  `bench-<unit code>-<role>`; they cannot log in with a password (the benchmark logs them in).
- Initiatives over 2016–2026 (growing from about 65,000 to 110,000 a year), about 70 %
  collective, in the four fields; most registered at commune level. Before 2025 they are
  historical entries (registered, recognised or not recognised); 2025–2026 ones went through
  the workflow and some are still in it (drafts, registered, under review, returned).
  About half are recognised, a tenth of those at province level, a few percent exemplary;
  6 % replicate an earlier recognised one. Records before 1 July 2025 partly belong to the
  dissolved districts and provinces, so that successor roll-ups have work to do.
- Events: every initiative's history, consistent with the workflow table (register, submit,
  recognise, forward, return, reject, mark exemplary, or one historical entry).

The unit tree and the people do not depend on the seed and are added only where missing, so a
second run with another seed reuses them. Initiatives and events need empty tables, or
`flush=True` (which also empties every table that refers to them). Never on a production
database: with DANVAN_ENV=production it refuses to run at all (`bench.safety`).
"""

import base64
import bisect
import datetime
import os
import random
import resource
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from decimal import Decimal
from functools import lru_cache
from io import StringIO
from pathlib import Path
from typing import Any

from django.core.management import call_command, get_commands
from django.db import connection, transaction

from bench import bulk, vocab
from bench.safety import refuse_in_production
from danvan.accounts.models import User
from danvan.awards.models import (
    Award,
    AwardForm,
    Decision,
    DecisionEvent,
    DecisionStatus,
    NumberForm,
    decision_search_text,
)
from danvan.core.formatting import vn_number
from danvan.core.text import fold
from danvan.initiatives.models import Initiative, InitiativeEvent, Status
from danvan.library.models import PublicEntry, facets_for, sort_key_for
from danvan.movements.models import Field, InitiativeKind
from danvan.movements.selectors import criteria_set_for
from danvan.orgs.loading import ROOT_CODE, load_units
from danvan.orgs.models import Level, Membership, Role, Unit
from danvan.reviews.models import Review, ReviewScore

FIRST_YEAR, LAST_YEAR = 2016, 2026
# Relative number of registrations per year: the movement grows, 2026 is not over.
YEAR_WEIGHTS = {2016: 6.5, 2017: 7, 2018: 7.5, 2019: 8, 2020: 8.5, 2021: 9, 2022: 9.5, 2023: 10, 2024: 10.5,
                2025: 11, 2026: 9}  # fmt: skip
AS_OF = datetime.date(2026, 11, 15)  # the data set's "today": fixed, so a seed gives the same rows
AS_OF_MOMENT = datetime.datetime(2026, 11, 15, 2, tzinfo=datetime.UTC)
LIVE_FROM_YEAR = 2025  # registrations from this year on went through danvan's workflow
CHUNK = 20_000
FIELD_WEIGHTS = {"economy": 0.32, "culture_society": 0.30, "defence_security": 0.18, "political_system": 0.20}
COLLECTIVE_SHARE = 0.70
REPLICA_SHARE = 0.06
# Final statuses of historical entries, and statuses of live registrations by year.
HISTORICAL_STATUS = [(Status.RECOGNIZED, 0.52), (Status.NOT_RECOGNIZED, 0.13), (Status.REGISTERED, 0.35)]
LIVE_STATUS = {
    2025: [(Status.RECOGNIZED, 0.56), (Status.NOT_RECOGNIZED, 0.13), (Status.REGISTERED, 0.13),
           (Status.UNDER_REVIEW, 0.12), (Status.RETURNED, 0.04), (Status.DRAFT, 0.02)],
    2026: [(Status.RECOGNIZED, 0.42), (Status.NOT_RECOGNIZED, 0.08), (Status.REGISTERED, 0.16),
           (Status.UNDER_REVIEW, 0.22), (Status.RETURNED, 0.06), (Status.DRAFT, 0.06)],
}  # fmt: skip
# Recognised above the registration level: a tenth of the recognised go to the province.
HIGHER_RECOGNITION: dict[str, float] = {Level.COMMUNE: 0.10, Level.DISTRICT: 0.12, Level.PROVINCE: 0.04}
CENTRAL_SHARE_OF_HIGHER = 0.08
EXEMPLARY_SHARE: dict[str, float] = {
    Level.COMMUNE: 0.05,
    Level.DISTRICT: 0.06,
    Level.PROVINCE: 0.22,
    Level.CENTRAL: 0.5,
}
LEGACY_SHARE = {2025: 0.08}  # share of a year's records on dissolved units; 0.22 before 2025
PROVINCE_LEVEL_SHARE = 0.04  # records of provincial bodies, registered at province level

INITIATIVE_FIELDS = [
    "id", "created_at", "updated_at", "title", "kind", "field", "unit", "year", "registered_level",
    "person_name", "person_position", "person_unit", "summary", "problem", "content", "start_date",
    "end_date", "results", "status", "review_level", "recognized_level", "recognized_on", "exemplary",
    "replicated_from", "historical", "public_key", "search_text", "created_by",
]  # fmt: skip
EVENT_FIELDS = ["id", "initiative", "action", "at", "by", "from_status", "to_status", "level", "note"]
UNIT_FIELDS = ["created_at", "updated_at", "code", "name", "name_folded", "kind", "parent", "path", "depth", "level"]
USER_FIELDS = ["username", "full_name", "position", "password", "is_active", "date_joined", "first_name", "last_name"]
MEMBERSHIP_FIELDS = ["created_at", "updated_at", "user", "unit", "role"]

COMMUNE_ROLES = [Role.OFFICER, Role.REVIEWER, Role.APPROVER]
PROVINCE_ROLES = [Role.ADMIN, Role.REVIEWER, Role.APPROVER, Role.VIEWER]
CENTRAL_ROLES = [Role.REVIEWER, Role.APPROVER, Role.VIEWER]
STAMP = datetime.datetime(2026, 11, 1, 8, 0, tzinfo=datetime.UTC)


def bench_username(unit_code: str, role: str) -> str:
    return f"bench-{unit_code}-{role}"


# The tables the generator fills whole (and empties with `flush`).
LOADED = [Initiative, InitiativeEvent, Review, ReviewScore, Decision, DecisionEvent, Award, PublicEntry]


@dataclass
class Summary:
    units_created: int = 0
    users_created: int = 0
    initiatives: int = 0
    events: int = 0
    reviews: int = 0
    public: int = 0
    decisions: int = 0
    awards: int = 0
    by_status: dict[str, int] = field(default_factory=dict)
    seconds: dict[str, float] = field(default_factory=dict)
    extras: list[str] = field(default_factory=list)


class GeneratorError(Exception):
    pass


# --- units and people ------------------------------------------------------------------------


def _unit_rows(villages: int) -> Iterator[tuple[Any, ...]]:
    """Villages and bodies under today's communes, bodies beside today's provinces.

    Independent of the seed: a fixed generator, and the tree's own order.
    """
    rng = random.Random(0)
    low, high = max(1, villages // 2), max(1, villages + villages // 2)
    communes = Unit.objects.filter(kind_id="commune", valid_to__isnull=True).order_by("code")
    for commune_id, code, name, path, depth, level in communes.values_list(
        "id", "code", "name", "path", "depth", "level"
    ):
        urban = name.startswith("Phường")
        words = vocab.VILLAGE_WORDS_URBAN if urban else vocab.VILLAGE_WORDS_RURAL
        word = words[rng.randrange(len(words))]
        for number in range(1, rng.randint(low, high) + 1):
            child = f"{code}-T{number:02d}"
            child_name = f"{word} {number}"
            yield (child, child_name, "village", commune_id, f"{path}{child}/", depth + 1, level)
        for suffix, pattern, kind in vocab.COMMUNE_BODIES:
            child = f"{code}-{suffix}"
            child_name = pattern.format(commune=name)
            yield (child, child_name, kind, commune_id, f"{path}{child}/", depth + 1, level)
    provinces = Unit.objects.filter(kind_id="province", valid_to__isnull=True).order_by("code")
    for province_id, code, name, path, depth, level in provinces.values_list(
        "id", "code", "name", "path", "depth", "level"
    ):
        short = name.removeprefix("Thành phố ").removeprefix("Tỉnh ")
        for suffix, pattern, kind in vocab.PROVINCE_BODIES:
            child = f"{code}-{suffix}"
            child_name = pattern.format(province=short)
            yield (child, child_name, kind, province_id, f"{path}{child}/", depth + 1, level)


def ensure_units(villages: int) -> int:
    existing = set(Unit.objects.filter(depth__gte=3).values_list("code", flat=True))
    table = bulk.table_for(Unit, UNIT_FIELDS)
    rows = [  # a list: no query may run on the connection while a COPY is open
        (STAMP, STAMP, code, name, fold(name), kind, parent, path, depth, level)
        for code, name, kind, parent, path, depth, level in _unit_rows(villages)
        if code not in existing
    ]
    return bulk.write(table, rows)


def _people_rows(units: list[tuple[str, str]], rng: random.Random) -> Iterator[tuple[str, str, str]]:
    for code, kind in units:
        roles = COMMUNE_ROLES if kind == "commune" else CENTRAL_ROLES if kind == "central" else PROVINCE_ROLES
        for role in roles:
            yield code, role, _person_name(rng)


def ensure_people() -> int:
    """Bench users and their roles, where missing."""
    units = list(
        Unit.objects.filter(kind_id__in=["central", "province", "commune"], valid_to__isnull=True)
        .order_by("code")
        .values_list("code", "kind_id")
    )
    existing = set(User.objects.filter(username__startswith="bench-").values_list("username", flat=True))
    wanted = [
        (code, role, name)
        for code, role, name in _people_rows(units, random.Random(0))
        if bench_username(code, role) not in existing
    ]
    if not wanted:
        return 0
    position: dict[str, str] = {Role.OFFICER: "Cán bộ", Role.REVIEWER: "Chuyên viên", Role.APPROVER: "Phó Trưởng ban"}
    bulk.write(
        bulk.table_for(User, USER_FIELDS),
        (
            (bench_username(code, role), name, position.get(role, "Chuyên viên"), "!bench", True, STAMP, "", "")
            for code, role, name in wanted
        ),
    )
    user_ids = dict(User.objects.filter(username__startswith="bench-").values_list("username", "id"))
    unit_ids = dict(Unit.objects.filter(code__in={c for c, _r, _n in wanted}).values_list("code", "id"))
    bulk.write(
        bulk.table_for(Membership, MEMBERSHIP_FIELDS),
        ((STAMP, STAMP, user_ids[bench_username(c, r)], unit_ids[c], r) for c, r, _n in wanted),
    )
    return len(wanted)


def _person_name(rng: random.Random) -> str:
    surname = vocab.SURNAMES[rng.randrange(len(vocab.SURNAMES))]
    middle = vocab.MIDDLE_NAMES[rng.randrange(len(vocab.MIDDLE_NAMES))]
    given = vocab.GIVEN_NAMES[rng.randrange(len(vocab.GIVEN_NAMES))]
    return f"{surname} {middle} {given}"


# --- the owners of initiatives ---------------------------------------------------------------


@dataclass
class Owner:
    id: int
    name: str
    name_folded: str
    parent_name: str
    place: str  # the commune (or the unit itself) named in a title
    place_folded: str
    level: str  # the level it registers at
    commune: int  # index into People.commune, -1 above a commune
    province: int  # index into People.province (a dissolved unit: its successor)
    legacy: bool
    issuers: dict[str, int]  # the unit that commends at each level


@dataclass
class People:
    commune: list[dict[str, int]]
    province: list[dict[str, int]]
    central: dict[str, int]


@dataclass
class Owners:
    today: list[Owner]  # villages and bodies of today's communes
    provincial: list[Owner]  # provincial bodies
    legacy: list[Owner]  # dissolved districts and provinces
    people: People
    provinces: list[tuple[int, str, str]]  # today's provinces (id, code, folded name), by People.province index


def load_owners() -> Owners:
    """Who registers: villages and bodies (not the communes themselves, whose reviewers would
    then review their own unit), provincial bodies, and the dissolved districts and provinces."""
    rows = list(
        Unit.objects.order_by("path").values_list(
            "id", "code", "name", "name_folded", "path", "level", "kind_id", "valid_to", "successor__code"
        )
    )
    by_path = {r[4]: r for r in rows}
    province_codes = sorted(r[1] for r in rows if r[6] == "province" and r[7] is None)
    commune_codes = sorted(r[1] for r in rows if r[6] == "commune" and r[7] is None)
    province_index = {c: i for i, c in enumerate(province_codes)}
    commune_index = {c: i for i, c in enumerate(commune_codes)}
    user_ids = dict(User.objects.filter(username__startswith="bench-").values_list("username", "id"))

    def staff(code: str, roles: list[Role]) -> dict[str, int]:
        return {role: user_ids[bench_username(code, role)] for role in roles}

    people = People(
        commune=[staff(c, COMMUNE_ROLES) for c in commune_codes],
        province=[staff(c, PROVINCE_ROLES) for c in province_codes],
        central=staff(ROOT_CODE, CENTRAL_ROLES),
    )
    province_rows = {r[1]: r for r in rows if r[6] == "province" and r[7] is None}
    provinces = [(province_rows[c][0], c, province_rows[c][3]) for c in province_codes]
    owners = Owners([], [], [], people, provinces)
    root_id = by_path[f"/{ROOT_CODE}/"][0]
    for unit_id, _code, name, name_folded, path, level, kind, valid_to, successor in rows:
        parts = path.strip("/").split("/")
        if len(parts) < 2:
            continue
        top = by_path[f"/{parts[0]}/{parts[1]}/"]
        parent = by_path["/" + "/".join(parts[:-1]) + "/"]
        if valid_to is not None:
            if successor in province_index:
                issuers: dict[str, int] = {Level.PROVINCE: top[0], Level.CENTRAL: root_id}
                if kind == "district":
                    issuers[Level.DISTRICT] = unit_id
                owners.legacy.append(
                    Owner(
                        unit_id,
                        name,
                        name_folded,
                        parent[2],
                        name,
                        name_folded,
                        level,
                        -1,
                        province_index[successor],
                        True,
                        issuers,
                    )
                )
            continue
        if len(parts) < 3:
            continue
        province = province_index[top[1]]
        third = by_path[f"/{parts[0]}/{parts[1]}/{parts[2]}/"]
        if len(parts) == 4 and third[6] == "commune":
            issuers = {Level.COMMUNE.value: third[0], Level.PROVINCE: top[0], Level.CENTRAL: root_id}
            owners.today.append(
                Owner(
                    unit_id,
                    name,
                    name_folded,
                    third[2],
                    third[2],
                    third[3],
                    Level.COMMUNE,
                    commune_index[third[1]],
                    province,
                    False,
                    issuers,
                )
            )
        elif len(parts) == 3 and level == Level.PROVINCE and kind != "commune":
            issuers = {Level.PROVINCE: top[0], Level.CENTRAL: root_id}
            owners.provincial.append(
                Owner(unit_id, name, name_folded, top[2], name, name_folded, level, -1, province, False, issuers)
            )
    if not owners.today or not owners.provincial:
        raise GeneratorError("Cây đơn vị chưa có thôn, cơ quan dưới xã và tỉnh: hãy chạy `danvan load_units` trước.")
    return owners


# --- initiatives, their history and their score sheets ----------------------------------------------------------


# A criteria set's id and its criteria as (id, weight, max score).
Criteria = tuple[int, list[tuple[int, Decimal, int]]]


def load_criteria() -> dict[str, Criteria]:
    found: dict[str, Criteria] = {}
    for kind in InitiativeKind.values:
        criteria_set = criteria_set_for(kind=kind, programme_id=None)
        if criteria_set is None:
            raise GeneratorError(f"Chưa có bộ tiêu chí cho loại “{kind}”: hãy chạy `danvan migrate`.")
        rows = criteria_set.criteria.order_by("sort", "pk").values_list("id", "weight", "max_score")
        found[kind] = (criteria_set.pk, [(pk, Decimal(weight), int(top)) for pk, weight, top in rows])
    return found


@dataclass
class Commendable:
    """An exemplary initiative, to be commended by the unit of the level that recognised it."""

    initiative: int
    recognized_on: datetime.date
    issuer: int
    approver: int | None
    level: str
    kind: str
    recipient_name: str
    position: str
    unit_name: str
    achievement: str


def _cumulative(pairs: list[tuple[Any, float]]) -> tuple[list[Any], list[float]]:
    values, cumulative, total = [], [], 0.0
    for value, weight in pairs:
        total += weight
        values.append(value)
        cumulative.append(total)
    return values, [c / total for c in cumulative]


def year_counts(total: int) -> dict[int, int]:
    weight_sum = sum(YEAR_WEIGHTS.values())
    counts = {year: int(total * w / weight_sum) for year, w in YEAR_WEIGHTS.items()}
    counts[LAST_YEAR - 1] += total - sum(counts.values())
    return counts


@lru_cache(maxsize=200_000)
def _folded(text: str) -> str:
    return fold(text)


class InitiativeMaker:
    """Makes initiative rows and their event rows, one year after another."""

    def __init__(
        self, owners: Owners, rng: random.Random, field_codes: list[str], criteria: dict[str, Criteria]
    ) -> None:
        self.owners = owners
        self.rng = rng
        self.fields, self.field_cum = _cumulative([(c, FIELD_WEIGHTS.get(c, 0.05)) for c in field_codes])
        self.historical_status = _cumulative(HISTORICAL_STATUS)
        self.live_status = {year: _cumulative(pairs) for year, pairs in LIVE_STATUS.items()}
        self.recognized: list[int] = []
        self.exemplary: list[int] = []
        self.next_event_id = 1
        self.next_review_id = 1
        self.by_status: dict[str, int] = {}
        self.criteria = criteria
        self.reviews: list[tuple[Any, ...]] = []  # drained after each chunk
        self.scores: list[tuple[Any, ...]] = []
        self.public: list[tuple[Any, ...]] = []
        self.commendable: list[Commendable] = []  # exemplary ones, commended once all are made

    def _pick(self, values: list[Any], cumulative: list[float]) -> Any:
        return values[bisect.bisect_left(cumulative, self.rng.random())]

    def _owner(self, year: int) -> Owner:
        rng = self.rng
        legacy_share = 0.22 if year < LIVE_FROM_YEAR else LEGACY_SHARE.get(year, 0.0)
        draw = rng.random()
        if draw < legacy_share:
            pool = self.owners.legacy
        elif draw < legacy_share + PROVINCE_LEVEL_SHARE:
            pool = self.owners.provincial
        else:
            pool = self.owners.today
        return pool[int(rng.random() * len(pool))]

    def _title(self, field_code: str, owner: Owner, individual: bool, person: str) -> tuple[str, str]:
        rng = self.rng
        if individual:
            deeds = vocab.DEEDS[field_code] if field_code in vocab.DEEDS else vocab.DEEDS["political_system"]
            deed = deeds[int(rng.random() * len(deeds))]
            head = f"{person} {deed}"
            return head, _folded(head)
        topics = vocab.TOPICS.get(field_code, vocab.TOPICS["political_system"])
        topic = topics[int(rng.random() * len(topics))]
        form = vocab.TITLE_FORMS[int(rng.random() * len(vocab.TITLE_FORMS))]
        if "{place}" in form:
            head = form.split(" {place}")[0].format(topic=topic)
            head_folded = _folded(head)
            return f"{head} {owner.place}", f"{head_folded} {owner.place_folded}"
        title = form.format(topic=topic, topic_lower=topic[0].lower() + topic[1:])
        return title, _folded(title)

    def _summary(self, field_code: str) -> tuple[str, str, str]:
        rng = self.rng
        results = vocab.RESULTS.get(field_code, vocab.RESULTS["political_system"])
        result = results[int(rng.random() * len(results))]
        form = vocab.SUMMARY_FORMS[int(rng.random() * len(vocab.SUMMARY_FORMS))]
        summary = form.format(
            households=10 * (3 + int(rng.random() * 60)),
            months=3 + int(rng.random() * 21),
            money=50 * (1 + int(rng.random() * 40)),
            result=result,
        )
        return summary, _folded(summary), result[0].upper() + result[1:] + "."

    def make(self, pk: int, year: int) -> tuple[tuple[Any, ...], list[tuple[Any, ...]]]:
        """One initiative row and its event rows."""
        rng = self.rng
        people = self.owners.people
        owner = self._owner(year)
        field_code = self._pick(self.fields, self.field_cum)
        individual = rng.random() >= COLLECTIVE_SHARE
        person = position = person_unit = ""
        if individual:
            person = _person_name(rng)
            position = vocab.POSITIONS[int(rng.random() * len(vocab.POSITIONS))]
            person_unit = owner.name
        kind = InitiativeKind.INDIVIDUAL if individual else InitiativeKind.COLLECTIVE
        title, title_folded = self._title(field_code, owner, individual, person)
        summary, summary_folded, results = self._summary(field_code)
        search_parts = [title_folded]
        if person:
            search_parts.append(_folded(person))
        search_parts += [owner.name_folded, summary_folded]
        level = owner.level
        historical = owner.legacy or year < LIVE_FROM_YEAR
        values, cumulative = self.historical_status if historical else self.live_status[year]
        status = self._pick(values, cumulative)
        registered_day = datetime.date(year, 1, 10) + datetime.timedelta(days=int(rng.random() * 200))
        if registered_day > AS_OF:
            registered_day = AS_OF - datetime.timedelta(days=30)
        created_at = datetime.datetime(
            registered_day.year,
            registered_day.month,
            registered_day.day,
            1 + int(rng.random() * 9),
            tzinfo=datetime.UTC,
        )
        start_date = registered_day - datetime.timedelta(days=int(rng.random() * 120))
        end_date = (
            start_date + datetime.timedelta(days=365 * (1 + int(rng.random() * 3))) if rng.random() < 0.6 else None
        )
        review_level = recognized_level = ""
        recognized_on = None
        exemplary = False
        forwarded_to = ""  # under review above a lower recognition
        if status == Status.RECOGNIZED:
            recognized_level = level
            if rng.random() < HIGHER_RECOGNITION.get(level, 0.0):
                recognized_level = Level.CENTRAL if rng.random() < CENTRAL_SHARE_OF_HIGHER else Level.PROVINCE
            review_level = recognized_level
            recognized_on = min(
                registered_day + datetime.timedelta(days=60 + int(rng.random() * 240)), AS_OF - datetime.timedelta(1)
            )
            exemplary = rng.random() < EXEMPLARY_SHARE.get(recognized_level, 0.0)
        elif status in (Status.UNDER_REVIEW, Status.RETURNED, Status.NOT_RECOGNIZED):
            review_level = level
            if status == Status.UNDER_REVIEW and level == Level.COMMUNE and rng.random() < 0.2:
                # Recognised by the commune, now before the province.
                recognized_level, forwarded_to, review_level = level, Level.PROVINCE, Level.PROVINCE
                recognized_on = min(registered_day + datetime.timedelta(days=60), AS_OF - datetime.timedelta(2))
        replicated_from = None
        if year >= 2018 and self.recognized and rng.random() < REPLICA_SHARE:
            pool = self.exemplary if self.exemplary and rng.random() < 0.6 else self.recognized
            replicated_from = pool[int(rng.random() * len(pool))]
        if status == Status.RECOGNIZED:
            self.recognized.append(pk)
            if exemplary:
                self.exemplary.append(pk)
        self.by_status[status] = self.by_status.get(status, 0) + 1
        if status == Status.RECOGNIZED and recognized_on is not None:
            # The public library's row, as `library.services.library_rebuild` makes it; the
            # replica counts and (on PostgreSQL) the search vectors are filled in SQL afterwards.
            province_id, province_code, province_folded = self.owners.provinces[owner.province]
            facets = facets_for(
                province_code=province_code,
                field_id=field_code,
                year=recognized_on.year,
                kind=kind,
                level=recognized_level,
                exemplary=exemplary,
            )
            self.public.append(
                (
                    pk,
                    province_id,
                    field_code,
                    kind,
                    recognized_level,
                    recognized_on,
                    recognized_on.year,
                    exemplary,
                    sort_key_for(recognized_on, pk),
                    0,
                    title_folded,
                    " ".join([*search_parts, province_folded]),
                    facets,
                    AS_OF_MOMENT,
                )
            )
        owner_user = people.commune[owner.commune][Role.OFFICER] if owner.commune >= 0 else None
        province_staff = people.province[owner.province]
        if historical or owner_user is None:
            owner_user = province_staff[Role.ADMIN]
        key = base64.urlsafe_b64encode(rng.randbytes(9)).decode()
        events = self._events(
            pk,
            kind,
            owner,
            status,
            historical,
            created_at,
            recognized_on,
            level,
            recognized_level,
            review_level,
            forwarded_to,
            exemplary,
            owner_user,
        )
        updated_at = events[-1][3]
        if exemplary and recognized_on is not None:
            self.commendable.append(
                Commendable(
                    pk,
                    recognized_on,
                    owner.issuers.get(recognized_level, owner.issuers[Level.PROVINCE]),
                    self._reviewer(owner, recognized_level, Role.APPROVER) if not owner.legacy else None,
                    recognized_level,
                    kind,
                    person or owner.name,
                    position,
                    person_unit if individual else owner.parent_name,
                    f"điển hình “{title}”" if individual else f"mô hình “{title}”",
                )
            )
        row = (
            pk,
            created_at,
            updated_at,
            title,
            kind,
            field_code,
            owner.id,
            year,
            level,
            person,
            position,
            person_unit,
            summary,
            "",
            vocab.CONTENT,
            start_date,
            end_date,
            results,
            status,
            review_level,
            recognized_level,
            recognized_on,
            exemplary,
            replicated_from,
            historical,
            key,
            " ".join(search_parts),
            owner_user,
        )
        return row, events

    def _review(self, pk: int, kind: str, level: str, reviewer: int | None, at: datetime.datetime) -> str:
        """A score sheet (Review and its ReviewScores); returns the note of its event."""
        criteria_set, criteria = self.criteria[kind]
        rng = self.rng
        review_id = self.next_review_id
        self.next_review_id += 1
        total = max_total = Decimal(0)
        for criterion_id, weight, max_score in criteria:
            value = max_score // 2 + int(rng.random() * (max_score - max_score // 2 + 1))
            self.scores.append((review_id, criterion_id, value))
            total += value * weight
            max_total += max_score * weight
        self.reviews.append((review_id, at, at, pk, level, reviewer, criteria_set, "", total, max_total))
        return f"Tổng điểm {vn_number(total, 2)}/{vn_number(max_total, 2)}."

    def _reviewer(self, owner: Owner, level: str, role: str) -> int | None:
        people = self.owners.people
        if level == Level.COMMUNE and owner.commune >= 0:
            return people.commune[owner.commune][role]
        if level == Level.CENTRAL:
            return people.central[role]
        return people.province[owner.province][role]

    def _events(
        self,
        pk: int,
        kind: str,
        owner: Owner,
        status: str,
        historical: bool,
        created_at: datetime.datetime,
        recognized_on: datetime.date | None,
        level: str,
        recognized_level: str,
        review_level: str,
        forwarded_to: str,
        exemplary: bool,
        owner_user: int,
    ) -> list[tuple[Any, ...]]:
        rng = self.rng
        events: list[tuple[Any, ...]] = []
        at = created_at

        def add(action: str, by: int | None, before: str, after: str, at_level: str, note: str = "") -> None:
            events.append((self.next_event_id, pk, action, at, by, before, after, at_level, note))
            self.next_event_id += 1

        def score(at_level: str, when: datetime.datetime) -> None:
            """A reviewer of the level scores the criteria a little before the decision."""
            nonlocal at
            reviewer = self._reviewer(owner, at_level, Role.REVIEWER)
            saved, at = at, when - datetime.timedelta(hours=20)
            add("score", reviewer, Status.UNDER_REVIEW, Status.UNDER_REVIEW, at_level,
                self._review(pk, kind, at_level, reviewer, at))  # fmt: skip
            at = saved

        if historical:
            note = vocab.NOTES["historical_entry"]
            add("historical_entry", owner_user, "", status, recognized_level or level, note)
            return events
        if status == Status.DRAFT:
            add("create", owner_user, "", Status.DRAFT, level)
            return events
        add("register", owner_user, "", Status.REGISTERED, level)
        if status == Status.REGISTERED:
            return events
        at += datetime.timedelta(days=1 + int(rng.random() * 20), hours=2)
        add("submit", owner_user, Status.REGISTERED, Status.UNDER_REVIEW, level)
        decided = (
            datetime.datetime.combine(recognized_on, datetime.time(2), tzinfo=datetime.UTC)
            if recognized_on
            else at + datetime.timedelta(days=20 + int(rng.random() * 40))
        )
        if status == Status.RETURNED:
            score(level, decided)
            at = decided
            add("return", self._reviewer(owner, level, Role.REVIEWER), Status.UNDER_REVIEW, Status.RETURNED, level,
                vocab.NOTES["return"])  # fmt: skip
            return events
        if status == Status.NOT_RECOGNIZED:
            score(level, decided)
            at = decided
            add("reject", self._reviewer(owner, level, Role.REVIEWER), Status.UNDER_REVIEW, Status.NOT_RECOGNIZED,
                level, vocab.NOTES["reject"])  # fmt: skip
            return events
        if status == Status.UNDER_REVIEW and not forwarded_to:
            if rng.random() < 0.5:  # half the queue is scored already
                score(level, min(at + datetime.timedelta(days=5), AS_OF_MOMENT))
            return events
        # Recognised at the registration level, then forwarded up while it goes higher.
        chain = [level]
        target = forwarded_to or recognized_level
        if target != level:
            chain += [lv for lv in (Level.PROVINCE, Level.CENTRAL) if lv != level][
                : 1 if target == Level.PROVINCE or level == Level.PROVINCE else 2
            ]
        # The last recognition falls on `recognized_on`; a forwarded one was recognised on it below.
        at = decided if forwarded_to else decided - datetime.timedelta(days=10 * (len(chain) - 1))
        for i, at_level in enumerate(chain):
            if i > 0:
                at += datetime.timedelta(days=3)
                add("forward", self._reviewer(owner, chain[i - 1], Role.REVIEWER), Status.RECOGNIZED,
                    Status.UNDER_REVIEW, at_level)  # fmt: skip
                if forwarded_to:
                    return events
                at += datetime.timedelta(days=7)
            score(at_level, at)
            add("recognize", self._reviewer(owner, at_level, Role.APPROVER), Status.UNDER_REVIEW, Status.RECOGNIZED,
                at_level)  # fmt: skip
        if exemplary:
            at += datetime.timedelta(days=5)
            add("mark_exemplary", self._reviewer(owner, recognized_level, Role.APPROVER), Status.RECOGNIZED,
                Status.RECOGNIZED, recognized_level)  # fmt: skip
        return events


# --- commendation decisions -----------------------------------------------------------------

AWARD_FORM_OF_LEVEL: dict[str, str] = {
    Level.COMMUNE: "giay_khen",
    Level.DISTRICT: "giay_khen",
    Level.PROVINCE: "bang_khen",
    Level.CENTRAL: "bang_khen_thu_tuong",
}
SIGNER_TITLE: dict[str, str] = {
    Level.COMMUNE: "Chủ tịch Ủy ban nhân dân xã",
    Level.DISTRICT: "Chủ tịch Ủy ban nhân dân huyện",
    Level.PROVINCE: "Chủ tịch Ủy ban nhân dân tỉnh",
    Level.CENTRAL: "Thủ tướng Chính phủ",
}
CODE_ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"
DECISION_FIELDS = [
    "id", "created_at", "updated_at", "number", "number_form", "date", "year", "issuer_unit", "signer_name",
    "signer_title", "award_form", "title", "legal_bases", "proposal", "status", "issued_at", "issued_by",
    "created_by", "search_text",
]  # fmt: skip
DECISION_EVENT_FIELDS = ["decision", "action", "at", "by", "note"]
AWARD_FIELDS = [
    "created_at", "updated_at", "decision", "initiative", "recipient_name", "recipient_kind", "position",
    "unit_name", "achievement", "certificate_code", "sort",
]  # fmt: skip
REVIEW_FIELDS = ["id", "created_at", "updated_at", "initiative", "level", "reviewer", "criteria_set", "comment",
                 "total", "max_total"]  # fmt: skip
SCORE_FIELDS = ["review", "criterion", "score"]


def commendations(
    commendable: list[Commendable], rng: random.Random
) -> tuple[list[tuple[Any, ...]], list[tuple[Any, ...]], list[tuple[Any, ...]]]:
    """One decision a year per commending unit, for the exemplary initiatives it recognised that
    year. Returns the rows of decisions, of their events and of their awards."""
    forms = dict(AwardForm.objects.values_list("code", "id"))
    groups: dict[tuple[int, int], list[Commendable]] = {}
    for item in commendable:
        groups.setdefault((item.issuer, item.recognized_on.year), []).append(item)
    decisions: list[tuple[Any, ...]] = []
    events: list[tuple[Any, ...]] = []
    awards: list[tuple[Any, ...]] = []
    codes: set[str] = set()
    issuer_names = dict(Unit.objects.filter(pk__in={issuer for issuer, _ in groups}).values_list("pk", "name"))
    for decision_id, ((issuer, year), items) in enumerate(sorted(groups.items()), start=1):
        level = items[0].level
        day = min(max(max(i.recognized_on for i in items), datetime.date(year, 12, 20)), AS_OF)
        at = datetime.datetime(day.year, day.month, day.day, 2, tzinfo=datetime.UTC)
        suffix = "QĐ-TTg" if level == Level.CENTRAL else "QĐ-UBND"
        approver = items[0].approver
        number = f"{100 + int(rng.random() * 3900)}/{suffix}"
        title = f"Về việc khen thưởng mô hình, điển hình “Dân vận khéo” năm {year}"
        decisions.append(
            (
                decision_id,
                at,
                at,
                number,
                NumberForm.STATE,
                day,
                year,
                issuer,
                _person_name(rng),
                SIGNER_TITLE[level],
                forms[AWARD_FORM_OF_LEVEL[level]],
                title,
                "Căn cứ Luật Thi đua, khen thưởng năm 2022;",
                "Trưởng Ban Thi đua - Khen thưởng",
                DecisionStatus.ISSUED,
                at,
                approver,
                approver,
                decision_search_text(number=number, issuer=issuer_names[issuer], title=title),
            )
        )
        events.append((decision_id, "create", at - datetime.timedelta(days=3), approver, ""))
        events.append((decision_id, "issue", at, approver, ""))
        for sort, item in enumerate(items, start=1):
            code = "".join(CODE_ALPHABET[int(rng.random() * 32)] for _ in range(10))
            while code in codes:
                code = "".join(CODE_ALPHABET[int(rng.random() * 32)] for _ in range(10))
            codes.add(code)
            awards.append(
                (
                    at,
                    at,
                    decision_id,
                    item.initiative,
                    item.recipient_name,
                    item.kind,
                    item.position,
                    item.unit_name,
                    item.achievement[:500],
                    code,
                    sort,
                )
            )
    return decisions, events, awards


PUBLIC_FIELDS = ["initiative", "province", "field", "kind", "recognized_level", "recognized_on", "year",
                 "exemplary", "sort_key", "replica_count", "title_folded", "search_text", "facets",
                 "updated_at"]  # fmt: skip


def library_finish() -> None:
    """What `library_rebuild` computes over all rows: how often each one was replicated (the search
    vectors are the database's work: a trigger, library migration 0003)."""
    entries = connection.ops.quote_name(PublicEntry._meta.db_table)
    initiatives = connection.ops.quote_name(Initiative._meta.db_table)
    with connection.cursor() as cursor:
        cursor.execute(
            f"UPDATE {entries} SET replica_count = c.n FROM (SELECT replicated_from_id AS original, "  # noqa: S608
            f"COUNT(*) AS n FROM {initiatives} WHERE status = %s AND replicated_from_id IS NOT NULL "
            f"GROUP BY replicated_from_id) AS c WHERE {entries}.initiative_id = c.original",
            [Status.RECOGNIZED],
        )


def _chunks(maker: InitiativeMaker, counts: dict[int, int]) -> Iterator[tuple[list[Any], list[Any]]]:
    pk = 1
    rows: list[Any] = []
    events: list[Any] = []
    for year in sorted(counts):
        for _ in range(counts[year]):
            row, row_events = maker.make(pk, year)
            rows.append(row)
            events.extend(row_events)
            pk += 1
            if len(rows) >= CHUNK:
                yield rows, events
                rows, events = [], []
    if rows:
        yield rows, events


def generate(
    *,
    initiatives: int,
    seed: int,
    villages: int = 21,
    flush: bool = False,
    say: Callable[[str], None] = lambda _line: None,
) -> Summary:
    """Fill the database (see the module's docstring). Runs in one transaction. Refused when
    DANVAN_ENV is production: every run empties the tables it fills (ProductionRefused)."""
    refuse_in_production("xóa và sinh lại dữ liệu thử (danvan generate)")
    summary = Summary()
    started = time.perf_counter()

    def lap(name: str) -> None:
        nonlocal started
        now = time.perf_counter()
        summary.seconds[name] = now - started
        started = now

    with transaction.atomic():
        if not Unit.objects.filter(code=ROOT_CODE).exists():
            load_units()
            say("Đã nạp cây đơn vị thật.")
        existing = Initiative.objects.count()
        if existing and not flush:
            raise GeneratorError(
                f"Cơ sở dữ liệu đã có {existing} mô hình, điển hình. "
                "Thêm --flush để xóa chúng (cùng mọi dữ liệu tham chiếu tới chúng) và tạo lại."
            )
        bulk.empty(LOADED)
        summary.units_created = ensure_units(villages)
        summary.users_created = ensure_people()
        lap("units and people")
        owners = load_owners()
        field_codes = list(Field.objects.filter(active=True).order_by("sort", "code").values_list("code", flat=True))
        rng = random.Random(seed)
        maker = InitiativeMaker(owners, rng, field_codes, load_criteria())
        tables = {
            model: bulk.table_for(model, fields)
            for model, fields in [
                (Initiative, INITIATIVE_FIELDS),
                (InitiativeEvent, EVENT_FIELDS),
                (Review, REVIEW_FIELDS),
                (ReviewScore, SCORE_FIELDS),
                (Decision, DECISION_FIELDS),
                (DecisionEvent, DECISION_EVENT_FIELDS),
                (Award, AWARD_FIELDS),
                (PublicEntry, PUBLIC_FIELDS),
            ]
        }
        with bulk.indexes_dropped(LOADED):
            for rows, events in _chunks(maker, year_counts(initiatives)):
                summary.initiatives += bulk.write(tables[Initiative], rows)
                summary.events += bulk.write(tables[InitiativeEvent], events)
                summary.reviews += bulk.write(tables[Review], maker.reviews)
                bulk.write(tables[ReviewScore], maker.scores)
                summary.public += bulk.write(tables[PublicEntry], maker.public)
                maker.reviews, maker.scores, maker.public = [], [], []
                if summary.initiatives % 100_000 < CHUNK:
                    say(f"  {vn_number(summary.initiatives)} mô hình, {vn_number(summary.events)} sự kiện")
            decisions, decision_events, awards = commendations(maker.commendable, rng)
            summary.decisions = bulk.write(tables[Decision], decisions)
            bulk.write(tables[DecisionEvent], decision_events)
            summary.awards = bulk.write(tables[Award], awards)
            library_finish()
            lap("initiatives, events, reviews, decisions")
        lap("indexes and foreign keys")
        summary.by_status = dict(maker.by_status)
        bulk.reset_sequences([Unit, User, Membership, *LOADED])
        if _rebuild_statistics():
            lap("rebuild_counts")
        else:
            summary.extras.append("Chưa có thống kê tính sẵn (rebuild_counts): bỏ qua.")
    bulk.analyze([Unit, User, Membership, *LOADED])
    lap("analyze")
    if connection.vendor == "postgresql" and not connection.in_atomic_block:
        # Sets the visibility map, so counts can be answered from indexes alone.
        bulk.vacuum(LOADED)
        lap("vacuum")
    own, backend = cpu_seconds()
    summary.extras.append(
        f"CPU: {vn_number(own, 1)} giây tiến trình này"
        + (f", {vn_number(backend, 1)} giây tiến trình PostgreSQL phục vụ nó" if backend is not None else "")
    )
    return summary


def cpu_seconds() -> tuple[float, float | None]:
    """CPU time used so far by this process and by its PostgreSQL backend (when the server runs
    on this machine): what the run would take on an idle machine, without the other loads."""
    usage = resource.getrusage(resource.RUSAGE_SELF)
    backend: float | None = None
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_backend_pid()")
            stat = Path(f"/proc/{cursor.fetchone()[0]}/stat")
        if stat.exists():
            fields = stat.read_text().rsplit(")", 1)[1].split()
            backend = (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")
    return usage.ru_utime + usage.ru_stime, backend


def _rebuild_statistics() -> bool:
    """The pre-computed counts of the reports app, rebuilt from the rows just loaded. The old rows
    are truncated first: nobody reads during a bulk load, and deleting 3 million rows row by row
    (what `rebuild_counts` does, so that readers keep the old figures meanwhile) tripled its time."""
    if connection.vendor == "postgresql":
        from danvan.reports.models import StatCount

        with connection.cursor() as cursor:
            cursor.execute(f"TRUNCATE {connection.ops.quote_name(StatCount._meta.db_table)}")
    if "rebuild_counts" in get_commands():
        call_command("rebuild_counts", stdout=StringIO())
        return True
    try:
        from danvan.reports.counts import rebuild_counts
    except ImportError:
        return False
    rebuild_counts()
    return True
