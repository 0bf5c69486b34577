"""The authorisation matrix: every route of the URL conf, for every role in the target's unit, in
its parent, in a sibling and in another province, and for an anonymous visitor: allow or deny.

Routes are read from the URL conf, so a new page cannot be forgotten: the test fails on any
route it has no expectation for. To add a page, add one line to ROUTES.
"""

from collections.abc import Callable
from dataclasses import dataclass

import pytest
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver

from danvan.imports.models import ImportJob
from danvan.orgs.models import Membership, Role
from danvan.orgs.services import unit_create
from tests.awards_helpers import matrix_objects
from tests.conftest import World, make_user, registered_initiative
from tests.library_helpers import library_matrix_objects
from tests.proposals_helpers import proposal_matrix_objects

ROLES = [r.value for r in Role]
POSITIONS = ["unit", "parent", "sibling", "other_province"]


@dataclass(frozen=True)
class Actor:
    role: str | None  # None: anonymous
    position: str | None

    @property
    def label(self) -> str:
        return f"{self.role}@{self.position}" if self.role else "anonymous"


ACTORS = [Actor(None, None)] + [Actor(role, position) for role in ROLES for position in POSITIONS]

# Policies: given an actor, should the request be allowed?
Policy = Callable[[Actor], bool]


def public(actor: Actor) -> bool:
    return True


def logged_in(actor: Actor) -> bool:
    return actor.role is not None


def staff_only(actor: Actor) -> bool:
    return False  # no actor of the matrix is staff


def mid_login_only(actor: Actor) -> bool:
    return False  # only between the password and the second factor


def roles_over_target(*roles: str) -> Policy:
    """Allowed for `roles` held in the target's unit or above it (the role covers the subtree)."""

    def policy(actor: Actor) -> bool:
        return actor.role in roles and actor.position in ("unit", "parent")

    return policy


def roles_anywhere(*roles: str) -> Policy:
    def policy(actor: Actor) -> bool:
        return actor.role in roles

    return policy


def deciders_at_parent(actor: Actor) -> bool:
    """Approvers and admins of the unit above the target (the deciding unit of its proposals)."""
    return actor.role in ("approver", "admin") and actor.position == "parent"


@dataclass(frozen=True)
class Route:
    path: Callable[[dict], str]
    policy: Policy | None  # None: covered by tests/test_api_matrix.py (token auth)
    method: str = "get"


