from django.urls import URLPattern, URLResolver, path

from danvan.library import views
from danvan.library.feeds import LatestInitiativesFeed

urlpatterns: list[URLPattern | URLResolver] = [
    path("", views.library_index, name="library-index"),
    path("mo-hinh/<str:public_key>/", views.library_detail, name="library-detail"),
    path("mo-hinh/<str:public_key>/nhan-rong/", views.library_replicate, name="library-replicate"),
    path("mo-hinh/<str:public_key>/khong-cong-khai/", views.library_withhold, name="library-withhold"),
    path("anh/<str:public_key>/<int:attachment_id>/", views.library_image, name="library-image"),
    path("tin-moi.atom", LatestInitiativesFeed(), name="library-feed"),
    path("theo-doi/", views.library_follow, name="library-follow"),
    path("du-lieu.<str:fmt>", views.library_export, name="library-export"),
]
