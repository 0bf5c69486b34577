from django.urls import path

from danvan.rounds import views

urlpatterns = [
    path("", views.round_list, name="rounds-list"),
    path("mo/", views.round_create, name="rounds-create"),
    path("bo-chi-tieu/", views.indicator_set_list, name="rounds-indicator-sets"),
    path("<int:pk>/", views.round_detail, name="rounds-detail"),
    path("<int:pk>/bang-tong-hop.xlsx", views.round_export, name="rounds-export"),
    path("<int:pk>/ket-thuc/", views.round_close_view, name="rounds-close"),
    path("<int:pk>/don-vi/<str:code>/", views.submission_edit, name="rounds-submission"),
    path("<int:pk>/don-vi/<str:code>/tiep-nhan/", views.submission_review_view, name="rounds-review"),
]
