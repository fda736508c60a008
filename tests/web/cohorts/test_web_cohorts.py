"""Cohorts on the site and the API: a bad file changes nothing and names its rows and columns, a good
one is checked in the background and says exactly what the cohort service says, and nobody but its
owner (and the advisers of the organisation it was made for) sees a run.

Personas: alice uploads, bob is another account, carol advises for alice's organisation."""

from __future__ import annotations

import csv
import io
import json
from datetime import date
from typing import Any

import pytest
from django.contrib.auth.models import User
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from openpyxl import load_workbook

from clock import TODAY
from imgpath.cohort import (
    check_cohort,
    read_csv,
    result_rows,
    results_csv,
    results_json,
    synthetic_rows,
    template_columns,
)
from imgpath.rulebook import default_rulebook
from imgpath.web.advising.models import Membership, Organisation
from imgpath.web.cohorts import runs
from imgpath.web.cohorts.models import CohortRun
from passwords import PASSWORD

RUN_URLS = [
    "/cohorts/{id}/",
    "/cohorts/{id}/results.csv",
    "/cohorts/{id}/results.xlsx",
    "/cohorts/{id}/results.json",
    "/cohorts/{id}/chart-state.svg",
    "/cohorts/{id}/chart-kind.svg",
    "/api/v1/cohorts/{id}",
]
"""Every URL that takes a run's id."""


def _csv_bytes(rows: list[dict[str, Any]]) -> bytes:
    columns = ["id", "synthetic", *[c for c in template_columns() if c != "id"]]
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=columns, extrasaction="ignore", lineterminator="\n")
    writer.writeheader()
    for row in rows:
        writer.writerow({k: "" if v is None else v for k, v in row.items()})
    return out.getvalue().encode()


@pytest.fixture
def cohort_file() -> bytes:
    return _csv_bytes(synthetic_rows(12, seed=7, as_of=TODAY))


@pytest.fixture
def carol(db: None) -> User:
    return User.objects.create_user("carol", "carol@example.org", PASSWORD)


@pytest.fixture
def organisation(alice: User, carol: User) -> Organisation:
    found = Organisation.objects.create(name="Welcome Back", slug="welcome-back")
    Membership.objects.create(organisation=found, user=alice)
    Membership.objects.create(organisation=found, user=carol)
    return found


def _upload(client: Client, name: str, content: bytes, **extra: Any) -> Any:
    return client.post("/cohorts/", {"file": SimpleUploadedFile(name, content), **extra})


@pytest.fixture
def run(as_alice: Client, cohort_file: bytes) -> CohortRun:
    response = _upload(as_alice, "clients.csv", cohort_file)
    assert response.status_code == 302
    return CohortRun.objects.get()


def _expected(content: bytes) -> Any:
    people = read_csv(io.BytesIO(content))
    return check_cohort(people, default_rulebook(), TODAY)


def test_a_file_with_a_bad_row_changes_nothing_and_names_the_row_and_column(as_alice: Client) -> None:
    rows = synthetic_rows(3, seed=7, as_of=TODAY)
    rows[1]["medical_school.graduated"] = "2012-13"
    response = _upload(as_alice, "clients.csv", _csv_bytes(rows))
    assert response.status_code == 422
    page = response.content.decode()
    assert "The file was not saved" in page
    assert "<td>3</td><td><bdi>medical_school.graduated</bdi></td>" in page
    assert CohortRun.objects.count() == 0


def test_a_file_that_is_no_spreadsheet_is_refused(as_alice: Client) -> None:
    response = _upload(as_alice, "clients.txt", b"id\na\n")
    assert response.status_code == 200
    assert "Upload a .csv or .xlsx file" in response.content.decode()
    assert CohortRun.objects.count() == 0


def test_a_good_file_runs_and_shows_what_the_service_says(
    as_alice: Client, run: CohortRun, cohort_file: bytes
) -> None:
    run.refresh_from_db()
    assert (run.status, run.done, run.total, run.rows) == ("done", 12, 12, 12)
    assert run.finished is not None
    assert run.people == []
    expected = _expected(cohort_file)
    page = as_alice.get(f"/cohorts/{run.pk}/").content.decode()
    assert "12 of 12 people checked" in page
    assert 'http-equiv="refresh"' not in page
    for row in result_rows(expected):
        assert f"<bdi>{row['id']}</bdi>" in page
    assert run.result is not None
    assert runs.result_data(runs.result_from(run.result)) == run.result


