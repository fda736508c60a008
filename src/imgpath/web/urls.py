"""The URL map: pages, accounts (Django's auth views for passwords) and the API.

Pages that run the engine or the planner, charts and profile imports are throttled per address here,
so a view stays about its page and the limits are read in one place.
"""

from __future__ import annotations

from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.urls import include, path

from imgpath.web import accounts, feeds, plans, throttle, views
from imgpath.web.api import api

page = throttle.per_address("PAGE_RATE")
# charts count as pages here; each drawing (not served from the cache) also counts against CHART_RATE
chart = throttle.per_address("PAGE_RATE", image=True)
upload = throttle.per_address("IMPORT_RATE", methods=frozenset({"POST"}))

urlpatterns = [
    path("", views.home, name="home"),
    path("profile/", upload(views.profile_start), name="profile_start"),
    path("profile/forget/", views.forget_profile, name="forget_profile"),
    path("profile/<slug:step>/", views.wizard, name="wizard"),
    path("results/", page(views.results), name="results"),
    path("results/<str:pathway_id>/", page(views.explain), name="explain"),
    path("plans/", page(plans.compare_routes), name="plans"),
    path("plans/chart.svg", chart(plans.compare_chart), name="plans_chart"),
    path("plans/<str:pathway_id>/", page(plans.route_detail), name="plan"),
    path("plans/<str:pathway_id>/chart.svg", chart(plans.route_chart), name="plan_chart"),
    path("plans/<str:pathway_id>/plan.ics", page(plans.route_ics), name="plan_ics"),
    path("states/", page(views.state_index), name="states"),
    path("states/<str:code>/", page(views.state_detail), name="state"),
    path("changes/", page(views.changes), name="changes"),
    # accounts
    path("account/", accounts.account, name="account"),
    path("account/signup/", accounts.signup, name="signup"),
    path("account/signup/sent/", accounts.signup_sent, name="signup_sent"),
    path("account/verify/<uidb64>/<token>/", accounts.verify_email, name="verify_email"),
    path("account/login/", accounts.ThrottledLoginView.as_view(), name="login"),
    path("account/logout/", auth_views.LogoutView.as_view(), name="logout"),
    path(
        "account/password/reset/",
        accounts.ThrottledPasswordResetView.as_view(),
        name="password_reset",
    ),
    path(
        "account/password/reset/sent/",
        auth_views.PasswordResetDoneView.as_view(template_name="web/accounts/password_reset_sent.html"),
        name="password_reset_done",
    ),
    path(
        "account/password/reset/<uidb64>/<token>/",
        auth_views.PasswordResetConfirmView.as_view(template_name="web/accounts/password_reset_confirm.html"),
        name="password_reset_confirm",
    ),
    path(
        "account/password/reset/done/",
        auth_views.PasswordResetCompleteView.as_view(template_name="web/accounts/password_reset_done.html"),
        name="password_reset_complete",
    ),
    path("account/profiles/save/", accounts.save_profile, name="save_profile"),
    path("account/profiles/<int:pk>/", accounts.profile_detail, name="saved_profile"),
    path("account/profiles/<int:pk>/open/", accounts.profile_open, name="open_profile"),
    path("account/profiles/<int:pk>/update/", accounts.profile_update, name="update_profile"),
    path("account/profiles/<int:pk>/delete/", accounts.profile_delete, name="delete_profile"),
    path("account/profiles/<int:pk>/download/", accounts.profile_download, name="download_profile"),
    path("account/profiles/<int:pk>/plans/", page(login_required(plans.compare_routes)), name="saved_plans"),
    path(
        "account/profiles/<int:pk>/plans/chart.svg",
        chart(login_required(plans.compare_chart)),
        name="saved_plans_chart",
    ),
    path(
        "account/profiles/<int:pk>/plans/<str:pathway_id>/",
        page(login_required(plans.route_detail)),
        name="saved_plan",
    ),
    path(
        "account/profiles/<int:pk>/plans/<str:pathway_id>/chart.svg",
        chart(login_required(plans.route_chart)),
        name="saved_plan_chart",
    ),
    path(
        "account/profiles/<int:pk>/plans/<str:pathway_id>/plan.ics",
        page(login_required(plans.route_ics)),
        name="saved_plan_ics",
    ),
    path("account/profiles/<int:pk>/checklist/<str:pathway_id>/", plans.checklist, name="checklist"),
    path("account/feed/rotate/", feeds.rotate_feed, name="rotate_feed"),
    path("feeds/<str:token>/calendar.ics", feeds.feed, name="feed"),  # limited per feed in the view
    path("account/data/", accounts.download_all, name="download_data"),
    path("account/delete/", accounts.delete_account, name="delete_account"),
    path("api/v1/", api.urls),
    path("i18n/", include("django.conf.urls.i18n")),  # set_language: a form, no JavaScript
]
