from django.urls import path

from . import views

app_name = "portal"
urlpatterns = [
    path("", views.home, name="home"),
    path("work/", views.work, name="work"),
    path("history/<slug:kind>/<str:pk>/", views.history, name="history"),
    path("states/<str:iso3>/", views.state_detail, name="state_detail"),
]
