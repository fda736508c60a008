"""The cohorts' background task: Django's task framework (the django-tasks backport) runs it on the
backend of ``settings.TASKS`` (the database queue; the immediate backend in tests)."""

from __future__ import annotations

from django_tasks import task

from imgpath.web.cohorts import runs


@task()
def check_run(run_id: int) -> None:
    """Check a queued cohort run (``runs.execute``)."""
    runs.execute(run_id)
