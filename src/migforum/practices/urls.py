from django.urls import path

from . import views

app_name = "practices"
urlpatterns = [
    path("practices/", views.practice_list, name="practice_list"),
    path("practices/export.<str:fmt>", views.practice_export, name="practice_export"),
    path("practices/new/", views.practice_create_view, name="practice_create"),
    path("practices/import/", views.practice_import_view, name="practice_import"),
    path("practices/import/<int:pk>/", views.practice_import_detail, name="practice_import_detail"),
    path(
        "practices/import/template.csv",
        views.practice_import_template,
        name="practice_import_template",
    ),
    path("practices/<int:pk>/", views.practice_detail, name="practice_detail"),
    path("practices/<int:pk>/edit/", views.practice_edit, name="practice_edit"),
    path("practices/<int:pk>/submit/", views.practice_submit_view, name="practice_submit"),
    path("practices/<int:pk>/assign/", views.reviewer_assign_view, name="reviewer_assign"),
    path("practices/<int:pk>/declare/", views.conflict_declare_view, name="conflict_declare"),
    path("practices/<int:pk>/review/", views.review_view, name="review"),
    path("practices/<int:pk>/publish/", views.practice_publish_view, name="practice_publish"),
    path("practices/<int:pk>/withdraw/", views.practice_withdraw_view, name="practice_withdraw"),
    path("practices/<int:pk>/reopen/", views.practice_reopen_view, name="practice_reopen"),
    path(
        "practices/<int:pk>/translations/<str:language>/",
        views.translation_edit,
        name="translation_edit",
    ),
    path(
        "practices/<int:pk>/files/<int:attachment_id>/",
        views.attachment_download,
        name="attachment_download",
    ),
    path("practices/<int:pk>/versions/", views.version_list, name="version_list"),
    path("practices/<int:pk>/versions/<int:number>/", views.version_diff, name="version_diff"),
    path("practices/calls/", views.call_list, name="call_list"),
    path("practices/calls/new/", views.call_create_view, name="call_create"),
    path("practices/calls/<int:pk>/", views.call_detail, name="call_detail"),
    path("practices/calls/<int:pk>/close/", views.call_close_view, name="call_close"),
]