# One line per named route. `objects` holds the target unit ("unit" = a village), its initiative, ...
ROUTES: dict[str, Route] = {
    "core-home": Route(lambda o: "/", public),
    "accounts-login": Route(lambda o: "/dang-nhap/", public),
    "accounts-login-otp": Route(lambda o: "/dang-nhap/ma-xac-thuc/", mid_login_only),
    "accounts-logout": Route(lambda o: "/dang-xuat/", public, method="post"),
    "accounts-profile": Route(lambda o: "/tai-khoan/", logged_in),
    "accounts-password-change": Route(lambda o: "/tai-khoan/doi-mat-khau/", logged_in),
    "accounts-two-factor": Route(lambda o: "/tai-khoan/xac-thuc-hai-buoc/", roles_anywhere("approver", "admin")),
    "accounts-user-list": Route(lambda o: "/nguoi-dung/", roles_anywhere("admin")),
    "accounts-user-create": Route(lambda o: "/nguoi-dung/them/", roles_anywhere("admin")),
    "accounts-user-detail": Route(lambda o: f"/nguoi-dung/{o['world'].officer.pk}/", roles_over_target("admin")),
    "api-tokens": Route(lambda o: "/tai-khoan/ma-truy-cap/", logged_in),
    "api-user-tokens": Route(lambda o: f"/nguoi-dung/{o['world'].officer.pk}/ma-truy-cap/", roles_over_target("admin")),
    "orgs-unit-list": Route(lambda o: "/don-vi/", logged_in),
    "orgs-unit-detail": Route(lambda o: f"/don-vi/{o['unit'].code}/", logged_in),
    "orgs-unit-create": Route(lambda o: f"/don-vi/{o['unit'].code}/them/", roles_over_target("admin")),
    "set_language": Route(lambda o: "/i18n/setlang/", public, method="post"),
    # awards: the target unit issued the decisions; drafts are known to its approvers and admins only
    "awards-decision-list": Route(lambda o: "/khen-thuong/", logged_in),
    "orgs-unit-picker": Route(lambda o: "/don-vi/chon.json?q=thon", logged_in),
    "awards-decision-create": Route(lambda o: "/khen-thuong/them/", roles_anywhere("approver", "admin")),
    "awards-decision-detail": Route(lambda o: f"/khen-thuong/{o['decision'].pk}/", roles_over_target(*ROLES)),
    "awards-decision-edit": Route(
        lambda o: f"/khen-thuong/{o['draft_decision'].pk}/sua/", roles_over_target("approver", "admin")
    ),
    "awards-decision-issue": Route(
        lambda o: f"/khen-thuong/{o['decision_to_issue'].pk}/ban-hanh/", roles_over_target("approver", "admin"), "post"
    ),
    "awards-decision-correct": Route(
        lambda o: f"/khen-thuong/{o['decision'].pk}/dinh-chinh/", roles_over_target("approver", "admin")
    ),
    "awards-decision-docx": Route(
        lambda o: f"/khen-thuong/{o['decision'].pk}/quyet-dinh.docx", roles_over_target(*ROLES)
    ),
    "awards-decision-certificates": Route(
        lambda o: f"/khen-thuong/{o['decision'].pk}/giay-khen.pdf", roles_over_target(*ROLES)
    ),
    "awards-verify-lookup": Route(lambda o: "/khen-thuong/xac-thuc/", public),
    "awards-verify": Route(lambda o: f"/khen-thuong/xac-thuc/{o['certificate_code']}/", public),
    # conferences: hosted by the target unit; officers keep the record, approvers and admins publish
    "conferences-list": Route(lambda o: "/hoi-nghi/", logged_in),
    "conferences-create": Route(lambda o: "/hoi-nghi/them/", roles_anywhere("officer", "approver", "admin")),
    "conferences-detail": Route(lambda o: f"/hoi-nghi/{o['conference'].pk}/", roles_over_target(*ROLES)),
    "conferences-edit": Route(
        lambda o: f"/hoi-nghi/{o['conference'].pk}/sua/", roles_over_target("officer", "approver", "admin")
    ),
    "conferences-news-edit": Route(
        lambda o: f"/hoi-nghi/{o['conference'].pk}/tin/", roles_over_target("officer", "approver", "admin")
    ),
    "conferences-news-publish": Route(
        lambda o: f"/hoi-nghi/{o['conference'].pk}/tin/dang/", roles_over_target("approver", "admin"), "post"
    ),
    "conferences-news-list": Route(lambda o: "/hoi-nghi/tin-tuc/", public),
    "conferences-news-detail": Route(lambda o: f"/hoi-nghi/tin-tuc/{o['news_key']}/", public),
    "reports-home": Route(lambda o: "/thong-ke/", logged_in),
    "reports-dashboard": Route(lambda o: f"/thong-ke/{o['unit'].code}/", roles_over_target(*ROLES)),
    "reports-write": Route(lambda o: f"/thong-ke/{o['unit'].code}/soan-bao-cao/", roles_over_target(*ROLES)),
    "reports-create": Route(lambda o: f"/thong-ke/{o['unit'].code}/bao-cao/", roles_over_target(*ROLES), method="post"),
    # a report is its requester's alone (the world's viewer): everyone of the matrix is refused
    "reports-status": Route(lambda o: f"/thong-ke/bao-cao/{o['report'].pk}/", lambda actor: False),
    "reports-download": Route(lambda o: f"/thong-ke/bao-cao/{o['report'].pk}/tai-ve/", lambda actor: False),
    "reports-retry": Route(lambda o: f"/thong-ke/bao-cao/{o['report'].pk}/thu-lai/", lambda a: False, method="post"),
    # library: public pages; replicating needs a login; withholding, an officer or admin of the unit
    "library-index": Route(lambda o: "/thu-vien/", public),
    "library-detail": Route(lambda o: f"/thu-vien/mo-hinh/{o['public_key']}/", public),
    "library-replicate": Route(lambda o: f"/thu-vien/mo-hinh/{o['public_key']}/nhan-rong/", logged_in),
    "library-withhold": Route(
        lambda o: f"/thu-vien/mo-hinh/{o['to_withhold'].pop()}/khong-cong-khai/",
        roles_over_target("officer", "admin"),
        "post",
    ),
    "library-image": Route(lambda o: f"/thu-vien/anh/{o['public_key']}/{o['photo']}/", public),
    "library-feed": Route(lambda o: "/thu-vien/tin-moi.atom", public),
    "library-follow": Route(lambda o: "/thu-vien/theo-doi/", public),
    "library-export": Route(lambda o: "/thu-vien/du-lieu.csv", public),
    "sitemap": Route(lambda o: "/sitemap.xml", public),
    # exports (issue 7): the list's own scope, for anyone signed in
    "orgs-unit-export-xlsx": Route(lambda o: "/don-vi/xuat.xlsx", logged_in),
    "orgs-unit-export-csv": Route(lambda o: "/don-vi/xuat.csv", logged_in),
    "initiatives-export-xlsx": Route(lambda o: "/mo-hinh/xuat.xlsx", logged_in),
    "initiatives-export-csv": Route(lambda o: "/mo-hinh/xuat.csv", logged_in),
    "awards-decision-export-xlsx": Route(lambda o: "/khen-thuong/xuat.xlsx", logged_in),
    "awards-decision-export-csv": Route(lambda o: "/khen-thuong/xuat.csv", logged_in),
    "reviews-queue-export-xlsx": Route(lambda o: "/binh-xet/xuat.xlsx", roles_anywhere("reviewer", "approver")),
    "reviews-queue-export-csv": Route(lambda o: "/binh-xet/xuat.csv", roles_anywhere("reviewer", "approver")),
    # imports (issue 7): a job exists only for the person who uploaded it
    "imports-start": Route(lambda o: "/nhap-lieu/", roles_anywhere("officer", "approver", "admin")),
    "imports-template": Route(lambda o: "/nhap-lieu/mau-nhap-lieu.xlsx", logged_in),
    "imports-job": Route(lambda o: f"/nhap-lieu/{o['import_job'].pk}/", lambda a: False),
    "imports-job-write": Route(lambda o: f"/nhap-lieu/{o['import_job'].pk}/nhap/", lambda a: False, method="post"),
    "imports-job-retry": Route(lambda o: f"/nhap-lieu/{o['import_job'].pk}/thu-lai/", lambda a: False, method="post"),
    # initiatives (issue 3): the target is a registered initiative of the village
    "initiatives-list": Route(lambda o: "/mo-hinh/", logged_in),
    "initiatives-create": Route(lambda o: "/mo-hinh/dang-ky/", roles_anywhere("officer", "admin")),
    "initiatives-historical": Route(lambda o: "/mo-hinh/nhap-lich-su/", roles_anywhere("admin", "approver")),
    "initiatives-detail": Route(lambda o: f"/mo-hinh/{o['initiative'].pk}/", roles_over_target(*ROLES)),
    "initiatives-edit": Route(lambda o: f"/mo-hinh/{o['initiative'].pk}/sua/", roles_over_target("officer", "admin")),
    # an empty post is refused to everyone (404 outside the scope, 403 or 400 inside); the scope of
    # each action and of adding or removing files is tested in test_initiatives_views / test_attachments
    "initiatives-act": Route(lambda o: f"/mo-hinh/{o['initiative'].pk}/thao-tac/", lambda a: False, method="post"),
    # "Gửi" on a registered initiative whose dossier lacks its results: refused to everyone (404 outside the scope,
    # 403 to those who may not send, 409 with what is missing to the registering side)
    "initiatives-send": Route(lambda o: f"/mo-hinh/{o['initiative'].pk}/gui/", lambda a: False, method="post"),
    "initiatives-attachment-upload": Route(
        lambda o: f"/mo-hinh/{o['initiative'].pk}/tep/", lambda a: False, method="post"
    ),
    "initiatives-attachment": Route(lambda o: f"/mo-hinh/tep/{o['attachment'].pk}/", roles_over_target(*ROLES)),
    "initiatives-thumbnail": Route(lambda o: f"/mo-hinh/tep/{o['attachment'].pk}/anh-nho/", roles_over_target(*ROLES)),
    "initiatives-attachment-remove": Route(lambda o: f"/mo-hinh/tep/{o['attachment'].pk}/go/", lambda a: False),
    "movements-programme-list": Route(lambda o: "/chuong-trinh/", roles_anywhere("admin")),
    "movements-programme-create": Route(lambda o: "/chuong-trinh/them/", roles_anywhere("admin")),
    # the default criteria belong to the whole system: superusers only
    "movements-criteria-set-edit": Route(lambda o: f"/chuong-trinh/tieu-chi/{o['criteria_set'].pk}/", lambda a: False),
    "reviews-queue": Route(lambda o: "/binh-xet/", roles_anywhere("reviewer", "approver")),
    "reviews-bulk-recognize": Route(lambda o: "/binh-xet/cong-nhan/", roles_anywhere("reviewer", "approver"), "post"),
    "reviews-score": Route(lambda o: f"/binh-xet/{o['initiative'].pk}/", roles_over_target("reviewer", "approver")),
    # proposals: the village (target) proposes to the commune (its parent), whose approvers and admins
    # run the council and decide
    "proposals-list": Route(lambda o: "/de-nghi-khen-thuong/", logged_in),
    "proposals-create": Route(lambda o: "/de-nghi-khen-thuong/them/", roles_anywhere("officer", "approver", "admin")),
    "proposals-detail": Route(lambda o: f"/de-nghi-khen-thuong/{o['proposal'].pk}/", roles_over_target(*ROLES)),
    "proposals-document": Route(
        lambda o: f"/de-nghi-khen-thuong/{o['proposal'].pk}/to_trinh.docx", roles_over_target(*ROLES)
    ),
    "proposals-upload": Route(
        lambda o: f"/de-nghi-khen-thuong/{o['proposal'].pk}/ho-so/",
        roles_over_target("officer", "approver", "admin"),
        "post",
    ),
    "proposals-submit": Route(
        lambda o: f"/de-nghi-khen-thuong/{o['draft_proposal'].pk}/trinh/",
        roles_over_target("officer", "approver", "admin"),
        "post",
    ),
    "proposals-vote": Route(lambda o: f"/de-nghi-khen-thuong/{o['proposal'].pk}/bo-phieu/", deciders_at_parent),
    "proposals-decide": Route(lambda o: f"/de-nghi-khen-thuong/{o['proposal'].pk}/quyet-dinh/", deciders_at_parent),
    "proposals-file": Route(
        lambda o: f"/de-nghi-khen-thuong/ban-ky/{o['dossier_file'].pk}/", roles_over_target(*ROLES)
    ),
    "proposals-council-list": Route(lambda o: "/de-nghi-khen-thuong/hoi-dong/", logged_in),
    "proposals-council-create": Route(
        lambda o: "/de-nghi-khen-thuong/hoi-dong/them/", roles_anywhere("approver", "admin")
    ),
    "awards-decision-revoke": Route(
        lambda o: f"/khen-thuong/{o['decision'].pk}/huy/", roles_over_target("approver", "admin")
    ),
    # reporting rounds: "round_asking_unit" is the commune's round asking the target village;
    # "round_of_unit" is the village's own round (its staff read the board and the Excel)
    "rounds-list": Route(lambda o: "/dot-bao-cao/", logged_in),
    "rounds-create": Route(lambda o: "/dot-bao-cao/mo/", roles_anywhere("officer", "approver", "admin")),
    "rounds-indicator-sets": Route(lambda o: "/dot-bao-cao/bo-chi-tieu/", logged_in),
    "rounds-detail": Route(lambda o: f"/dot-bao-cao/{o['round_asking_unit'].pk}/", roles_over_target(*ROLES)),
    "rounds-export": Route(
        lambda o: f"/dot-bao-cao/{o['round_of_unit'].pk}/bang-tong-hop.xlsx",
        roles_over_target("officer", "approver", "admin"),
    ),
    # the round's staff are asked to confirm (200), no one else may end it
    "rounds-close": Route(
        lambda o: f"/dot-bao-cao/{o['round_of_unit'].pk}/ket-thuc/",
        roles_over_target("officer", "approver", "admin"),
        "post",
    ),
    "rounds-submission": Route(
        lambda o: f"/dot-bao-cao/{o['round_asking_unit'].pk}/don-vi/{o['unit'].code}/", roles_over_target(*ROLES)
    ),
    # an empty post is refused to everyone (400 for the round's staff); the review is tested in test_rounds_views
    "rounds-review": Route(
        lambda o: f"/dot-bao-cao/{o['round_asking_unit'].pk}/don-vi/{o['unit'].code}/tiep-nhan/",
        lambda a: False,
        "post",
    ),
    # key tasks: the target is set by the commune for the village
    "keytasks-list": Route(lambda o: "/nhiem-vu/", logged_in),
    "keytasks-export": Route(lambda o: "/nhiem-vu/xuat.xlsx", logged_in),
    "keytasks-create": Route(lambda o: "/nhiem-vu/giao/", roles_anywhere("officer", "approver", "admin")),
    "keytasks-detail": Route(lambda o: f"/nhiem-vu/{o['task'].pk}/", roles_over_target(*ROLES)),
    "notifications-list": Route(lambda o: "/thong-bao/", logged_in),
    "notifications-badge": Route(lambda o: "/thong-bao/so-chua-doc/", logged_in),
    "notifications-read-all": Route(lambda o: "/thong-bao/da-doc-het/", logged_in, method="post"),
    # a notification is its addressee's alone (the world's officer): everyone of the matrix is refused
    "notifications-open": Route(lambda o: f"/thong-bao/{o['notification'].pk}/mo/", lambda a: False, "post"),
}
# Families of routes that share one policy, by namespace or URL prefix.
FAMILIES: dict[str, Route] = {
    "admin:": Route(lambda o: "/quan-tri/", staff_only),
    "api:": Route(lambda o: "/api/v1/", None),
}


