from django.urls import path

from . import views

app_name = "members"
urlpatterns = [
    path("states/", views.state_list, name="state_list"),
    path("states/<str:iso3>/edit/", views.state_edit, name="state_edit"),
    path("organizations/", views.organization_list, name="organization_list"),
    path("organizations/<slug:slug>/", views.organization_detail, name="organization_detail"),
    path("organizations/<slug:slug>/edit/", views.organization_edit, name="organization_edit"),
    path("groups/", views.group_list, name="group_list"),
    path("groups/<slug:slug>/", views.group_detail, name="group_detail"),
]
