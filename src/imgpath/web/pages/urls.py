"""The public pages' URLs. Pages that run the engine are throttled per address here, so a view stays
about its page and the limits are read in one place."""

from __future__ import annotations

from django.urls import path

from imgpath.web import throttle
from imgpath.web.pages import views

page = throttle.per_address("PAGE_RATE")
upload = throttle.per_address("IMPORT_RATE", methods=frozenset({"POST"}))

urlpatterns = [
    path("", views.home, name="home"),
    path("profile/", upload(views.profile_start), name="profile_start"),
    path("profile/forget/", views.forget_profile, name="forget_profile"),
    path("profile/review/", views.wizard_review, name="wizard_review"),
    path("profile/<slug:step>/", views.wizard, name="wizard"),
    path("results/", page(views.results), name="results"),
    path("results/<str:pathway_id>/", page(views.explain), name="explain"),
    path("states/", page(views.state_index), name="states"),
    path("states/<str:code>/", page(views.state_detail), name="state"),
    path("changes/", page(views.changes), name="changes"),
    path("shortage-areas/", page(views.shortage_areas), name="shortage_areas"),
    path("telemedicine/", views.telemedicine, name="telemedicine"),
]
