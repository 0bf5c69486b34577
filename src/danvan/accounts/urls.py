from django.contrib.auth import views as auth_views
from django.urls import path

from danvan.accounts import views

urlpatterns = [
    path("dang-nhap/", views.LoginView.as_view(), name="accounts-login"),
    path("dang-nhap/ma-xac-thuc/", views.login_otp, name="accounts-login-otp"),
    path("tai-khoan/xac-thuc-hai-buoc/", views.two_factor, name="accounts-two-factor"),
    path("dang-xuat/", auth_views.LogoutView.as_view(), name="accounts-logout"),
    path("tai-khoan/", views.profile, name="accounts-profile"),
    path("tai-khoan/doi-mat-khau/", views.PasswordChangeView.as_view(), name="accounts-password-change"),
    path("nguoi-dung/", views.user_list, name="accounts-user-list"),
    path("nguoi-dung/them/", views.user_create_view, name="accounts-user-create"),
    path("nguoi-dung/<int:pk>/", views.user_detail, name="accounts-user-detail"),
]
