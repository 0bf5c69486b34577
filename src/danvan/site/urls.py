from django.urls import path

from danvan.site import views

urlpatterns = [
    path("", views.home, name="core-home"),
]
