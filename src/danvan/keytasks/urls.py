from django.urls import path

from danvan.keytasks import views

urlpatterns = [
    path("", views.task_list, name="keytasks-list"),
    path("xuat.xlsx", views.task_export, name="keytasks-export"),
    path("giao/", views.task_create_view, name="keytasks-create"),
    path("<int:pk>/", views.task_detail, name="keytasks-detail"),
]
