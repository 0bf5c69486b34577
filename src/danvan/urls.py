from django.contrib import admin
from django.urls import include, path

urlpatterns = [
    path("", include("danvan.core.urls")),
    path("", include("danvan.accounts.urls")),
    path("don-vi/", include("danvan.orgs.urls")),
    path("i18n/", include("django.conf.urls.i18n")),
    path("quan-tri/", admin.site.urls),
]
