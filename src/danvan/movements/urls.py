from django.urls import path

from danvan.movements import views

urlpatterns = [
    path("", views.programme_list, name="movements-programme-list"),
    path("them/", views.programme_create, name="movements-programme-create"),
    path("tieu-chi/<int:pk>/", views.criteria_set_edit, name="movements-criteria-set-edit"),
]
