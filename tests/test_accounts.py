import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from danvan.accounts.models import User
from danvan.accounts.services import RoleGrant, user_create
from danvan.orgs.models import Membership, Role
from tests.conftest import PASSWORD


def test_login_with_wrong_password_says_so_in_vietnamese(client, world) -> None:
    response = client.post("/dang-nhap/", {"username": "thon.canbo", "password": "sai"})
    assert response.status_code == 200
    assert "Tên đăng nhập hoặc mật khẩu không đúng" in response.content.decode()


def test_login_with_unknown_user(client, world) -> None:
    response = client.post("/dang-nhap/", {"username": "khong.ai", "password": "x"})
    assert "Tên đăng nhập hoặc mật khẩu không đúng" in response.content.decode()


def test_login_and_logout(client, world) -> None:
    response = client.post("/dang-nhap/", {"username": "thon.canbo", "password": PASSWORD}, follow=True)
    assert "Đỗ Thị Hoa" in response.content.decode()
    assert "Thôn Đoàn Kết" in response.content.decode()
    client.post("/dang-xuat/")
    assert "Đăng nhập" in client.get("/").content.decode()


def test_lockout_after_repeated_failures(client, world, settings) -> None:
    for _ in range(settings.AXES_FAILURE_LIMIT):
        client.post("/dang-nhap/", {"username": "thon.canbo", "password": "sai"})
    # even the right password is refused now
    response = client.post("/dang-nhap/", {"username": "thon.canbo", "password": PASSWORD})
    assert response.status_code == 429
    assert "tạm thời bị khóa" in response.content.decode()


def test_password_change(world) -> None:
    client = world.client_for(world.officer)
    new = "mat-khau-moi-rat-dai-2027"
    response = client.post(
        "/tai-khoan/doi-mat-khau/", {"old_password": PASSWORD, "new_password1": new, "new_password2": new}
    )
    assert response.status_code == 302
    world.officer.refresh_from_db()
    assert world.officer.check_password(new)


def test_admin_creates_users_only_in_their_subtree(world) -> None:
    user = user_create(
        by=world.province_admin,
        username="moi",
        full_name="Người Mới",
        password="mot-mat-khau-dai-2026",
        roles=[RoleGrant(unit=world.village2, role=Role.OFFICER)],
    )
    assert Membership.objects.filter(user=user, unit=world.village2, role="officer").exists()
    with pytest.raises(PermissionDenied):
        user_create(
            by=world.commune_reviewer,
            username="moi2",
            full_name="X",
            password="mot-mat-khau-dai-2026",
            roles=[RoleGrant(unit=world.village2, role=Role.OFFICER)],
        )
    assert not User.objects.filter(username="moi2").exists()


def test_user_create_explains_a_weak_password_and_a_taken_name(world) -> None:
    with pytest.raises(ValidationError) as exc:
        user_create(
            by=world.province_admin,
            username="THON.CANBO",
            full_name="X",
            password="123",
            roles=[RoleGrant(unit=world.village2, role=Role.OFFICER)],
        )
    assert set(exc.value.message_dict) == {"username", "password"}


def test_user_pages_are_for_admins_only(world) -> None:
    assert world.client_for(world.outsider).get("/nguoi-dung/").status_code == 403
    assert world.client_for(world.outsider).get("/nguoi-dung/them/").status_code == 403
    response = world.client_for(world.province_admin).get("/nguoi-dung/")
    assert response.status_code == 200 and "thon.canbo" in response.content.decode()


def test_user_list_counts_its_queries(world, django_assert_num_queries) -> None:
    client = world.client_for(world.province_admin)
    client.get("/")  # warm the session
    # session, user, memberships (gate + nav), users, their memberships with units
    with django_assert_num_queries(5):
        client.get("/nguoi-dung/")


def test_admin_cannot_create_a_user_outside_the_subtree_through_the_form(world, settings) -> None:
    client = world.client_for(world.commune_reviewer)
    Membership.objects.create(user=world.commune_reviewer, unit=world.commune, role=Role.ADMIN)
    response = client.post(
        "/nguoi-dung/them/",
        {"username": "moi3", "full_name": "Ba", "password": "mot-mat-khau-dai-2026", "unit": "C2", "role": "officer"},
    )
    assert response.status_code == 200
    assert "Hãy chọn một đơn vị trong phạm vi bạn quản trị." in response.content.decode()
    assert not User.objects.filter(username="moi3").exists()
    unknown = client.post(
        "/nguoi-dung/them/",
        {"username": "moi3", "full_name": "Ba", "password": "mot-mat-khau-dai-2026", "unit": "ZZZ", "role": "officer"},
    )
    assert "Hãy chọn một đơn vị trong phạm vi bạn quản trị." in unknown.content.decode()
    # the units are chosen by name, never typed as a code: the drop-down holds the admin's commune
    page = client.get("/nguoi-dung/them/").content.decode()
    assert "Mã đơn vị" not in page and '<option value="C1">Xã Đông Hòa (Tỉnh Hòa Bình Mẫu)</option>' in page
    assert 'value="C2"' not in page


