"""The alerts' URLs: marking one read (the list is on the account page)."""

from __future__ import annotations

from django.urls import path

from imgpath.web.alerts import views

urlpatterns = [
    path("account/alerts/<int:pk>/read/", views.mark_read, name="read_alert"),
]
