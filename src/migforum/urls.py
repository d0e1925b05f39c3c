from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.urls import include, path

from migforum.api.api import api
from migforum.core import views as core_views

urlpatterns = [
    path("api/v1/", api.urls),
    path("health/live", core_views.live, name="health_live"),
    path("health/ready", core_views.ready, name="health_ready"),
    path("i18n/", include("django.conf.urls.i18n")),
]
urlpatterns += i18n_patterns(
    path("", include("migforum.core.urls")),
    path("", include("migforum.portal.urls")),
    path("", include("migforum.members.urls")),
    path("", include("migforum.documents.urls")),
    path("", include("migforum.meetings.urls")),
    path("", include("migforum.practices.urls")),
    path("", include("migforum.evidence.urls")),
    path("accounts/", include("migforum.accounts.urls")),
    path("admin/", admin.site.urls),
    prefix_default_language=False,
)
