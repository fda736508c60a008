"""The mentoring URLs under /mentoring/. Pages count against PAGE_RATE per address."""

from __future__ import annotations

from django.urls import path

from imgpath.web import throttle
from imgpath.web.mentoring import views

page = throttle.per_address("PAGE_RATE")

urlpatterns = [
    path("mentoring/", page(views.hub), name="mentoring"),
    path("mentoring/pledge/", page(views.pledge), name="mentoring_pledge"),
    path("mentoring/conduct/", page(views.conduct), name="mentoring_conduct"),
    path("mentoring/mentor/", page(views.mentor_profile), name="mentoring_mentor"),
    path("mentoring/request/", page(views.new_request), name="mentoring_request"),
    path("mentoring/request/<int:pk>/withdraw/", page(views.withdraw_request), name="mentoring_withdraw"),
    path("mentoring/proposals/<int:pk>/", page(views.proposal), name="mentoring_proposal"),
    path(
        "mentoring/proposals/<int:pk>/accept/",
        page(views.answer),
        {"accepted": True},
        name="mentoring_accept",
    ),
    path(
        "mentoring/proposals/<int:pk>/decline/",
        page(views.answer),
        {"accepted": False},
        name="mentoring_decline",
    ),
    path("mentoring/proposals/<int:pk>/report/", page(views.report), name="mentoring_report"),
    path("mentoring/coordinate/", page(views.coordinate), name="mentoring_coordinate"),
    path("mentoring/coordinate/run/", page(views.run), name="mentoring_run"),
    path("mentoring/coordinate/rounds/<int:pk>/", page(views.round_result), name="mentoring_round"),
    path("mentoring/coordinate/reports/", page(views.reports), name="mentoring_reports"),
]
