"""The API's full and light answers, side by side, printed (not a test). Run: make bench (or
.venv/bin/python benchmarks/answers.py [--rounds 7] [--requests 20])

Goal from issue 12: ``?fields=summary`` on ``POST /api/v1/check`` and ``POST /api/v1/plan`` at most
60 KB uncompressed for the example profile, and at least 3 times the full form's throughput.

What runs: the app in this process with production settings (DEBUG off, a throwaway SQLite database,
migrated, static files collected; the API rate unlimited), called through Django's test Client, so
every middleware runs (the gzip one too) but no socket or server does. Sizes are each answer's
bytes, as sent without and with ``Accept-Encoding: gzip``. Throughput: one round sends
``--requests`` requests of each form one after another and counts requests per second; the rounds
alternate the forms (so a busy neighbour slows both alike) and the median of ``--rounds`` rounds is
printed, for a client that sends no Accept-Encoding and for one that accepts gzip (the server then
compresses every answer, which costs it time too).
"""

from __future__ import annotations

import argparse
import gc
import json
import os
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

from web import HOST, example_data, production_env  # the load benchmark's settings and profile

SUMMARY_BUDGET = 60 * 1024
THROUGHPUT_GOAL = 3.0
ENDPOINTS = ("/api/v1/check", "/api/v1/plan")
FORMS = ("full", "summary")


def _kb(size: int) -> str:
    return f"{size / 1024:,.1f} KB"


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--rounds", type=int, default=7)
    parser.add_argument("--requests", type=int, default=20, help="requests of each form per round")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="imgpath-answers-") as folder:
        os.environ.update(production_env(Path(folder), hosts=f"{HOST},testserver"))
        import django
        from django.core.management import call_command
        from django.test import Client

        django.setup()
        call_command("migrate", verbosity=0)
        call_command("collectstatic", interactive=False, verbosity=0)
        client = Client()
        body = json.dumps(example_data())

        def sender(url: str, gzip: bool) -> Callable[[], Any]:
            headers = {"Accept-Encoding": "gzip"} if gzip else {}
            return lambda: client.post(url, body, content_type="application/json", headers=headers)

        met = True
        for endpoint in ENDPOINTS:
            urls = {form: endpoint + ("?fields=summary" if form == "summary" else "") for form in FORMS}
            sizes: dict[tuple[str, bool], int] = {}
            for form, url in urls.items():
                for gzip in (False, True):
                    response = sender(url, gzip)()
                    assert response.status_code == 200, (url, response.status_code)
                    assert (response.get("Content-Encoding") == "gzip") == gzip, url
                    sizes[form, gzip] = len(response.content)
            gc.freeze()  # as the WSGI entry does after loading the rulebook
            rates: dict[tuple[str, bool], list[float]] = {(f, g): [] for f in FORMS for g in (False, True)}
            for _ in range(args.rounds):
                for (form, gzip), found in rates.items():
                    send = sender(urls[form], gzip)
                    began = time.perf_counter()
                    for _ in range(args.requests):
                        send()
                    found.append(args.requests / (time.perf_counter() - began))
            rounds = f"{args.rounds} rounds of {args.requests} requests each"
            print(f"POST {endpoint}, the example profile ({rounds}):")
            for form in FORMS:
                print(
                    f"  {form:>7}: {_kb(sizes[form, False]):>10} raw, {_kb(sizes[form, True]):>9} gzipped; "
                    f"{statistics.median(rates[form, False]):6.1f} req/s, "
                    f"{statistics.median(rates[form, True]):6.1f} req/s gzipped (medians)"
                )
            for gzip in (False, True):
                ratio = statistics.median(rates["summary", gzip]) / statistics.median(rates["full", gzip])
                ok = ratio >= THROUGHPUT_GOAL
                met &= ok
                print(
                    f"  summary/full throughput{' gzipped' if gzip else ''}: {ratio:.1f}x "
                    f"(goal >= {THROUGHPUT_GOAL:g}x: {'met' if ok else 'MISSED'})"
                )
            small = sizes["summary", False] <= SUMMARY_BUDGET
            met &= small
            smaller = sizes["full", False] / sizes["summary", False]
            print(
                f"  summary size: {_kb(sizes['summary', False])} raw, {smaller:.0f}x smaller than full "
                f"(goal <= {_kb(SUMMARY_BUDGET)}: {'met' if small else 'MISSED'})"
            )
    return 0 if met else 1


if __name__ == "__main__":
    sys.exit(main())
