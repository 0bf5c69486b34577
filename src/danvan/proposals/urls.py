from django.urls import path

from danvan.proposals import views

urlpatterns = [
    path("", views.proposal_list, name="proposals-list"),
    path("them/", views.proposal_create, name="proposals-create"),
    path("<int:pk>/", views.proposal_detail, name="proposals-detail"),
    path("<int:pk>/<str:code>.docx", views.proposal_document, name="proposals-document"),
    path("<int:pk>/ho-so/", views.proposal_upload, name="proposals-upload"),
    path("<int:pk>/trinh/", views.proposal_submit, name="proposals-submit"),
    path("<int:pk>/bo-phieu/", views.proposal_vote, name="proposals-vote"),
    path("<int:pk>/quyet-dinh/", views.proposal_decide, name="proposals-decide"),
    path("ban-ky/<int:pk>/", views.dossier_file, name="proposals-file"),
    path("hoi-dong/", views.council_list, name="proposals-council-list"),
    path("hoi-dong/them/", views.council_create, name="proposals-council-create"),
]
