"""The API's one mount point: every operation, the OpenAPI document and its docs page under /api/v1/."""

from __future__ import annotations

from django.urls import path

from imgpath.web.api.v1 import api

urlpatterns = [path("api/v1/", api.urls)]
