from django.urls import path

from danvan.orgs import views

urlpatterns = [
    path("", views.unit_list, name="orgs-unit-list"),
    path("<str:code>/", views.unit_detail, name="orgs-unit-detail"),
    path("<str:code>/them/", views.unit_create, name="orgs-unit-create"),
]
