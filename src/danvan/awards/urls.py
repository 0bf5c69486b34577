from django.urls import path

from danvan.awards import exports, views
from danvan.core.exports import export_urls

urlpatterns = [
    path("", views.decision_list, name="awards-decision-list"),
    *export_urls("xuat", exports.decision_export, "awards-decision-export"),
    path("them/", views.decision_create, name="awards-decision-create"),
    path("<int:pk>/", views.decision_detail, name="awards-decision-detail"),
    path("<int:pk>/sua/", views.decision_edit, name="awards-decision-edit"),
    path("<int:pk>/ban-hanh/", views.decision_issue, name="awards-decision-issue"),
    path("<int:pk>/dinh-chinh/", views.decision_correct, name="awards-decision-correct"),
    path("<int:pk>/huy/", views.decision_revoke, name="awards-decision-revoke"),
    path("<int:pk>/quyet-dinh.docx", views.decision_docx, name="awards-decision-docx"),
    path("<int:pk>/giay-khen.pdf", views.decision_certificates, name="awards-decision-certificates"),
    path("xac-thuc/", views.verify_lookup, name="awards-verify-lookup"),
    path("xac-thuc/<str:code>/", views.verify, name="awards-verify"),
]