def _current_token(device) -> str:
    import time

    from django_otp.oath import TOTP

    totp = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
    totp.time = time.time()
    return f"{totp.token():06d}"


def test_approver_turns_on_the_second_factor_and_logs_in_with_it(client, world) -> None:
    from django_otp.plugins.otp_totp.models import TOTPDevice

    # given the approver sets up an authenticator
    approver = world.client_for(world.approver)
    page = approver.get("/tai-khoan/xac-thuc-hai-buoc/")
    assert page.status_code == 200 and "data:image/svg+xml" in page.content.decode()
    device = TOTPDevice.objects.get(user=world.approver)
    wrong = approver.post("/tai-khoan/xac-thuc-hai-buoc/", {"token": "000000"})
    assert "Mã xác thực không đúng" in wrong.content.decode()
    device.refresh_from_db()
    device.throttling_failure_count = 0
    device.throttling_failure_timestamp = None
    device.save()
    assert approver.post("/tai-khoan/xac-thuc-hai-buoc/", {"token": _current_token(device)}).status_code == 302
    device.refresh_from_db()
    assert device.confirmed
    # when they log in again, the password alone is not enough
    response = client.post("/dang-nhap/", {"username": "tinh.pheduyet", "password": PASSWORD})
    assert response.status_code == 302 and response["Location"] == "/dang-nhap/ma-xac-thuc/"
    assert "_auth_user_id" not in client.session
    bad = client.post("/dang-nhap/ma-xac-thuc/", {"token": "123456"})
    assert "Mã xác thực không đúng" in bad.content.decode()
    assert "_auth_user_id" not in client.session
    device.refresh_from_db()
    device.throttling_failure_count = 0
    device.throttling_failure_timestamp = None
    device.last_t = -1
    device.save()
    # then the code from the app lets them in
    ok = client.post("/dang-nhap/ma-xac-thuc/", {"token": _current_token(device)})
    assert ok.status_code == 302
    assert client.session["_auth_user_id"] == str(world.approver.pk)


def test_second_factor_page_is_for_approvers_and_admins(world, client) -> None:
    assert world.client_for(world.officer).get("/tai-khoan/xac-thuc-hai-buoc/").status_code == 403
    assert client.get("/tai-khoan/xac-thuc-hai-buoc/").status_code == 302
    assert client.get("/dang-nhap/ma-xac-thuc/").status_code == 302  # nothing pending: back to login


def test_admin_grants_revokes_and_locks_within_the_subtree(world) -> None:
    client = world.client_for(world.province_admin)
    assert client.get(f"/nguoi-dung/{world.officer.pk}/").status_code == 200
    # grant
    response = client.post(f"/nguoi-dung/{world.officer.pk}/", {"grant": "1", "unit": "C1-V2", "role": "viewer"})
    assert response.status_code == 302
    membership = Membership.objects.get(user=world.officer, unit=world.village2, role="viewer")
    # revoke (a forged id is refused cleanly)
    assert "Không có vai trò này" in client.post(f"/nguoi-dung/{world.officer.pk}/", {"revoke": "abc"}).content.decode()
    client.post(f"/nguoi-dung/{world.officer.pk}/", {"revoke": str(membership.pk), "confirmed": "1"})
    assert not Membership.objects.filter(pk=membership.pk).exists()
    # lock and unlock
    client.post(f"/nguoi-dung/{world.officer.pk}/", {"active": "0", "confirmed": "1"})
    world.officer.refresh_from_db()
    assert not world.officer.is_active
    client.post(f"/nguoi-dung/{world.officer.pk}/", {"active": "1"})
    world.officer.refresh_from_db()
    assert world.officer.is_active


def test_admin_cannot_manage_users_outside_the_subtree(world) -> None:
    Membership.objects.create(user=world.commune_reviewer, unit=world.commune, role=Role.ADMIN)
    client = world.client_for(world.commune_reviewer)
    assert client.get(f"/nguoi-dung/{world.outsider.pk}/").status_code == 404  # a user of C2
    # a user with a role in C1 and one above it cannot be locked by the commune admin
    response = client.post(f"/nguoi-dung/{world.viewer.pk}/", {"active": "0"})
    assert response.status_code == 404
    response = client.post(f"/nguoi-dung/{world.officer.pk}/", {"grant": "1", "unit": "C2", "role": "viewer"})
    assert "Hãy chọn một đơn vị trong phạm vi bạn quản trị." in response.content.decode()
    assert not Membership.objects.filter(user=world.officer, unit=world.other_commune).exists()
    assert world.client_for(world.outsider).get(f"/nguoi-dung/{world.officer.pk}/").status_code == 404
