from django.urls import path

from danvan.core.exports import export_urls
from danvan.initiatives import exports, views

urlpatterns = [
    path("", views.initiative_list, name="initiatives-list"),
    *export_urls("xuat", exports.initiative_export, "initiatives-export"),
    path("dang-ky/", views.initiative_create, name="initiatives-create"),
    path("nhap-lich-su/", views.initiative_historical, name="initiatives-historical"),
    path("<int:pk>/", views.initiative_detail, name="initiatives-detail"),
    path("<int:pk>/sua/", views.initiative_edit, name="initiatives-edit"),
    path("<int:pk>/thao-tac/", views.initiative_act, name="initiatives-act"),
    path("<int:pk>/gui/", views.initiative_send, name="initiatives-send"),
    path("<int:pk>/tep/", views.attachment_upload, name="initiatives-attachment-upload"),
    path("tep/<int:pk>/", views.attachment_file, name="initiatives-attachment"),
    path("tep/<int:pk>/anh-nho/", views.attachment_file, {"variant": "thumbnail"}, name="initiatives-thumbnail"),
    path("tep/<int:pk>/go/", views.attachment_remove, name="initiatives-attachment-remove"),
]
