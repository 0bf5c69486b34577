"""The gate shell every app's access_* function shares."""

import pytest
from django.http import Http404

from danvan.core.access import get_visible_or_404
from danvan.notifications.access import access_notification
from danvan.orgs.models import Unit


@pytest.mark.parametrize("junk", ["abc", "", " ", "1.5", "1e3", None, "99999999"])
def test_anything_but_a_visible_id_is_the_same_404(world, junk) -> None:
    with pytest.raises(Http404, match="Không có"):
        get_visible_or_404(Unit.objects.all(), junk, not_found="Không có")


def test_a_visible_id_is_found_and_one_outside_the_rows_is_not(world) -> None:
    assert get_visible_or_404(Unit.objects.all(), str(world.province.pk), not_found="x") == world.province
    with pytest.raises(Http404):
        get_visible_or_404(Unit.objects.exclude(pk=world.province.pk), world.province.pk, not_found="x")


def test_a_gate_that_used_to_parse_with_int_now_answers_404_to_junk(world) -> None:
    with pytest.raises(Http404, match="thông báo"):
        access_notification(user=world.officer, notification_id="x")
