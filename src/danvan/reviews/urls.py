from django.urls import path

from danvan.core.exports import export_urls
from danvan.reviews import exports, views

urlpatterns = [
    path("", views.review_queue, name="reviews-queue"),
    *export_urls("xuat", exports.review_queue_export, "reviews-queue-export"),
    path("cong-nhan/", views.review_bulk_recognize, name="reviews-bulk-recognize"),
    path("<int:pk>/", views.review_score, name="reviews-score"),
]
