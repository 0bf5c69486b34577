from django.urls import path

from danvan.core import views

urlpatterns = [
    path("", views.home, name="core-home"),
]
