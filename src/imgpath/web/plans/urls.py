"""The plan pages' URLs: from the session's profile, or from a saved one under /account/profiles/<pk>/.

Plans run the planner and count against PAGE_RATE per address; charts too, and each drawing (not one
served from the cache) also counts against CHART_RATE.
"""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.urls import path

from imgpath.web import throttle
from imgpath.web.plans import views

page = throttle.per_address("PAGE_RATE")
chart = throttle.per_address("PAGE_RATE", image=True)

urlpatterns = [
    path("plans/", page(views.compare_routes), name="plans"),
    path("plans/chart.svg", chart(views.compare_chart), name="plans_chart"),
    path("plans/<str:pathway_id>/", page(views.route_detail), name="plan"),
    path("plans/<str:pathway_id>/chart.svg", chart(views.route_chart), name="plan_chart"),
    path("plans/<str:pathway_id>/plan.ics", page(views.route_ics), name="plan_ics"),
    path("account/profiles/<int:pk>/plans/", page(login_required(views.compare_routes)), name="saved_plans"),
    path(
        "account/profiles/<int:pk>/plans/chart.svg",
        chart(login_required(views.compare_chart)),
        name="saved_plans_chart",
    ),
    path(
        "account/profiles/<int:pk>/plans/<str:pathway_id>/",
        page(login_required(views.route_detail)),
        name="saved_plan",
    ),
    path(
        "account/profiles/<int:pk>/plans/<str:pathway_id>/chart.svg",
        chart(login_required(views.route_chart)),
        name="saved_plan_chart",
    ),
    path(
        "account/profiles/<int:pk>/plans/<str:pathway_id>/plan.ics",
        page(login_required(views.route_ics)),
        name="saved_plan_ics",
    ),
    path(
        "account/profiles/<int:pk>/plans/<str:pathway_id>/additions/",
        page(views.add_addition),
        name="plan_additions",
    ),
    path(
        "account/profiles/<int:pk>/plans/<str:pathway_id>/additions/remove/",
        page(views.remove_addition),
        name="remove_plan_addition",
    ),
    path("account/profiles/<int:pk>/checklist/<str:pathway_id>/", views.checklist, name="checklist"),
    path("account/feed/rotate/", views.rotate_feed, name="rotate_feed"),
    path("feeds/<str:token>/calendar.ics", views.feed, name="feed"),  # limited per feed in the view
]
