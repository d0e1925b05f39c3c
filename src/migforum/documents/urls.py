from django.urls import path

from . import views

app_name = "documents"
urlpatterns = [
    path("documents/", views.document_list, name="document_list"),
    path("documents/import/", views.document_import, name="document_import"),
    path("documents/<int:pk>/", views.document_detail, name="document_detail"),
    path("documents/<int:pk>/extraction/", views.document_extraction, name="document_extraction"),
    path("documents/symbol/<path:symbol>/", views.document_by_symbol, name="document_by_symbol"),
]
