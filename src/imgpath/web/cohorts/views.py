"""Cohort pages: the list of runs with the upload form and the template, a run's progress and
results (paginated table, charts, exports). ``runs`` decides who sees what; these views adapt."""

from __future__ import annotations

import json
from datetime import date
from typing import Any

from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from imgpath.cohort import (
    counts_table,
    result_rows,
    results_csv,
    results_json,
    results_xlsx,
    template_csv,
    template_xlsx,
    verdict_chart,
)
from imgpath.engine import Verdict
from imgpath.rulebook import Kind
from imgpath.web.accounts.auth import AuthenticatedHttpRequest
from imgpath.web.advising import access
from imgpath.web.cohorts import runs, worker
from imgpath.web.cohorts.forms import MAX_UPLOAD_BYTES, UploadForm
from imgpath.web.lib.labels import KIND_LABELS, VERDICT_LABELS

PAGE_SIZE = 50
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
CHARTS = {"state": "jurisdiction", "kind": "kind"}


@login_required
@require_http_methods(["GET", "POST"])
def cohorts(request: AuthenticatedHttpRequest) -> HttpResponse:
    """The upload form (validated whole before anything is kept) and the runs this account sees."""
    organisations = access.organisations_of(request.user)
    form = UploadForm(request.POST or None, request.FILES or None, organisations=organisations)
    if request.method == "POST" and form.is_valid():
        run = runs.start_run(
            request.user,
            form.people,
            file_name=str(form.cleaned_data["file"].name),
            as_of=date.today(),
            organisation=form.cleaned_data["organisation"],
        )
        return redirect("cohort_run", run_id=run.pk)
    context = {
        "form": form,
        "problems": form.problems,
        "runs": runs.visible_runs(request.user).select_related("owner", "organisation")[:50],
        "max_rows": runs.MAX_ROWS,
        "max_megabytes": MAX_UPLOAD_BYTES // 2**20,
    }
    return render(request, "cohorts/cohorts.html", context, status=422 if form.problems else 200)


@login_required
def template(request: AuthenticatedHttpRequest, fmt: str) -> HttpResponse:
    """The template to fill in: the columns and an example row (the service's)."""
    if fmt == "xlsx":
        response = HttpResponse(template_xlsx(), content_type=XLSX)
    else:
        response = HttpResponse(template_csv(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="cohort-template.{fmt}"'
    return response


def _label_of(by: str) -> Any:
    if by == "kind":
        return lambda value: str(KIND_LABELS.get(Kind(value), value)) if value in Kind.__members__ else value
    return str


@login_required
def run_page(request: AuthenticatedHttpRequest, run_id: int) -> HttpResponse:
    """Progress while the run is checked (the page refreshes itself); then its results."""
    run = runs.visible_run(request.user, run_id)
    worker.start_in_process()
    result = runs.run_result(run)
    context: dict[str, Any] = {"run": run, "result": result, "refresh": run.status in {"queued", "running"}}
    if result is not None:
        rows = result_rows(result)
        page = Paginator(rows, PAGE_SIZE).get_page(request.GET.get("page"))
        context["page"] = page
    return render(request, "cohorts/run.html", context)


@login_required
def run_export(request: AuthenticatedHttpRequest, run_id: int, fmt: str) -> HttpResponse:
    """The results as the service writes them: CSV, XLSX (with the summaries) or JSON."""
    run = runs.visible_run(request.user, run_id)
    result = runs.run_result(run)
    if result is None:
        return HttpResponse(
            _("The run has no results yet."), status=409, content_type="text/plain; charset=utf-8"
        )
    if fmt == "xlsx":
        response = HttpResponse(results_xlsx(result), content_type=XLSX)
    elif fmt == "json":
        body = json.dumps(results_json(result), ensure_ascii=False, indent=2) + "\n"
        response = HttpResponse(body, content_type="application/json")
    else:
        response = HttpResponse(results_csv(result), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="cohort-{run.pk}-results.{fmt}"'
    return response


@login_required
def run_chart(request: AuthenticatedHttpRequest, run_id: int, by: str) -> HttpResponse:
    """Verdicts per state or per kind of route, stacked (the service's SVG, in the reader's words)."""
    run = runs.visible_run(request.user, run_id)
    result = runs.run_result(run)
    if result is None:
        return HttpResponse(status=409)
    title = _("Verdicts per state") if by == "state" else _("Verdicts per kind of route")
    svg = verdict_chart(
        counts_table(result.verdict_counts(CHARTS[by])),
        title=title,
        synthetic=result.synthetic,
        label=_label_of(by),
        verdict_name=lambda v: str(VERDICT_LABELS[Verdict(v)]),
    )
    return HttpResponse(svg, content_type="image/svg+xml")
