from django.urls import path, re_path

from . import opendata, views

app_name = "evidence"

urlpatterns = [
    path("evidence/", views.evidence_home, name="home"),
    path("evidence/map/world.json", views.map_shapes, name="map_shapes"),
    path("evidence/datasets/<int:pk>/", views.dataset_detail, name="dataset_detail"),
    path(
        "evidence/datasets/<int:pk>/delete",
        views.dataset_delete_confirm,
        name="dataset_delete",
    ),
    path("evidence/indicators/<slug:indicator>/", views.indicator_detail, name="indicator_detail"),
    path("evidence/corridors/", views.corridor_search, name="corridor_search"),
    re_path(
        r"^evidence/corridors/(?P<sender>[A-Za-z]{3})-(?P<receiver>[A-Za-z]{3})/$",
        views.corridor_detail,
        name="corridor_detail",
    ),
    path("evidence/send-money/", views.send_money, name="send_money"),
    path("evidence/imports/new", views.import_new, name="import_new"),
    path("evidence/imports/<int:pk>/", views.import_detail, name="import_detail"),
]

# Open data: every table as CSV and JSON (`opendata.py`).
urlpatterns += [
    path(
        "evidence/datasets/<int:pk>/observations.csv",
        opendata.dataset_observations_csv,
        name="dataset_observations_csv",
    ),
    path(
        "evidence/datasets/<int:pk>/observations.json",
        opendata.dataset_observations_json,
        name="dataset_observations_json",
    ),
    path(
        "evidence/datasets/<int:pk>/quotes.csv",
        opendata.dataset_quotes_csv,
        name="dataset_quotes_csv",
    ),
    path(
        "evidence/datasets/<int:pk>/quotes.json",
        opendata.dataset_quotes_json,
        name="dataset_quotes_json",
    ),
    path("evidence/observations.csv", opendata.observations_csv, name="observations_csv"),
    path("evidence/observations.json", opendata.observations_json, name="observations_json"),
    path("evidence/datasets.csv", opendata.datasets_table, {"fmt": "csv"}, name="datasets_csv"),
    path("evidence/datasets.json", opendata.datasets_table, {"fmt": "json"}, name="datasets_json"),
    path("evidence/areas.csv", opendata.areas_table, {"fmt": "csv"}, name="areas_csv"),
    path("evidence/areas.json", opendata.areas_table, {"fmt": "json"}, name="areas_json"),
]
