"""The accounts' URLs: sign-up, log-in and Django's password views, saved profiles, export, deletion."""

from __future__ import annotations

from django.contrib.auth import views as auth_views
from django.urls import path

from imgpath.web.accounts import views

urlpatterns = [
    path("account/", views.account, name="account"),
    path("account/signup/", views.signup, name="signup"),
    path("account/signup/sent/", views.signup_sent, name="signup_sent"),
    path("account/verify/<uidb64>/<token>/", views.verify_email, name="verify_email"),
    path("account/login/", views.ThrottledLoginView.as_view(), name="login"),
    path("account/logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("account/password/reset/", views.ThrottledPasswordResetView.as_view(), name="password_reset"),
    path(
        "account/password/reset/sent/",
        auth_views.PasswordResetDoneView.as_view(template_name="accounts/password_reset_sent.html"),
        name="password_reset_done",
    ),
    path(
        "account/password/reset/<uidb64>/<token>/",
        auth_views.PasswordResetConfirmView.as_view(template_name="accounts/password_reset_confirm.html"),
        name="password_reset_confirm",
    ),
    path(
        "account/password/reset/done/",
        auth_views.PasswordResetCompleteView.as_view(template_name="accounts/password_reset_done.html"),
        name="password_reset_complete",
    ),
    path("account/profiles/save/", views.save_profile, name="save_profile"),
    path("account/profiles/<int:pk>/", views.profile_detail, name="saved_profile"),
    path("account/profiles/<int:pk>/open/", views.profile_open, name="open_profile"),
    path("account/profiles/<int:pk>/update/", views.profile_update, name="update_profile"),
    path("account/profiles/<int:pk>/delete/", views.profile_delete, name="delete_profile"),
    path("account/profiles/<int:pk>/download/", views.profile_download, name="download_profile"),
    path("account/data/", views.download_all, name="download_data"),
    path("account/delete/", views.delete_account, name="delete_account"),
]
