"""The one base fixture: a small real hierarchy with named users, built through services.

VN (central)
└── P1  Tỉnh Hòa Bình Mẫu (province)       tinh.pheduyet approver, tinh.quantri admin, lanhdao viewer
    ├── C1  Xã Đông Hòa (commune)          xa.thamdinh reviewer, xa.pheduyet approver
    │   ├── C1-V1  Thôn Đoàn Kết (village)  thon.canbo officer
    │   └── C1-V2  Thôn Tân Tiến (village)
    └── C2  Phường Tây Sơn (commune)       xakhac.canbo officer (the outsider)
"""

import os
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

import pytest
from django.conf import settings as settings_module
from django.test import Client

from danvan.accounts.models import User
from danvan.cli import make_local_folders
from danvan.orgs.models import Membership, Role, Unit
from danvan.orgs.services import unit_create

os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

PASSWORD = "mat-khau-thu-nghiem-2026"


def pytest_configure(config: pytest.Config) -> None:
    """The SQLite test database's folder (./var/), as the `danvan` command makes it: the settings do not."""
    make_local_folders()


@dataclass
class World:
    root: Unit
    province: Unit
    commune: Unit
    village: Unit
    village2: Unit
    other_commune: Unit
    superuser: User
    province_admin: User
    approver: User
    commune_reviewer: User
    commune_approver: User
    officer: User
    outsider: User
    viewer: User

    def client_for(self, user: User) -> Client:
        client = Client()
        client.force_login(user)
        return client


@pytest.fixture(autouse=True)
def _empty_cache() -> None:
    """Every test starts with an empty cache (cached dashboards, API rate counts): the rolled-back
    database of the test before may have had the same ids and the same statistics version."""
    from django.core.cache import cache

    cache.clear()


@pytest.fixture(autouse=True)
def _vietnamese_first() -> Iterator[None]:
    """Every test starts in the site's language: a request made with an English cookie leaves its
    language active in the thread (Django's locale middleware does not put it back)."""
    from django.utils import translation

    translation.activate(settings_module.LANGUAGE_CODE)
    yield
    translation.activate(settings_module.LANGUAGE_CODE)


@pytest.fixture(autouse=True)
def _data_migrations_rows(request: pytest.FixtureRequest) -> None:
    """Every test that uses the database starts with the rows the data migrations wrote (unit kinds,
    fields, criteria, award forms, layouts...): a transactional test's flush removes them for the tests
    after it on the same worker, and which tests those are changes from run to run (xdist hands tests
    out by timing). One query when they are there."""
    uses_db = request.node.get_closest_marker("django_db") is not None
    if not uses_db and not {"db", "transactional_db"} & set(request.fixturenames):
        return
    request.getfixturevalue("django_db_setup")
    from danvan.orgs.models import UnitKind

    with request.getfixturevalue("django_db_blocker").unblock():
        if not UnitKind.objects.exists():
            load_migrated_rows()


@pytest.fixture(autouse=True)
def _fast_hashing(settings: Any) -> None:
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(autouse=True)
def _media_root(settings: Any, tmp_path_factory: pytest.TempPathFactory) -> None:
    """Files written by a test go to a fresh folder, never into ./var/media."""
    settings.MEDIA_ROOT = str(tmp_path_factory.mktemp("media"))


def make_user(username: str, full_name: str, *roles: tuple[Unit, str], superuser: bool = False) -> User:
    user = User(username=username, full_name=full_name, is_superuser=superuser, is_staff=superuser)
    user.set_password(PASSWORD)
    user.save()
    for unit, role in roles:
        Membership.objects.create(user=user, unit=unit, role=role)
    return user


@pytest.fixture
def migrated_rows(db: None) -> None:
    """The rows of the data migrations (unit kinds, fields, criteria, award kinds, layouts...), which a
    test reads: `_data_migrations_rows` (autouse) has put them back if a flush had removed them."""


def load_migrated_rows() -> None:
    """What the data migrations write, again (idempotent): `migrated_rows`, `_data_migrations_rows` and a
    fixture of a wider scope (a module's demo built once)."""
    from django.apps import apps

    from danvan.awards.defaults import load_defaults as award_defaults
    from danvan.awards.defaults import load_quorum_articles, load_rules, load_threshold_articles
    from danvan.documents.layouts import load_defaults as layout_defaults
    from danvan.measures.defaults import load_defaults as measure_defaults
    from danvan.movements.defaults import load_defaults
    from danvan.orgs.loading import ensure_unit_kinds
    from danvan.rounds.defaults import load_defaults as round_defaults

    ensure_unit_kinds()
    load_defaults(apps)
    award_defaults(apps)
    layout_defaults(apps)
    load_rules(apps)
    load_quorum_articles(apps)  # awards 0006
    load_threshold_articles(apps)  # awards 0007
    round_defaults(apps)
    measure_defaults(apps)
    apps.get_model("reports", "StatsVersion").objects.get_or_create(pk=1)  # reports 0004


