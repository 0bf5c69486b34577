"""The API's authorisation matrix, generated from the OpenAPI schema: every operation, for every
role in the target's unit, in its parent, in a sibling and in another province, and without a
token. The expected status codes are those of ../shared/API.md (401 without a token, 403 outside
the scope, 404 for objects the caller may not know exist). An operation of the schema with no
expectation here fails the test.
"""

import itertools
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import pytest
from django.test import Client

from danvan.api.api import api
from danvan.api.services import api_token_create
from danvan.orgs.models import Membership
from danvan.orgs.services import unit_create
from tests.conftest import World, make_user, registered_initiative
from tests.test_authz_matrix import ACTORS, Actor

_counter = itertools.count()


@dataclass
class Ctx:
    world: World
    actor: Actor

    @property
    def unit(self) -> str:
        return self.world.village.code


# expected status for an actor
Expect = Callable[[Actor], int]


def any_token(status: int) -> Expect:
    return lambda a: status if a.role else 401


def over_target(roles: set[str], ok: int, inside: int = 403, outside: int = 403) -> Expect:
    """`ok` for `roles` held at the target's unit or above; `inside` for other roles that see the
    target; `outside` for actors whose scope does not reach it; 401 without a token."""

    def expect(a: Actor) -> int:
        if a.role is None:
            return 401
        if a.position in ("unit", "parent"):
            return ok if a.role in roles else inside
        return outside

    return expect


@dataclass
class Op:
    expect: Expect
    request: Callable[[Ctx], tuple[str, dict[str, Any] | None]]  # path (with query), JSON body


def _initiative_body(ctx: Ctx) -> dict[str, Any]:
    return {
        "title": f"Mô hình thử {next(_counter)}",
        "kind": "collective",
        "field": "economy",
        "unit": ctx.unit,
        "year": 2026,
        "registered_level": "commune",
    }


ALL_ROLES = {"officer", "admin", "reviewer", "approver", "viewer"}


def _decision_body(ctx: Ctx) -> dict[str, Any]:
    return {
        "number": f"{next(_counter) + 1}/QĐ-UBND",
        "date": "2026-05-01",
        "issuer_unit": ctx.unit,
        "signer_name": "Nguyễn Văn A",
        "signer_title": "Chủ tịch",
        "award_form": "giay_khen",
        "awards": [{"recipient_name": "Tổ tự quản số 1", "recipient_kind": "collective"}],
    }


def _others_report(ctx: Ctx) -> int:
    from danvan.reports.services import report_request

    return report_request(
        by=ctx.world.superuser, unit=ctx.world.village, year_from=2026, year_to=2026, format="xlsx"
    ).pk


def _fresh_initiative(ctx: Ctx) -> int:
    return registered_initiative(ctx.world).pk


STAFF = {"officer", "approver", "admin"}


def _round_at(ctx: Ctx, *, sent: bool = False) -> int:
    """A round of the target unit asking a fresh unit under it (sent by that unit when `sent`)."""
    return _round_and_child(ctx, sent=sent)[0]


def _review_path(ctx: Ctx) -> str:
    pk, child = _round_and_child(ctx, sent=True)
    return f"/api/v1/reporting-rounds/{pk}/submissions/{child}/review"


def _round_and_child(ctx: Ctx, *, sent: bool) -> tuple[int, str]:
    import datetime

    from danvan.rounds.models import IndicatorSet
    from danvan.rounds.services import SubmissionInput, round_open, submission_save

    su = ctx.world.superuser
    child = unit_create(by=su, code=f"R-{next(_counter)}", name="Tổ dân phố", kind="village", parent=ctx.world.village)
    the_round = round_open(
        by=su,
        unit=ctx.world.village,
        title="Đợt thử",
        date_from=datetime.date(2026, 1, 1),
        date_to=datetime.date(2026, 6, 30),
        due=datetime.date(2099, 1, 1),
        indicator_set=IndicatorSet.objects.get(code="dan-van"),
        units=[child],
    )
    if sent:
        submission_save(by=su, submission=the_round.submissions.get(), data=SubmissionInput({}, {}), send=True)
    return the_round.pk, child.code


def _round_asking_target(ctx: Ctx) -> int:
    """A round of the target's parent (the commune) asking the target unit (the village)."""
    import datetime

    from danvan.rounds.models import IndicatorSet
    from danvan.rounds.services import round_open

    return round_open(
        by=ctx.world.superuser,
        unit=ctx.world.commune,
        title="Đợt xã",
        date_from=datetime.date(2026, 1, 1),
        date_to=datetime.date(2026, 6, 30),
        due=datetime.date(2099, 1, 1),
        indicator_set=IndicatorSet.objects.get(code="dan-van"),
        units=[ctx.world.village],
    ).pk


