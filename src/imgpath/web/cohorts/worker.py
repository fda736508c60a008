"""The queue's worker inside the web process, for ``make run`` (``TASKS_IN_PROCESS=true``): one daemon
thread per process running django-tasks-db's own worker loop, started the first time a cohort page
or upload needs it. Production runs ``python -m imgpath.web db_worker`` as its own process instead."""

from __future__ import annotations

import os
import threading

from django.conf import settings

_started = False
_lock = threading.Lock()


def start_in_process() -> bool:
    """Start the thread once, when the settings ask for it; True when this call started it."""
    global _started
    if not settings.TASKS_IN_PROCESS:
        return False
    with _lock:
        if _started:
            return False
        _started = True
    threading.Thread(target=_work, name="imgpath-tasks", daemon=True).start()
    return True


def _work() -> None:  # pragma: no cover (a loop that never ends; the worker is django-tasks-db's)
    from django_tasks_db.management.commands.db_worker import Worker

    Worker(
        queue_names=["default"],
        interval=1.0,
        batch=False,
        backend_name="default",
        startup_delay=False,
        max_tasks=None,
        worker_id=f"in-process-{os.getpid()}",
        excluded_queue_names=[],
    ).run()
