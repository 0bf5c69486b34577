"""Builders for the commendation-track tests: a commune's proposal of three models to the province,
the province's council of 20, the dossier's signed scans. Everything through the services."""

import datetime
from typing import Any

from django.core.files.uploadedfile import SimpleUploadedFile

from danvan.initiatives.models import Initiative
from danvan.proposals.models import Council, Proposal
from danvan.proposals.services import council_create, dossier_upload, proposal_create, proposal_submit
from tests.awards_helpers import recognized_initiative
from tests.conftest import World

PDF = (
    b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj 2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\n"
    b"trailer<</Root 1 0 R>>\n%%EOF\n"
)
MODELS = [
    "Dân vận khéo trong hiến đất làm đường Thôn Đoàn Kết",
    "Tổ hòa giải “Ba cùng” Thôn Tân Tiến",
    "Hũ gạo tình thương của Hội Phụ nữ xã Đông Hòa",
]
PROPOSAL_DATE = datetime.date(2025, 12, 1)
VOTE_DATE = datetime.date(2025, 12, 5)


def scan(name: str = "to-trinh-da-ky.pdf") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, PDF, content_type="application/pdf")


def three_models(world: World) -> list[Initiative]:
    return [
        recognized_initiative(
            world,
            title=title,
            unit=world.village if index != 1 else world.village2,
            summary=f"Tóm tắt mô hình {index + 1}.",
            results=f"Kết quả của mô hình {index + 1}: 1.800 m² đất hiến.",
            women_share=75 if index == 2 else None,
        )
        for index, title in enumerate(MODELS)
    ]


def province_council(world: World, members: int = 20) -> Council:
    return council_create(
        by=world.approver,
        unit=world.province,
        name="Hội đồng Thi đua - Khen thưởng tỉnh",
        members=[
            {"name": f"Thành viên {i + 1}", "position": "Chủ tịch Hội đồng" if i == 0 else "Ủy viên"}
            for i in range(members)
        ],
    )


def commune_proposal(world: World, models: list[Initiative], **overrides: Any) -> Proposal:
    values: dict[str, Any] = {
        "by": world.commune_approver,
        "unit": world.commune,
        "to_unit": world.province,
        "award_form": "bang_khen_chuyen_de",
        "items": [{"initiative": m.pk} for m in models],
        "date": PROPOSAL_DATE,
        "number": "45/TTr-UBND",
    }
    values.update(overrides)
    return proposal_create(**values)


def upload_before_vote(world: World, proposal: Proposal) -> None:
    for code in ("to_trinh", "bao_cao_thanh_tich"):
        dossier_upload(by=world.commune_approver, proposal=proposal, code=code, upload=scan(f"{code}.pdf"))


def submitted_proposal(world: World, models: list[Initiative]) -> Proposal:
    proposal = commune_proposal(world, models)
    upload_before_vote(world, proposal)
    return proposal_submit(by=world.commune_approver, proposal=proposal)


# 14 of 20 present: 14 + 4 = 18 = 90 % passes, 13 + 5 = 18 passes, 13 + 4 = 17 (a vote short) fails.
VOTES = [
    {"item": 0, "agree": 14, "written_agree": 4},
    {"item": 1, "agree": 13, "written_agree": 5},
    {"item": 2, "agree": 13, "written_agree": 4},
]


def matrix_council(world: World) -> Council:
    """The commune's council of three (the deciding unit of the matrix's proposals)."""
    return council_create(
        by=world.superuser, unit=world.commune, name="Hội đồng Thi đua - Khen thưởng xã", members=[{"name": "A"}] * 3
    )


def matrix_proposal(world: World, *, dossier: bool = False, submitted: bool = False) -> Proposal:
    """A village's proposal to its commune (the authorisation matrix's target and its parent)."""
    proposal = proposal_create(
        by=world.superuser,
        unit=world.village,
        to_unit=world.commune,
        award_form="giay_khen",
        items=[{"recipient_name": "Tổ tự quản số 1", "recipient_kind": "collective", "achievement": "Dân vận khéo"}],
        date=PROPOSAL_DATE,
    )
    if dossier:
        for code in ("to_trinh", "bao_cao_thanh_tich"):
            dossier_upload(by=world.superuser, proposal=proposal, code=code, upload=scan())
    if submitted:
        proposal = proposal_submit(by=world.superuser, proposal=proposal)
    return proposal


def proposal_matrix_objects(world: World) -> dict[str, Any]:
    proposal = matrix_proposal(world, dossier=True)
    matrix_council(world)
    return {
        "proposal": proposal,
        "draft_proposal": matrix_proposal(world),
        "dossier_file": proposal.files.first(),
    }
