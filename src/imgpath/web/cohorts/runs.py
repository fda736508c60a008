"""Cohort runs, between the web and the cohort service: who sees which run, starting one from people
already read, checking it (the background task's body), and its answers kept as JSON and read back
as the service's own ``CohortResult``, so the pages and exports say exactly what the service says."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import Any

from django.contrib.auth.models import AnonymousUser
from django.contrib.auth.models import User as Account
from django.db.models import Q, QuerySet
from django.http import Http404
from django.utils import timezone

from imgpath.cohort import Answer, CohortResult, Person, RouteSummary, check_cohort
from imgpath.engine import Profile
from imgpath.rulebook import default_rulebook
from imgpath.web.advising.models import Organisation
from imgpath.web.cohorts.models import CohortRun

User = Account | AnonymousUser

MAX_ROWS = 10_000
"""People in one file or batch checked on the site: a few seconds of a worker's time."""
PROGRESS_STEPS = 20
"""How often, at most, a run's progress is written while it is checked."""


def visible_runs(user: User) -> QuerySet[CohortRun]:
    """The runs ``user`` may see: their own, and those made for an organisation they advise for."""
    if not user.is_authenticated:
        return CohortRun.objects.none()
    return CohortRun.objects.filter(Q(owner=user) | Q(organisation__memberships__user=user)).distinct()


def visible_run(user: User, run_id: int) -> CohortRun:
    """The run ``run_id`` if ``user`` may see it; Http404 otherwise, as for any other account's object."""
    found = visible_runs(user).filter(pk=run_id).first()
    if found is None:
        raise Http404
    return found


def start_run(
    owner: Account,
    people: Sequence[Person],
    *,
    file_name: str,
    as_of: date,
    organisation: Organisation | None = None,
) -> CohortRun:
    """Keep the people read and queue their check: the run's page shows its progress."""
    from imgpath.web.cohorts import tasks, worker

    run = CohortRun.objects.create(
        owner=owner,
        organisation=organisation,
        file_name=file_name[:200],
        rows=len(people),
        total=len(people),
        as_of=as_of,
        people=[
            {
                "id": p.id,
                "synthetic": p.synthetic,
                "profile": p.profile.model_dump(mode="json", exclude_unset=True),
            }
            for p in people
        ],
    )
    worker.start_in_process()
    tasks.check_run.enqueue(run.pk)
    return run


def execute(run_id: int) -> None:
    """Check a queued run, writing its progress as it goes and its answers at the end."""
    run = CohortRun.objects.filter(pk=run_id, status=CohortRun.Status.queued).first()
    if run is None:  # already checked, or deleted since
        return
    CohortRun.objects.filter(pk=run_id).update(status=CohortRun.Status.running)
    people = [
        Person(entry["id"], index + 2, Profile.model_validate(entry["profile"]), bool(entry["synthetic"]))
        for index, entry in enumerate(run.people)
    ]

    def progress(done: int, total: int) -> None:
        CohortRun.objects.filter(pk=run_id).update(done=done, total=total)

    try:
        result = check_cohort(
            people,
            default_rulebook(),
            run.as_of,
            chunk=max(50, len(people) // PROGRESS_STEPS),
            progress=progress,
        )
    except Exception:
        CohortRun.objects.filter(pk=run_id).update(status=CohortRun.Status.failed, finished=timezone.now())
        raise
    CohortRun.objects.filter(pk=run_id).update(
        status=CohortRun.Status.done,
        done=len(people),
        result=result_data(result),
        people=[],
        finished=timezone.now(),
    )


def _day(value: date | None) -> str | None:
    return value.isoformat() if value else None


def _date(value: str | None) -> date | None:
    return date.fromisoformat(value) if value else None


def result_data(result: CohortResult) -> dict[str, Any]:
    """A ``CohortResult`` as JSON: each distinct answer once, and each person's index into them."""
    return {
        "as_of": result.as_of.isoformat(),
        "ids": result.ids,
        "answer_of": result.answer_of,
        "answers": [
            {
                "routes": [
                    [
                        r.verdict,
                        r.deciding,
                        _day(r.eligible_from),
                        _day(r.eligible_until),
                        r.open_questions,
                        r.applies,
                    ]
                    for r in answer.routes
                ],
                "best": answer.best,
                "deadline": answer.deadline,
            }
            for answer in result.answers
        ],
        "route_ids": result.route_ids,
        "jurisdictions": result.jurisdictions,
        "kinds": result.kinds,
        "synthetic": result.synthetic,
    }


def result_from(data: dict[str, Any]) -> CohortResult:
    """The ``CohortResult`` that ``result_data`` wrote."""
    answers = [
        Answer(
            tuple(
                RouteSummary(verdict, deciding, _date(start), _date(end), int(questions), bool(applies))
                for verdict, deciding, start, end, questions, applies in entry["routes"]
            ),
            entry["best"],
            entry["deadline"],
        )
        for entry in data["answers"]
    ]
    return CohortResult(
        date.fromisoformat(data["as_of"]),
        list(data["ids"]),
        list(data["answer_of"]),
        answers,
        list(data["route_ids"]),
        list(data["jurisdictions"]),
        list(data["kinds"]),
        bool(data["synthetic"]),
    )


def run_result(run: CohortRun) -> CohortResult | None:
    return result_from(run.result) if run.status == CohortRun.Status.done and run.result else None
