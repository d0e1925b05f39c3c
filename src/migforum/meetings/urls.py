from django.urls import path

from . import minutes_views as minutes
from . import registration_views as registration
from . import views

app_name = "meetings"
urlpatterns = [
    path("meetings/", views.meeting_list, name="meeting_list"),
    path("meetings/calendar.ics", views.meeting_list_calendar, name="meeting_list_calendar"),
    path("meetings/new/", views.meeting_new, name="meeting_new"),
    path("meetings/<int:pk>/", views.meeting_detail, name="meeting_detail"),
    path("meetings/<int:pk>/edit/", views.meeting_edit, name="meeting_edit"),
    path("meetings/<int:pk>/calendar.ics", views.meeting_calendar, name="meeting_calendar"),
    path(
        "meetings/<int:pk>/registration/",
        registration.registration_settings,
        name="registration_settings",
    ),
    path("meetings/<int:pk>/register/", registration.register, name="register"),
    path(
        "meetings/<int:pk>/registrations/", registration.registration_list, name="registration_list"
    ),
    path("meetings/<int:pk>/badges.csv", registration.badges, name="badges"),
    path("meetings/<int:pk>/badges.pdf", registration.badges_printable, name="badges_pdf"),
    path(
        "meetings/<int:pk>/registrations/approve/",
        registration.registrations_approve,
        name="registrations_approve",
    ),
    path("meetings/<int:pk>/participants/", registration.participants, name="participants"),
    path("meetings/<int:pk>/minutes/new/", minutes.minutes_new, name="minutes_new"),
    path("meetings/minutes/<int:pk>/", minutes.minutes_detail, name="minutes_detail"),
    path("meetings/minutes/<int:pk>/revise/", minutes.minutes_revise, name="minutes_revise"),
    path(
        "meetings/minutes/<int:pk>/circulate/", minutes.minutes_circulate, name="minutes_circulate"
    ),
    path("meetings/minutes/<int:pk>/comment/", minutes.minutes_comment, name="minutes_comment"),
    path("meetings/minutes/<int:pk>/approve/", minutes.minutes_approve, name="minutes_approve"),
    path(
        "meetings/registrations/<int:pk>/decide/",
        registration.registration_decide,
        name="registration_decide",
    ),
    path(
        "meetings/registrations/<int:pk>/note-verbale/", registration.credential, name="credential"
    ),
    path(
        "meetings/registrations/<int:pk>/withdraw/",
        registration.registration_withdraw,
        name="registration_withdraw",
    ),
]
