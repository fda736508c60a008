"""The advising URLs: the adviser's workspace under /advising/, a client's sharing under
/account/sharing/, and shared plans under /shared/<token>/. Pages count against PAGE_RATE per address."""

from __future__ import annotations

from django.urls import path

from imgpath.web import throttle
from imgpath.web.advising import views

page = throttle.per_address("PAGE_RATE")

urlpatterns = [
    path("advising/", page(views.client_table), name="advising"),
    path("advising/clients.csv", page(views.client_export), {"fmt": "csv"}, name="advising_csv"),
    path("advising/clients.xlsx", page(views.client_export), {"fmt": "xlsx"}, name="advising_xlsx"),
    path("advising/clients/<int:pk>/", page(views.client_detail), name="advising_client"),
    path("advising/organisations/<slug:slug>/", page(views.organisation), name="advising_organisation"),
    path(
        "advising/organisations/<slug:slug>/members/<int:member_id>/remove/",
        page(views.remove_member),
        name="advising_remove_member",
    ),
    path("account/sharing/", page(views.sharing), name="sharing"),
    path("account/sharing/<int:pk>/revoke/", page(views.revoke_consent), name="revoke_consent"),
    path("account/links/<int:pk>/revoke/", page(views.revoke_link), name="revoke_link"),
    path("shared/<str:token>/", page(views.shared_plan), name="shared_plan"),
]
