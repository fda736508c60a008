"""The rounds' pages, throttled per address like the other pages: applicants under /rounds/, hosts
under /hosts/rounds/."""

from __future__ import annotations

from django.urls import path

from imgpath.web import throttle
from imgpath.web.matching import views

page = throttle.per_address("PAGE_RATE")

urlpatterns = [
    path("rounds/", page(views.rounds), name="rounds"),
    path("rounds/<int:round_id>/", page(views.round_page), name="round"),
    path("rounds/<int:round_id>/close/", page(views.close_round), name="close_round"),
    path("hosts/rounds/new/", page(views.host_new_round), name="host_new_round"),
    path("hosts/rounds/<int:round_id>/", page(views.host_round), name="host_round"),
    path("hosts/rounds/<int:round_id>/slots/new/", page(views.host_new_slot), name="host_new_slot"),
    path(
        "hosts/rounds/<int:round_id>/slots/<int:slot_id>/", page(views.host_edit_slot), name="host_edit_slot"
    ),
    path(
        "hosts/rounds/<int:round_id>/slots/<int:slot_id>/ranking/",
        page(views.host_rank_slot),
        name="host_rank_slot",
    ),
]
