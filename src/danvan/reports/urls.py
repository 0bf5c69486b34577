from django.urls import URLPattern, URLResolver, path

from danvan.reports import views

urlpatterns: list[URLPattern | URLResolver] = [
    path("", views.dashboard_home, name="reports-home"),
    path("bao-cao/<int:report_id>/", views.report_status, name="reports-status"),
    path("bao-cao/<int:report_id>/tai-ve/", views.report_download, name="reports-download"),
    path("bao-cao/<int:report_id>/thu-lai/", views.report_retry, name="reports-retry"),
    path("<str:code>/", views.dashboard, name="reports-dashboard"),
    path("<str:code>/bao-cao/", views.report_create, name="reports-create"),
    path("<str:code>/soan-bao-cao/", views.report_write, name="reports-write"),
]