def _new_round_body(ctx: Ctx) -> dict[str, Any]:
    child = unit_create(
        by=ctx.world.superuser, code=f"N-{next(_counter)}", name="Tổ mới", kind="village", parent=ctx.world.village
    )
    return {
        "unit": ctx.unit,
        "title": "Đợt mới",
        "date_from": "2026-01-01",
        "date_to": "2026-06-30",
        "due": "2026-07-05",
        "indicator_set": "dan-van",
        "units": [child.code],
    }


def _task_for_target(ctx: Ctx) -> int:
    import datetime

    from danvan.keytasks.services import task_create

    w = ctx.world
    return task_create(
        by=w.superuser, unit=w.commune, title="Đối thoại", owner_unit=w.village, due=datetime.date(2026, 6, 30)
    ).pk


def _admins_anywhere(status: int) -> Expect:
    return lambda a: 401 if a.role is None else (status if a.role == "admin" else 403)


OPERATIONS: dict[tuple[str, str], Op] = {
    ("get", "/api/v1/units"): Op(any_token(200), lambda c: ("/api/v1/units?q=doan+ket", None)),
    ("post", "/api/v1/units"): Op(
        over_target({"admin"}, 201),
        lambda c: (
            "/api/v1/units",
            {"code": f"M-{next(_counter)}", "name": "Tổ mới", "kind": "village", "parent": c.unit},
        ),
    ),
    ("get", "/api/v1/users"): Op(over_target({"admin"}, 200), lambda c: (f"/api/v1/users?unit={c.unit}", None)),
    ("post", "/api/v1/users"): Op(
        over_target({"admin"}, 201),
        lambda c: (
            "/api/v1/users",
            {
                "username": f"moi{next(_counter)}",
                "full_name": "Người Mới",
                "password": "mot-mat-khau-rat-dai-2026",
                "roles": [{"unit": c.unit, "role": "viewer"}],
            },
        ),
    ),
    ("get", "/api/v1/fields"): Op(any_token(200), lambda c: ("/api/v1/fields", None)),
    ("get", "/api/v1/initiatives"): Op(any_token(200), lambda c: ("/api/v1/initiatives", None)),
    ("post", "/api/v1/initiatives"): Op(
        over_target({"officer", "admin"}, 201), lambda c: ("/api/v1/initiatives", _initiative_body(c))
    ),
    ("get", "/api/v1/initiatives/{id}"): Op(
        over_target({"officer", "admin", "reviewer", "approver", "viewer"}, 200, outside=404),
        lambda c: (f"/api/v1/initiatives/{_fresh_initiative(c)}", None),
    ),
    ("post", "/api/v1/initiatives/{id}/actions"): Op(
        over_target({"officer", "admin"}, 200, inside=403, outside=404),
        lambda c: (f"/api/v1/initiatives/{_fresh_initiative(c)}/actions", {"action": "submit"}),
    ),
    ("post", "/api/v1/decisions"): Op(
        over_target({"approver", "admin"}, 201), lambda c: ("/api/v1/decisions", _decision_body(c))
    ),
    ("get", "/api/v1/decisions"): Op(any_token(200), lambda c: ("/api/v1/decisions", None)),
    ("get", "/api/v1/stats"): Op(
        over_target(ALL_ROLES, 200), lambda c: (f"/api/v1/stats?unit={c.unit}&year_from=2025&year_to=2026", None)
    ),
    ("post", "/api/v1/reports"): Op(
        over_target(ALL_ROLES, 202),
        lambda c: ("/api/v1/reports", {"unit": c.unit, "year_from": 2026, "year_to": 2026, "format": "xlsx"}),
    ),
    # a report is its requester's: for everyone else it does not exist
    ("get", "/api/v1/reports/{id}"): Op(any_token(404), lambda c: (f"/api/v1/reports/{_others_report(c)}", None)),
    ("get", "/api/v1/reports/{id}/file"): Op(
        any_token(404), lambda c: (f"/api/v1/reports/{_others_report(c)}/file", None)
    ),
    ("get", "/api/v1/indicator-sets"): Op(any_token(200), lambda c: ("/api/v1/indicator-sets", None)),
    ("post", "/api/v1/indicator-sets"): Op(
        _admins_anywhere(201),
        lambda c: (
            "/api/v1/indicator-sets",
            {"code": f"bo-{next(_counter)}", "name": "Bộ thử", "indicators": [{"code": "a", "name": "A"}]},
        ),
    ),
    ("get", "/api/v1/reporting-rounds"): Op(any_token(200), lambda c: ("/api/v1/reporting-rounds", None)),
    ("post", "/api/v1/reporting-rounds"): Op(
        over_target(STAFF, 201), lambda c: ("/api/v1/reporting-rounds", _new_round_body(c))
    ),
    ("get", "/api/v1/reporting-rounds/{id}"): Op(
        over_target(STAFF, 200, inside=403, outside=404), lambda c: (f"/api/v1/reporting-rounds/{_round_at(c)}", None)
    ),
    ("post", "/api/v1/reporting-rounds/{id}/submissions"): Op(
        over_target(STAFF, 201, inside=403, outside=404),
        lambda c: (
            f"/api/v1/reporting-rounds/{_round_asking_target(c)}/submissions",
            {"unit": c.unit, "values": {"dialogues": 1}, "submit": True},
        ),
    ),
    ("get", "/api/v1/reporting-rounds/{id}/submissions/{unit}"): Op(
        over_target(ALL_ROLES, 200, outside=404),
        lambda c: (f"/api/v1/reporting-rounds/{_round_asking_target(c)}/submissions/{c.unit}", None),
    ),
    ("post", "/api/v1/reporting-rounds/{id}/submissions/{unit}/review"): Op(
        over_target(STAFF, 200, inside=403, outside=404),
        lambda c: (_review_path(c), {"accept": True}),
    ),
    ("get", "/api/v1/measures"): Op(any_token(200), lambda c: ("/api/v1/measures", None)),
    ("get", "/api/v1/tasks"): Op(any_token(200), lambda c: ("/api/v1/tasks?date_from=2026-01-01", None)),
    ("post", "/api/v1/tasks"): Op(
        over_target(STAFF, 201),
        lambda c: ("/api/v1/tasks", {"unit": c.unit, "title": "Đối thoại", "owner_unit": c.unit, "due": "2026-06-30"}),
    ),
    # set by the commune for the village: its staff and the commune's report; others do not know it
    ("post", "/api/v1/tasks/{id}/updates"): Op(
        over_target(STAFF, 200, inside=403, outside=404),
        lambda c: (f"/api/v1/tasks/{_task_for_target(c)}/updates", {"status": "in_progress"}),
    ),
}


