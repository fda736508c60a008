"""Hosts' pages, the code of conduct, reports, saved searches and their feeds.

Reports are limited per address in the view (POSTs only); feeds per feed, as the calendar's are.
"""

from __future__ import annotations

from django.urls import path

from imgpath.web.opportunities import hosting_views as views

urlpatterns = [
    path("hosts/", views.dashboard, name="host_dashboard"),
    path("hosts/code-of-conduct/", views.code_of_conduct, name="host_code_of_conduct"),
    path("hosts/listings/new/", views.new_listing, name="host_new_listing"),
    path("hosts/listings/<slug:slug>/edit/", views.edit_listing, name="host_edit_listing"),
    path("hosts/listings/<slug:slug>/verify/", views.verify_listing, name="host_verify_listing"),
    path("hosts/listings/<slug:slug>/withdraw/", views.withdraw_listing, name="host_withdraw_listing"),
    path("opportunities/<slug:slug>/report/", views.report_listing, name="report_listing"),
    path("account/searches/", views.saved_searches, name="saved_searches"),
    path("account/searches/save/", views.save_search, name="save_search"),
    path("account/searches/<int:search_id>/delete/", views.delete_search, name="delete_search"),
    path("account/searches/<int:search_id>/feed/", views.rotate_search_feed, name="rotate_search_feed"),
    path("feeds/searches/<str:token>/atom.xml", views.saved_search_feed, name="saved_search_feed"),
]
