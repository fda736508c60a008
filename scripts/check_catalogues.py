"""Fail when a web catalogue cannot say every message: a template missing, untranslated or fuzzy, or
a translation whose named placeholders or their formats (``{need_days:span}``) differ from English.

    python scripts/check_catalogues.py

``make check`` runs it; ``tests/web/test_web_i18n.py`` asserts the same.
"""

from __future__ import annotations

import sys

from imgpath.web.catalogues import catalogue_paths, message_problems, read_catalogue


def main() -> int:
    problems = [
        f"{path.parent.parent.name}: {problem}"
        for path in catalogue_paths()
        for problem in message_problems(read_catalogue(path))
    ]
    for problem in problems:
        print(problem)
    if problems:
        print(f"{len(problems)} message translations missing or wrong; translate them in the .po files")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
