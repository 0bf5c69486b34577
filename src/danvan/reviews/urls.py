from django.urls import path

from danvan.reviews import views

urlpatterns = [
    path("", views.review_queue, name="reviews-queue"),
    path("cong-nhan/", views.review_bulk_recognize, name="reviews-bulk-recognize"),
    path("<int:pk>/", views.review_score, name="reviews-score"),
]
