from django.urls import path

from danvan.imports import views

urlpatterns = [
    path("", views.import_start, name="imports-start"),
    path("mau-nhap-lieu.xlsx", views.import_template, name="imports-template"),
    path("<int:job_id>/", views.import_job, name="imports-job"),
    path("<int:job_id>/nhap/", views.import_job_write, name="imports-job-write"),
    path("<int:job_id>/thu-lai/", views.import_job_retry, name="imports-job-retry"),
]
