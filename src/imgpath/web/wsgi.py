"""WSGI entry for gunicorn: ``gunicorn imgpath.web.wsgi`` (see __main__ for the full command)."""

import gc
import os

from django.core.wsgi import get_wsgi_application

from imgpath.rulebook import default_rulebook

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "imgpath.web.settings")
application = get_wsgi_application()

# Load the rulebook before the first request, then exempt everything loaded so far from the cyclic
# garbage collector: otherwise its full collections walk the whole rulebook while a request waits
# (benchmarks/web.py: POST /api/v1/check p95 58 ms -> 8 ms in one process). Objects are still freed
# by reference counting; only cycles among these long-lived objects are never collected.
default_rulebook()
gc.freeze()