def named_routes() -> list[str]:
    names: list[str] = []

    def walk(patterns: list, namespace: str = "") -> None:
        for p in patterns:
            if isinstance(p, URLResolver):
                walk(p.url_patterns, f"{namespace}{p.namespace}:" if p.namespace else namespace)
            elif isinstance(p, URLPattern):
                names.append(f"{namespace}{p.name}" if p.name else f"{namespace}<unnamed {p.pattern}>")

    walk(get_resolver().url_patterns)
    return names


def expectation_for(name: str) -> Route | None:
    if name in ROUTES:
        return ROUTES[name]
    return next((route for prefix, route in FAMILIES.items() if name.startswith(prefix)), None)


def test_every_route_has_an_expectation() -> None:
    missing = [name for name in named_routes() if expectation_for(name) is None]
    assert not missing, f"Routes without an authorisation expectation in ROUTES: {missing}"


@pytest.fixture
def matrix(world: World) -> tuple[dict[Actor, tuple[Client, object]], dict]:
    other_province = unit_create(by=world.superuser, code="P2", name="Tỉnh Khác", kind="province", parent=world.root)
    other_commune = unit_create(by=world.superuser, code="C9", name="Xã Xa", kind="commune", parent=other_province)
    units = {"unit": world.village, "parent": world.commune, "sibling": world.village2, "other_province": other_commune}
    clients: dict[Actor, tuple[Client, object]] = {Actor(None, None): (Client(), None)}
    for actor in ACTORS[1:]:
        user = make_user(f"m.{actor.role}.{actor.position}", actor.label)
        Membership.objects.create(user=user, unit=units[actor.position], role=actor.role)
        clients[actor] = (Client(), user)
    from danvan.reports.services import report_request

    report = report_request(by=world.viewer, unit=world.province, year_from=2025, year_to=2025, format="docx")
    objects = {
        "unit": world.village,
        "initiative": registered_initiative(world, evidence=False, results=""),  # incomplete: it cannot be sent
        "world": world,
        "report": report,
    }
    objects.update(matrix_objects(world))
    objects.update(library_matrix_objects(world, actors=len(ACTORS)))
    objects["import_job"] = ImportJob.objects.create(owner=world.superuser, original_name="so-lieu.xlsx")
    objects.update(initiative_matrix_objects(world, objects["initiative"]))
    objects.update(proposal_matrix_objects(world))
    objects.update(periodic_matrix_objects(world))
    return clients, objects


