"""Settings for the test suite: development defaults, a fast password hasher, the env's database.

``DATABASE_URL`` still decides the database, so the same tests run on SQLite and PostgreSQL.
"""

from __future__ import annotations

import os

os.environ.setdefault("DEBUG", "true")

from imgpath.web.settings import *  # noqa: F403

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]  # speed only; production: Argon2
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
# a cache in memory, cleared before each test, so tests need no database to render a page; the
# database cache and Redis are tested on their own (test_web_shared_state.py)
CACHES = {
    "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "imgpath-tests"},
}
CACHE_URL = None
# a task runs at once, in the request that queues it: the tests see its outcome without a worker
TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
TASKS_IN_PROCESS = False
