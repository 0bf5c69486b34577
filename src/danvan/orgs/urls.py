from django.urls import path

from danvan.core.exports import export_urls
from danvan.orgs import views

urlpatterns = [
    path("", views.unit_list, name="orgs-unit-list"),
    *export_urls("xuat", views.unit_export, "orgs-unit-export"),
    path("chon.json", views.unit_picker, name="orgs-unit-picker"),
    path("<str:code>/", views.unit_detail, name="orgs-unit-detail"),
    path("<str:code>/them/", views.unit_create, name="orgs-unit-create"),
]