def periodic_matrix_objects(world: World) -> dict[str, object]:
    import datetime

    from danvan.keytasks.services import task_create
    from danvan.rounds.models import IndicatorSet
    from danvan.rounds.services import round_open

    su, dan_van = world.superuser, IndicatorSet.objects.get(code="dan-van")
    child = unit_create(by=su, code="C1-V1-T1", name="Tổ 1", kind="village", parent=world.village)
    period = {"date_from": datetime.date(2026, 1, 1), "date_to": datetime.date(2026, 6, 30), "indicator_set": dan_van}
    return {
        "round_asking_unit": round_open(
            by=su, unit=world.commune, title="Đợt xã", due=datetime.date(2026, 7, 5), units=[world.village], **period
        ),
        "round_of_unit": round_open(
            by=su, unit=world.village, title="Đợt thôn", due=datetime.date(2026, 7, 5), units=[child], **period
        ),
        "task": task_create(
            by=su, unit=world.commune, title="Đối thoại", owner_unit=world.village, due=datetime.date(2026, 6, 1)
        ),
    }


def initiative_matrix_objects(world: World, initiative: object) -> dict[str, object]:
    import io

    from django.core.files.uploadedfile import SimpleUploadedFile
    from PIL import Image

    from danvan.initiatives.files import prepare_upload
    from danvan.initiatives.services import attachment_add
    from danvan.movements.models import CriteriaSet
    from danvan.notifications.models import Notification

    out = io.BytesIO()
    Image.new("RGB", (20, 20), "red").save(out, format="PNG")
    photo = prepare_upload(SimpleUploadedFile("anh.png", out.getvalue()))
    return {
        "attachment": attachment_add(by=world.officer, initiative=initiative, prepared=photo),  # type: ignore[arg-type]
        "criteria_set": CriteriaSet.objects.filter(programme=None).first(),
        "notification": Notification.objects.create(user=world.officer, reason="changed", message="Thử"),
    }


def is_allowed(response) -> bool:
    if response.status_code in (401, 403, 404, 405):
        return False
    if response.status_code in (301, 302):
        location = response["Location"]
        return "/dang-nhap/" not in location and "/quan-tri/login/" not in location
    return response.status_code < 400


def test_matrix(matrix) -> None:
    clients, objects = matrix
    failures = []
    checked = 0
    # logging out ends the session: those routes go last
    names = sorted(named_routes(), key=lambda n: n == "accounts-logout")
    for actor, (client, user) in clients.items():
        if user is not None:
            client.force_login(user)
        for name in names:
            route = expectation_for(name)
            if route is None or route.policy is None:
                continue  # test_every_route_has_an_expectation names it; the API has its own matrix
            path = route.path(objects)
            response = getattr(client, route.method)(path)
            assert response.status_code < 500, f"{name} {actor.label}: {response.status_code}"
            expected = route.policy(actor)
            if is_allowed(response) != expected:
                failures.append(
                    f"{name} {path} {actor.label}: got {response.status_code}, expected "
                    f"{'allow' if expected else 'deny'}"
                )
            checked += 1
    assert not failures, "\n".join(failures)
    assert checked >= len(ROUTES) * len(ACTORS)