def test_the_exports_are_the_service_s(as_alice: Client, run: CohortRun, cohort_file: bytes) -> None:
    expected = _expected(cohort_file)
    assert as_alice.get(f"/cohorts/{run.pk}/results.csv").content.decode() == results_csv(expected)
    assert json.loads(as_alice.get(f"/cohorts/{run.pk}/results.json").content) == results_json(expected)
    book = load_workbook(io.BytesIO(as_alice.get(f"/cohorts/{run.pk}/results.xlsx").content), read_only=True)
    sheet = [list(r) for r in book["results"].iter_rows(values_only=True)]
    assert [str(v) for v in sheet[1][:1]] == [result_rows(expected)[0]["id"]]
    assert len(sheet) == 13
    chart = as_alice.get(f"/cohorts/{run.pk}/chart-state.svg")
    assert chart["Content-Type"] == "image/svg+xml"
    assert b"<svg" in chart.content


def test_a_queued_run_shows_its_progress_and_refreshes(as_alice: Client, alice: User) -> None:
    queued = CohortRun.objects.create(owner=alice, file_name="x.csv", rows=5, total=5, done=2, as_of=TODAY)
    page = as_alice.get(f"/cohorts/{queued.pk}/").content.decode()
    assert "2 of 5 people checked" in page
    assert '<meta http-equiv="refresh" content="2">' in page
    assert as_alice.get(f"/cohorts/{queued.pk}/results.csv").status_code == 409


def test_the_template_comes_in_both_formats(as_alice: Client) -> None:
    assert as_alice.get("/cohorts/template.csv").content.decode().startswith("id,")
    book = load_workbook(io.BytesIO(as_alice.get("/cohorts/template.xlsx").content))
    assert next(book.worksheets[0].iter_rows(values_only=True))[0] == "id"


@pytest.mark.parametrize("url", RUN_URLS)
def test_another_account_sees_no_run(as_bob: Client, run: CohortRun, url: str) -> None:
    assert as_bob.get(url.format(id=run.pk)).status_code == 404


@pytest.mark.parametrize("url", RUN_URLS)
def test_anonymous_visitors_see_no_run(anonymous: Client, run: CohortRun, url: str) -> None:
    assert anonymous.get(url.format(id=run.pk)).status_code in (302, 401)


def test_advisers_of_the_run_s_organisation_see_it(
    as_alice: Client, carol: User, organisation: Organisation, cohort_file: bytes
) -> None:
    _upload(as_alice, "clients.csv", cohort_file, organisation=organisation.pk)
    shared = CohortRun.objects.get()
    assert shared.organisation == organisation
    as_carol = Client()
    as_carol.force_login(carol)
    assert as_carol.get(f"/cohorts/{shared.pk}/").status_code == 200


def test_every_url_with_a_run_id_is_in_the_authorisation_tests() -> None:
    from django.urls import get_resolver

    found = set()
    for pattern in get_resolver().url_patterns:
        for inner in getattr(pattern, "url_patterns", []):
            route = str(inner.pattern)
            if "<int:run_id>" in route:
                found.add("/" + route.replace("<int:run_id>", "{id}"))
    assert found == {u for u in RUN_URLS if not u.startswith("/api/")}


def test_uploads_need_the_csrf_token(alice: User, cohort_file: bytes) -> None:
    client = Client(enforce_csrf_checks=True)
    client.force_login(alice)
    assert _upload(client, "clients.csv", cohort_file).status_code == 403
    assert CohortRun.objects.count() == 0