# The commendation track: the village (target) proposes to the commune (its parent), whose approvers
# and admins run the council and decide.
def _proposal(ctx: Ctx, *, dossier: bool = False, submitted: bool = False) -> int:
    from tests.proposals_helpers import matrix_proposal

    return matrix_proposal(ctx.world, dossier=dossier, submitted=submitted).pk


def _village_council(ctx: Ctx) -> int:
    from tests.proposals_helpers import matrix_council

    return matrix_council(ctx.world).pk


def _issued_village_decision(ctx: Ctx) -> int:
    from tests.awards_helpers import make_decision

    return make_decision(
        ctx.world,
        by=ctx.world.superuser,
        number=f"{next(_counter) + 500}/QĐ-UBND",
        issuer_unit=ctx.world.village,
        award_form="giay_khen",
        issue=True,
    ).pk


def deciders_at_parent(ok: int) -> Expect:
    """`ok` for approvers and admins of the deciding unit (the target's parent); 403 for others who
    see the proposal; 404 for those who do not; 401 without a token."""

    def expect(a: Actor) -> int:
        if a.role is None:
            return 401
        if a.position == "parent":
            return ok if a.role in {"approver", "admin"} else 403
        return 403 if a.position == "unit" else 404

    return expect


OPERATIONS.update(
    {
        ("get", "/api/v1/award-forms"): Op(any_token(200), lambda c: ("/api/v1/award-forms", None)),
        ("post", "/api/v1/councils"): Op(
            over_target({"approver", "admin"}, 201),
            lambda c: ("/api/v1/councils", {"unit": c.unit, "name": "Hội đồng", "members": [{"name": "A"}]}),
        ),
        ("post", "/api/v1/proposals"): Op(
            over_target({"officer", "approver", "admin"}, 201),
            lambda c: (
                "/api/v1/proposals",
                {
                    "unit": c.unit,
                    "to_unit": c.world.commune.code,
                    "award_form": "giay_khen",
                    "date": "2025-12-01",
                    "items": [{"recipient_name": "Tổ tự quản", "recipient_kind": "collective", "achievement": "x"}],
                },
            ),
        ),
        ("get", "/api/v1/proposals/{id}"): Op(
            over_target(ALL_ROLES, 200, outside=404), lambda c: (f"/api/v1/proposals/{_proposal(c)}", None)
        ),
        ("post", "/api/v1/proposals/{id}/files"): Op(
            over_target({"officer", "approver", "admin"}, 201, inside=403, outside=404),
            lambda c: (f"/api/v1/proposals/{_proposal(c)}/files", {"code": "to_trinh", "file": "PDF"}),
        ),
        ("post", "/api/v1/proposals/{id}/submit"): Op(
            over_target({"officer", "approver", "admin"}, 200, inside=403, outside=404),
            lambda c: (f"/api/v1/proposals/{_proposal(c, dossier=True)}/submit", {}),
        ),
        ("post", "/api/v1/proposals/{id}/vote"): Op(
            deciders_at_parent(200),
            lambda c: (
                f"/api/v1/proposals/{_proposal(c, dossier=True, submitted=True)}/vote",
                {
                    "council": _village_council(c),
                    "date": "2025-12-05",
                    "present": 3,
                    "votes": [{"item": 0, "agree": 3, "written_agree": 0}],
                },
            ),
        ),
        ("get", "/api/v1/proposals/{id}/documents/{code}.docx"): Op(
            over_target(ALL_ROLES, 200, outside=404),
            lambda c: (f"/api/v1/proposals/{_proposal(c)}/documents/to_trinh.docx", None),
        ),
        ("post", "/api/v1/decisions/{id}/revoke"): Op(
            over_target({"approver", "admin"}, 201, inside=403, outside=404),
            lambda c: (
                f"/api/v1/decisions/{_issued_village_decision(c)}/revoke",
                {"number": f"{next(_counter) + 900}/QĐ-UBND", "date": "2026-06-01", "reason": "Kê khai sai"},
            ),
        ),
        ("get", "/api/v1/decisions/{id}/document.docx"): Op(
            over_target(ALL_ROLES, 200, outside=404),
            lambda c: (f"/api/v1/decisions/{_issued_village_decision(c)}/document.docx", None),
        ),
    }
)
PUBLIC_DOCUMENTS = {"/api/v1/openapi.json", "/api/v1/docs"}