@pytest.fixture
def world(migrated_rows: None) -> World:
    su = make_user("quantri", "Quản trị hệ thống", superuser=True)
    root = unit_create(by=su, code="VN", name="Trung ương", kind="central", parent=None)
    province = unit_create(by=su, code="P1", name="Tỉnh Hòa Bình Mẫu", kind="province", parent=root)
    commune = unit_create(by=su, code="C1", name="Xã Đông Hòa", kind="commune", parent=province)
    village = unit_create(by=su, code="C1-V1", name="Thôn Đoàn Kết", kind="village", parent=commune)
    village2 = unit_create(by=su, code="C1-V2", name="Thôn Tân Tiến", kind="village", parent=commune)
    other = unit_create(by=su, code="C2", name="Phường Tây Sơn", kind="commune", parent=province)
    return World(
        root=root,
        province=province,
        commune=commune,
        village=village,
        village2=village2,
        other_commune=other,
        superuser=su,
        province_admin=make_user("tinh.quantri", "Lê Thị Mai", (province, Role.ADMIN)),
        approver=make_user("tinh.pheduyet", "Nguyễn Văn Hùng", (province, Role.APPROVER)),
        commune_reviewer=make_user("xa.thamdinh", "Trần Đức Anh", (commune, Role.REVIEWER)),
        commune_approver=make_user("xa.pheduyet", "Hoàng Văn Đông", (commune, Role.APPROVER)),
        officer=make_user("thon.canbo", "Đỗ Thị Hoa", (village, Role.OFFICER)),
        outsider=make_user("xakhac.canbo", "Vũ Minh Tuấn", (other, Role.OFFICER)),
        viewer=make_user("lanhdao", "Bùi Quang Vinh", (province, Role.VIEWER)),
    )


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args: dict[str, Any]) -> dict[str, Any]:
    """Playwright drives Debian's Chromium; its own browser download is not reachable here."""
    return {
        **browser_type_launch_args,
        "executable_path": os.environ.get("DANVAN_CHROMIUM", "/usr/bin/chromium"),
        "args": ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update"],
    }


@pytest.fixture(scope="session")
def browser_context_args(browser_context_args: dict[str, Any]) -> dict[str, Any]:
    """A Vietnamese browser, as our users have."""
    return {**browser_context_args, "locale": "vi-VN"}


def initiative_data(world: World, **overrides: Any) -> Any:
    """Registration data for a collective initiative of the village, as a form would send it."""
    from danvan.initiatives.services import InitiativeData
    from danvan.movements.models import Field

    values: dict[str, Any] = {
        "title": "Đường giao thông nông thôn “Dân vận khéo” ở Thôn Đoàn Kết",
        "kind": "collective",
        "field": Field.objects.get(code="economy"),
        "unit": world.village,
        "year": 2026,
        "registered_level": "commune",
        "summary": "Nhân dân hiến đất, góp công làm 2,5 km đường bê tông.",
        # the rest of the dossier the criteria judge: going to review needs it (workflow.COMPLETE_DOSSIER)
        "content": "Họp dân từng xóm, công khai dự toán; mỗi hộ nhận một đoạn đường.",
        "forces": "Chi bộ, ban công tác Mặt trận, chi hội phụ nữ, 126 hộ.",
        "results": "2,5 km đường bê tông; 1.800 m² đất hiến.",
        "sustainability": "Tổ tự quản đường hoa bảo dưỡng hằng quý; hai thôn bên cạnh làm theo.",
    }
    values.update(overrides)
    return InitiativeData(**values)


def with_evidence(world: World, initiative: Any, by: Any = None) -> Any:
    """One photo of evidence, attached through the service (going to review needs one)."""
    import io

    from django.core.files.uploadedfile import SimpleUploadedFile
    from PIL import Image

    from danvan.initiatives.files import prepare_upload
    from danvan.initiatives.services import attachment_add

    png = io.BytesIO()
    Image.new("RGB", (40, 30), "green").save(png, format="PNG")
    photo = prepare_upload(SimpleUploadedFile("hien-truong.png", png.getvalue(), content_type="image/png"))
    attachment_add(by=by or world.officer, initiative=initiative, prepared=photo)
    return initiative


def registered_initiative(world: World, *, evidence: bool = True, **overrides: Any) -> Any:
    """A registered collective initiative of the village with a complete dossier and (unless
    `evidence=False`) one photo: ready to be sent to review."""
    from danvan.initiatives.services import initiative_create

    initiative = initiative_create(by=world.officer, data=initiative_data(world, **overrides), register=True)
    return with_evidence(world, initiative) if evidence else initiative


def score_sheet(by: Any, initiative: Any, value: int = 8) -> Any:
    """The reviewer scores every criterion through the service (recognition needs a score sheet of the
    level now reviewing); returns the initiative for chaining."""
    from danvan.movements.selectors import criteria_set_for
    from danvan.reviews.services import review_save

    initiative.refresh_from_db()
    criteria = criteria_set_for(kind=initiative.kind, programme_id=initiative.programme_id).criteria.all()
    review_save(by=by, initiative=initiative, scores={c.pk: value for c in criteria})
    return initiative


@pytest.fixture(autouse=True)
def _media_in_tmp(settings: Any, tmp_path_factory: pytest.TempPathFactory) -> None:
    """Uploaded files of a test go to a throwaway folder, never to ./var/media."""
    settings.MEDIA_ROOT = str(tmp_path_factory.mktemp("media"))
