"""Run the web test suite a second time on PostgreSQL (``make test`` calls this after the SQLite run).

The database is ``TEST_DATABASE_URL`` (default: the local server, postgres://postgres@127.0.0.1:5432/test;
Django's test runner creates and drops its own ``test_...`` database there). Without a reachable
server the suite is skipped and says so; with ``REQUIRE_POSTGRES=1`` (CI) that is a failure.
"""

from __future__ import annotations

import os
import subprocess
import sys

DEFAULT_URL = "postgres://postgres@127.0.0.1:5432/test"


def reachable(url: str) -> str | None:
    """None when a connection works, else the reason it does not."""
    import psycopg

    try:
        with psycopg.connect(url.replace("postgres://", "postgresql://", 1), connect_timeout=3):
            return None
    except psycopg.Error as error:
        return str(error).strip().splitlines()[0]


def main() -> int:
    url = os.environ.get("TEST_DATABASE_URL", DEFAULT_URL)
    problem = reachable(url)
    if problem is not None:
        print(f"PostgreSQL suite SKIPPED: cannot reach {url} ({problem})", flush=True)
        return 1 if os.environ.get("REQUIRE_POSTGRES") == "1" else 0
    print(f"PostgreSQL suite: tests/web on {url}", flush=True)
    env = {**os.environ, "DATABASE_URL": url}
    return subprocess.call([sys.executable, "-m", "pytest", "tests/web", "-p", "no:cacheprovider"], env=env)


if __name__ == "__main__":
    sys.exit(main())
