from django.contrib.auth import views as auth_views
from django.urls import path

from . import views

app_name = "accounts"
urlpatterns = [
    path("login/", views.LoginView.as_view(), name="login"),
    path("logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("password-reset/", views.PasswordResetView.as_view(), name="password_reset"),
    path("password-reset/sent/", views.PasswordResetDoneView.as_view(), name="password_reset_done"),
    path(
        "password-reset/<uidb64>/<token>/",
        views.PasswordResetConfirmView.as_view(),
        name="password_reset_confirm",
    ),
    path(
        "password-reset/done/",
        views.PasswordResetCompleteView.as_view(),
        name="password_reset_complete",
    ),
    path("second-factor/", views.second_factor, name="second_factor"),
    path("second-factor/setup/", views.second_factor_setup, name="second_factor_setup"),
    path(
        "second-factor/recovery-codes/",
        views.recovery_codes_renew,
        name="recovery_codes_renew",
    ),
    path("second-factor/replace/", views.second_factor_replace, name="second_factor_replace"),
    path("second-factors/", views.second_factor_accounts, name="second_factor_accounts"),
    path(
        "second-factors/<int:pk>/reset/",
        views.second_factor_reset,
        name="second_factor_reset",
    ),
    path("invitation/<str:token>/", views.invitation_accept, name="invitation_accept"),
    path("invitations/new/", views.invitation_new, name="invitation_new"),
    path("", views.account, name="account"),
    path("tokens/<int:pk>/revoke/", views.api_token_revoke, name="api_token_revoke"),
]
