from django.urls import path

from danvan.notifications import views

urlpatterns = [
    path("", views.notification_list, name="notifications-list"),
    path("so-chua-doc/", views.notification_badge, name="notifications-badge"),
    path("da-doc-het/", views.notification_read_all, name="notifications-read-all"),
    path("<int:pk>/mo/", views.notification_open, name="notifications-open"),
]
