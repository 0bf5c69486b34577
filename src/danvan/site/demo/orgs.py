"""Demo hierarchy and users: one province, two communes, villages and an agency under one."""

from django.db import transaction

from danvan.accounts.models import User
from danvan.core.text import fold
from danvan.orgs.models import Membership, Role, Unit, UnitKind
from danvan.site.demo import DEMO_PASSWORD

DEMO_PROVINCE = "25"  # Tỉnh Phú Thọ
DEMO_COMMUNE_NAME = "Xã Thanh Thủy"

DEMO_USERS = [
    # username, full name, position, unit code key, role
    ("quantri", "Quản trị hệ thống", "", None, None),
    ("tinh.quantri", "Lê Thị Mai", "Chuyên viên Ban Tuyên giáo và Dân vận Tỉnh ủy", "province", Role.ADMIN),
    (
        "tinh.pheduyet",
        "Nguyễn Văn Hùng",
        "Phó Trưởng ban Thường trực Ban Tuyên giáo và Dân vận Tỉnh ủy",
        "province",
        Role.APPROVER,
    ),
    ("tinh.thamdinh", "Phạm Thu Hà", "Chuyên viên Ban Tuyên giáo và Dân vận Tỉnh ủy", "province", Role.REVIEWER),
    ("xa.thamdinh", "Trần Đức Anh", "Trưởng Ban Xây dựng Đảng Đảng ủy xã", "commune", Role.REVIEWER),
    ("xa.pheduyet", "Hoàng Văn Đông", "Phó Bí thư Thường trực Đảng ủy xã", "commune", Role.APPROVER),
    ("thon.canbo", "Đỗ Thị Hoa", "Bí thư Chi bộ khu 1", "village", Role.OFFICER),
    ("xakhac.canbo", "Vũ Minh Tuấn", "Cán bộ Văn phòng Đảng ủy", "other_commune", Role.OFFICER),
    ("lanhdao", "Bùi Quang Vinh", "Trưởng Ban Chỉ đạo", "province", Role.VIEWER),
]


def _demo_units() -> dict[str, Unit]:
    province = Unit.objects.get(code=DEMO_PROVINCE)
    communes = list(Unit.objects.filter(parent=province, kind_id="commune", valid_to__isnull=True).order_by("code"))
    commune = next((c for c in communes if c.name == DEMO_COMMUNE_NAME), communes[0])
    other = next(c for c in communes if c.pk != commune.pk)
    village_kind = UnitKind.objects.get(code="village")
    units = {"province": province, "commune": commune, "other_commune": other}
    for index, name in enumerate(["Khu 1", "Khu 2", "Khu 3"], start=1):
        key = f"village{index}" if index > 1 else "village"
        units[key] = _child(commune, f"{commune.code}-K{index}", name, village_kind)
    front = UnitKind.objects.get(code="front")
    units["front"] = _child(commune, f"{commune.code}-MTTQ", "Ủy ban MTTQ Việt Nam xã", front)
    return units


def _child(parent: Unit, code: str, name: str, kind: UnitKind) -> Unit:
    """A unit under `parent` at its level, made once (running the demo again finds it)."""
    defaults = {
        "name": name,
        "name_folded": fold(name),
        "kind": kind,
        "parent": parent,
        "path": f"{parent.path}{code}/",
        "depth": parent.depth + 1,
        "level": parent.level,
    }
    return Unit.objects.get_or_create(code=code, defaults=defaults)[0]


@transaction.atomic
def seed() -> list[str]:
    units = _demo_units()
    lines = [f"Đơn vị mẫu: {units['province'].name} › {units['commune'].name} › Khu 1, 2, 3"]
    lines.append(f"Tài khoản mẫu (mật khẩu chung: {DEMO_PASSWORD}):")
    for username, full_name, position, unit_key, role in DEMO_USERS:
        user, created = User.objects.get_or_create(
            username=username, defaults={"full_name": full_name, "position": position}
        )
        if created:
            user.set_password(DEMO_PASSWORD)
            if unit_key is None:
                user.is_superuser = user.is_staff = True
            user.save()
        if unit_key is not None and role is not None:
            Membership.objects.get_or_create(user=user, unit=units[unit_key], role=role)
            lines.append(f"  {username:<14} {Role(role).label} — {units[unit_key].name}")
        else:
            lines.append(f"  {username:<14} quản trị hệ thống")
    return lines