def schema_operations() -> list[tuple[str, str]]:
    schema = api.get_openapi_schema(path_prefix="/api/v1/")
    return [(method, path.rstrip("/")) for path, item in schema["paths"].items() for method in item]


def test_every_api_operation_has_an_expectation() -> None:
    missing = [op for op in schema_operations() if op not in OPERATIONS]
    assert not missing, f"API operations without an authorisation expectation in OPERATIONS: {missing}"


@pytest.fixture
def api_actors(world: World) -> dict[Actor, str | None]:
    other_province = unit_create(by=world.superuser, code="P2", name="Tỉnh Khác", kind="province", parent=world.root)
    other_commune = unit_create(by=world.superuser, code="C9", name="Xã Xa", kind="commune", parent=other_province)
    units = {"unit": world.village, "parent": world.commune, "sibling": world.village2, "other_province": other_commune}
    tokens: dict[Actor, str | None] = {Actor(None, None): None}
    for actor in ACTORS[1:]:
        user = make_user(f"a.{actor.role}.{actor.position}", actor.label)
        Membership.objects.create(user=user, unit=units[actor.position], role=actor.role)
        tokens[actor] = api_token_create(user=user)[1]
    return tokens


def test_api_matrix(world, api_actors) -> None:
    client = Client()
    failures = []
    for (method, _path), op in OPERATIONS.items():
        if (method, _path) not in schema_operations():
            continue
        for actor, token in api_actors.items():
            path, body = op.request(Ctx(world=world, actor=actor))
            headers = {"authorization": f"Bearer {token}"} if token else {}
            if method == "get":
                response = client.get(path, headers=headers)
            elif body and body.get("file") == "PDF":  # a multipart upload
                from tests.proposals_helpers import scan

                response = client.post(path, {**body, "file": scan()}, headers=headers)
            else:
                response = client.post(path, body, content_type="application/json", headers=headers)
            expected = op.expect(actor)
            if response.status_code != expected:
                failures.append(
                    f"{method.upper()} {path} {actor.label}: got {response.status_code}, "
                    f"expected {expected} {response.content[:120]!r}"
                )
    assert not failures, "\n".join(failures)


def test_api_documents_are_public(client) -> None:
    for path in PUBLIC_DOCUMENTS:
        assert client.get(path).status_code == 200
