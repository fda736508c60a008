"""The finder's pages, throttled per address like the other pages that judge a profile."""

from __future__ import annotations

from django.urls import path

from imgpath.web import throttle
from imgpath.web.opportunities import views

page = throttle.per_address("PAGE_RATE")

urlpatterns = [
    path("opportunities/", page(views.opportunities), name="opportunities"),
    path("opportunities/<slug:slug>/", page(views.opportunity), name="opportunity"),
    path("organisations/", page(views.organisations), name="organisations"),
    path("organisations/<slug:slug>/", page(views.organisation), name="organisation"),
    path("stories/", page(views.stories), name="stories"),
    path("stories/<slug:slug>/", page(views.story), name="story"),
]
