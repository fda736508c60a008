"""WSGI entry for gunicorn: ``gunicorn imgpath.web.wsgi`` (see __main__ for the full command)."""

import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "imgpath.web.settings")
application = get_wsgi_application()