def test_the_api_queues_a_json_batch_and_gives_its_results(
    as_alice: Client, example_data: dict[str, Any]
) -> None:
    response = as_alice.post(
        "/api/v1/cohorts", json.dumps([example_data, example_data]), content_type="application/json"
    )
    assert response.status_code == 202
    queued = response.json()
    assert queued["status_url"] == f"/api/v1/cohorts/{queued['id']}"
    status = as_alice.get(queued["status_url"]).json()
    assert (status["status"], status["done"], status["total"]) == ("done", 2, 2)
    from imgpath.engine import Profile

    profiles = [Profile.model_validate(example_data)] * 2
    expected = check_cohort(profiles, default_rulebook(), TODAY, ids=["row-1", "row-2"])
    assert status["results"] == results_json(expected)


def test_the_api_takes_a_csv_and_refuses_a_bad_one_whole(as_alice: Client, cohort_file: bytes) -> None:
    bad = cohort_file.replace(b"\n", b"\n,,\n", 1) + b"x,notabool\n"
    refused = as_alice.post("/api/v1/cohorts", bad, content_type="text/csv")
    assert refused.status_code == 422
    assert refused.json()["errors"]
    assert CohortRun.objects.count() == 0
    ok = as_alice.post("/api/v1/cohorts", cohort_file, content_type="text/csv")
    assert ok.status_code == 202
    assert as_alice.get(ok.json()["status_url"]).json()["results"] == results_json(_expected(cohort_file))


def test_the_api_bounds_a_json_batch_and_needs_a_session(
    as_alice: Client, anonymous: Client, example_data: dict[str, Any]
) -> None:
    too_many = json.dumps([example_data] * 1001)
    assert as_alice.post("/api/v1/cohorts", too_many, content_type="application/json").status_code == 422
    assert anonymous.post("/api/v1/cohorts", "[{}]", content_type="application/json").status_code == 401
    assert CohortRun.objects.count() == 0


def test_the_run_is_checked_as_of_the_upload_day(run: CohortRun) -> None:
    assert run.as_of == TODAY == date(2026, 11, 25)


@pytest.mark.django_db(transaction=True)
def test_on_the_database_queue_a_run_waits_for_the_worker_and_then_is_done(cohort_file: bytes) -> None:
    """Production's path: the upload only queues the check; the worker (db_worker's loop) runs it."""
    from django.test import override_settings
    from django_tasks_db.management.commands.db_worker import Worker

    owner = User.objects.create_user("dora", "dora@example.org", PASSWORD)
    client = Client()
    client.force_login(owner)
    with override_settings(TASKS={"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}):
        assert _upload(client, "clients.csv", cohort_file).status_code == 302
        queued = CohortRun.objects.get()
        assert (queued.status, queued.done) == ("queued", 0)
        assert 'http-equiv="refresh"' in client.get(f"/cohorts/{queued.pk}/").content.decode()
        Worker(
            queue_names=["default"],
            interval=0,
            batch=True,
            backend_name="default",
            startup_delay=False,
            max_tasks=None,
            worker_id="test",
            excluded_queue_names=[],
        ).run()
    queued.refresh_from_db()
    assert (queued.status, queued.done, queued.total) == ("done", 12, 12)
    assert client.get(f"/cohorts/{queued.pk}/results.csv").content.decode() == results_csv(
        _expected(cohort_file)
    )


def test_the_in_process_worker_starts_only_when_asked(settings: Any) -> None:
    from imgpath.web.cohorts import worker

    settings.TASKS_IN_PROCESS = False
    assert worker.start_in_process() is False


def test_an_xlsx_upload_runs_too(as_alice: Client) -> None:
    from imgpath.cohort import template_xlsx

    response = _upload(as_alice, "template.xlsx", template_xlsx())
    assert response.status_code == 302
    assert CohortRun.objects.get().status == "done"
    assert CohortRun.objects.get().rows == 1


def test_the_pages_speak_the_reader_s_language(as_alice: Client, run: CohortRun) -> None:
    page = as_alice.get(f"/cohorts/{run.pk}/", HTTP_ACCEPT_LANGUAGE="es").content.decode()
    assert "12 de 12 personas comprobadas" in page
    upload = as_alice.get("/cohorts/", HTTP_ACCEPT_LANGUAGE="ar").content.decode()
    assert "افحص الملف" in upload
