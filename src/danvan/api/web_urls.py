from django.urls import path

from danvan.api import views

urlpatterns = [
    path("tai-khoan/ma-truy-cap/", views.tokens, name="api-tokens"),
    path("nguoi-dung/<int:pk>/ma-truy-cap/", views.user_tokens, name="api-user-tokens"),
]
