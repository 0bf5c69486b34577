"""A province round of three communes, built through the services."""

import datetime
from dataclasses import dataclass
from typing import Any

from django.utils import timezone

from danvan.accounts.models import User
from danvan.orgs.models import Role, Unit
from danvan.orgs.services import unit_create
from danvan.rounds.models import IndicatorSet, ReportingRound, Submission
from danvan.rounds.services import SubmissionInput, round_open, submission_save
from tests.conftest import World, make_user

H1 = (datetime.date(2026, 1, 1), datetime.date(2026, 6, 30))


@dataclass
class RoundWorld:
    world: World
    third: Unit
    round: ReportingRound
    officers: dict[str, User]  # by commune code

    def submission(self, code: str) -> Submission:
        return Submission.objects.select_related("unit", "round").get(round=self.round, unit__code=code)

    def send(
        self, code: str, values: dict[str, Any], sections: dict[str, str] | None = None, send: bool = True
    ) -> Submission:
        return submission_save(
            by=self.officers[code],
            submission=self.submission(code),
            data=SubmissionInput(values=values, sections=sections or {}),
            send=send,
        )


def province_round(world: World, *, due: datetime.date | None = None) -> RoundWorld:
    """Due a month from today unless told (sent now, the reports are on time)."""
    due = due or timezone.localdate() + datetime.timedelta(days=30)
    third = unit_create(by=world.superuser, code="C3", name="Xã Bắc Sơn", kind="commune", parent=world.province)
    officers = {
        "C1": make_user("c1.canbo", "Cán bộ Đông Hòa", (world.commune, Role.OFFICER)),
        "C2": world.outsider,  # the officer of Phường Tây Sơn
        "C3": make_user("c3.canbo", "Cán bộ Bắc Sơn", (third, Role.OFFICER)),
    }
    the_round = round_open(
        by=world.approver,
        unit=world.province,
        title="Báo cáo công tác dân vận 6 tháng đầu năm 2026",
        date_from=H1[0],
        date_to=H1[1],
        due=due,
        indicator_set=IndicatorSet.objects.get(code="dan-van"),
    )
    return RoundWorld(world=world, third=third, round=the_round, officers=officers)
