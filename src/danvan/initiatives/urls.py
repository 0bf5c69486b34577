from django.urls import URLPattern, URLResolver

from danvan.core.exports import export_urls
from danvan.initiatives import exports

urlpatterns: list[URLPattern | URLResolver] = [
    *export_urls("xuat", exports.initiative_export, "initiatives-export"),
]
