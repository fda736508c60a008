"""The cohort URLs under /cohorts/: pages count against PAGE_RATE per address, uploads against
IMPORT_RATE, charts against CHART_RATE."""

from __future__ import annotations

from django.urls import path

from imgpath.web import throttle
from imgpath.web.cohorts import views

page = throttle.per_address("PAGE_RATE")
upload = throttle.per_address("IMPORT_RATE", methods=frozenset({"POST"}))
chart = throttle.per_address("CHART_RATE", image=True)

urlpatterns = [
    path("cohorts/", upload(views.cohorts), name="cohorts"),
    path("cohorts/template.csv", page(views.template), {"fmt": "csv"}, name="cohort_template_csv"),
    path("cohorts/template.xlsx", page(views.template), {"fmt": "xlsx"}, name="cohort_template_xlsx"),
    path("cohorts/<int:run_id>/", page(views.run_page), name="cohort_run"),
    path("cohorts/<int:run_id>/results.csv", page(views.run_export), {"fmt": "csv"}, name="cohort_csv"),
    path("cohorts/<int:run_id>/results.xlsx", page(views.run_export), {"fmt": "xlsx"}, name="cohort_xlsx"),
    path("cohorts/<int:run_id>/results.json", page(views.run_export), {"fmt": "json"}, name="cohort_json"),
    path(
        "cohorts/<int:run_id>/chart-state.svg",
        chart(views.run_chart),
        {"by": "state"},
        name="cohort_chart_state",
    ),
    path(
        "cohorts/<int:run_id>/chart-kind.svg",
        chart(views.run_chart),
        {"by": "kind"},
        name="cohort_chart_kind",
    ),
]
