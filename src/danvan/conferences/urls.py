from django.urls import path

from danvan.conferences import views

urlpatterns = [
    path("", views.conference_list, name="conferences-list"),
    path("them/", views.conference_create, name="conferences-create"),
    path("<int:pk>/", views.conference_detail, name="conferences-detail"),
    path("<int:pk>/sua/", views.conference_edit, name="conferences-edit"),
    path("<int:pk>/tin/", views.news_edit, name="conferences-news-edit"),
    path("<int:pk>/tin/dang/", views.news_publish, name="conferences-news-publish"),
    path("tin-tuc/", views.news_list, name="conferences-news-list"),
    path("tin-tuc/<str:key>/", views.news_detail, name="conferences-news-detail"),
]
