from django.urls import path

from . import views

app_name = "evidence"

urlpatterns = [
    path("evidence/", views.evidence_home, name="home"),
    path("evidence/datasets/<int:pk>/", views.dataset_detail, name="dataset_detail"),
    path("evidence/imports/<int:pk>/", views.import_detail, name="import_detail"),
]
