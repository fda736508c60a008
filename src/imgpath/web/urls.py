"""The URL map: each app's URLs (no namespaces: every URL name is unique across the site) and the
language switch. Throttles are applied in each app's urls.py."""

from __future__ import annotations

from django.contrib import admin
from django.urls import include, path

urlpatterns = [
    path("", include("imgpath.web.pages.urls")),
    path("", include("imgpath.web.plans.urls")),
    path("", include("imgpath.web.accounts.urls")),
    path("", include("imgpath.web.alerts.urls")),
    path("", include("imgpath.web.opportunities.urls")),
    path("", include("imgpath.web.api.urls")),
    path("", include("imgpath.web.opportunities.hosting_urls")),
    path("", include("imgpath.web.advising.urls")),
    path("", include("imgpath.web.mentoring.urls")),
    path("", include("imgpath.web.cohorts.urls")),
    path("", include("imgpath.web.matching.urls")),
    path("admin/", admin.site.urls),  # curators: staff accounts only
    path("i18n/", include("django.conf.urls.i18n")),  # set_language: a form, no JavaScript
]
