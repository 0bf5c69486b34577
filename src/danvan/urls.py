from django.contrib import admin
from django.contrib.sitemaps.views import sitemap
from django.urls import include, path

from danvan.accounts.views import language_set
from danvan.library.feeds import SITEMAPS

urlpatterns = [
    path("", include("danvan.site.urls")),
    path("", include("danvan.accounts.urls")),
    path("", include("danvan.api.web_urls")),
    path("don-vi/", include("danvan.orgs.urls")),
    path("mo-hinh/", include("danvan.initiatives.urls")),
    path("chuong-trinh/", include("danvan.movements.urls")),
    path("binh-xet/", include("danvan.reviews.urls")),
    path("thong-bao/", include("danvan.notifications.urls")),
    path("khen-thuong/", include("danvan.awards.urls")),
    path("de-nghi-khen-thuong/", include("danvan.proposals.urls")),
    path("hoi-nghi/", include("danvan.conferences.urls")),
    path("nhiem-vu/", include("danvan.keytasks.urls")),
    path("dot-bao-cao/", include("danvan.rounds.urls")),
    path("thong-ke/", include("danvan.reports.urls")),
    path("thu-vien/", include("danvan.library.urls")),
    path("sitemap.xml", sitemap, {"sitemaps": SITEMAPS}, name="sitemap"),
    path("nhap-lieu/", include("danvan.imports.urls")),
    path("api/v1/", include("danvan.api.urls")),
    path("i18n/setlang/", language_set, name="set_language"),
    path("quan-tri/", admin.site.urls),
]
