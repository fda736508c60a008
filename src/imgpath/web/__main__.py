"""``python -m imgpath.web COMMAND``: Django's management commands for this project.

    DEBUG=true python -m imgpath.web migrate
    DEBUG=true python -m imgpath.web demo            # demo content, marked as demo
    DEBUG=true python -m imgpath.web runserver 127.0.0.1:8000

Production: ``gunicorn imgpath.web.wsgi --bind 127.0.0.1:8000 --workers 2 --threads 8 --keep-alive 0``
with SECRET_KEY, ALLOWED_HOSTS and DATABASE_URL set (see settings.py and the web README).
"""

from __future__ import annotations

import os
import sys


def main(argv: list[str] | None = None) -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "imgpath.web.settings")
    from django.core.management import execute_from_command_line

    execute_from_command_line(["python -m imgpath.web", *(sys.argv[1:] if argv is None else argv)])


if __name__ == "__main__":
    main()
