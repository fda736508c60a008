"""Web speed under load, printed (not a test). Run: .venv/bin/python benchmarks/web.py [--no-think]

Target from issue 4: the results page and ``POST /api/v1/check`` at 50 concurrent users on loopback
with production settings: p95 <= 150 ms and 0 errors on 2 cores.

What runs: the app with production settings (DEBUG off, a random SECRET_KEY, ALLOWED_HOSTS=127.0.0.1,
a throwaway SQLite database in a temporary folder, migrated, static files collected, API_RATE raised
so the throttle does not answer for the server) under gunicorn on 127.0.0.1, ``--workers 2`` and
optionally ``--threads``. Production cookies are Secure-only; this client keeps its own cookie jar and
sends them over plain http, so no setting is loosened for the loopback run.

How users are modelled (say it with the figures): each of ``--users`` virtual users is a thread with
its own keep-alive connection and session. Before measuring, each user loads a profile into its session
through the wizard's own route (``POST /profile/``, "Try the example profile"; with
``--distinct-profiles`` each imports its own variant through the import form, so no two users share a
rendered page). Then, for ``--duration`` seconds per endpoint, each user sends a request, waits for the
whole answer, and thinks for a random 0.5x-1.5x ``--think`` seconds (default 1 s, like locust's
``wait_time = between(0.5, 1.5)``): about 40 requests a second from 50 users. Users start spread over
one think time. ``--no-think`` removes the think time: a closed-loop saturation test, where p95 then
measures queueing (50 requests always in flight), not the page. The load generator runs on the same
2 cores as the server, which makes the figures slightly pessimistic.

``--profile N`` instead renders each endpoint N times in this process under cProfile (Django's test
Client, same production settings) and prints where the time goes.
"""

from __future__ import annotations

import argparse
import cProfile
import gc
import http.client
import json
import os
import pstats
import random
import re
import secrets
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from http.cookies import SimpleCookie
from importlib import resources
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

from imgpath.engine.profile import parse_profile

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent
HOST = "127.0.0.1"
TARGET_P95_MS = 150.0
CSRF_FIELD = re.compile(rb'name="csrfmiddlewaretoken" value="([^"]+)"')


def example_data() -> dict[str, Any]:
    text = resources.files("imgpath.examples").joinpath("experienced-internist.yaml").read_text("utf-8")
    return parse_profile(text, "example").model_dump(mode="json", exclude_unset=True)


def production_env(var_dir: Path, hosts: str = HOST) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in {"DATABASE_URL", "DEBUG", "EMAIL_URL"}}
    env.update(
        DJANGO_SETTINGS_MODULE="imgpath.web.settings",
        DEBUG="false",
        SECRET_KEY=secrets.token_urlsafe(48),
        ALLOWED_HOSTS=hosts,
        VAR_DIR=str(var_dir),
        API_RATE="1000000/min",  # measure the app, not the throttle (it is per worker anyway)
        SECURE_SSL_REDIRECT="false",
        BEHIND_PROXY="false",
    )
    return env


def prepare(env: dict[str, str]) -> None:
    """Migrate the throwaway database and collect static files, as a deployment would."""
    for command in (["migrate", "--noinput", "-v0"], ["collectstatic", "--noinput", "-v0"]):
        subprocess.run([sys.executable, "-m", "imgpath.web", *command], env=env, check=True, cwd=ROOT)


def free_port() -> int:
    with socket.socket() as s:
        s.bind((HOST, 0))
        return int(s.getsockname()[1])


def start_server(
    env: dict[str, str], port: int, workers: int, threads: int, log: Path
) -> subprocess.Popen[bytes]:
    command = [
        str(BIN / "gunicorn"),
        "imgpath.web.wsgi",
        "--bind",
        f"{HOST}:{port}",
        "--workers",
        str(workers),
        "--threads",
        str(threads),
        "--keep-alive",
        "5",
        "--log-level",
        "warning",
    ]
    server = subprocess.Popen(command, env=env, cwd=ROOT, stdout=log.open("wb"), stderr=subprocess.STDOUT)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise SystemExit(f"gunicorn stopped at start:\n{log.read_text()[-2000:]}")
        try:
            conn = http.client.HTTPConnection(HOST, port, timeout=5)
            conn.request("GET", "/")
            if conn.getresponse().status == 200:
                return server
        except OSError:
            time.sleep(0.2)
    server.terminate()
    raise SystemExit(f"gunicorn did not answer within 60 s:\n{log.read_text()[-2000:]}")


class Visitor:
    """One browser: a keep-alive connection and a cookie jar (Secure cookies sent over loopback http)."""

    def __init__(self, port: int) -> None:
        self.conn = http.client.HTTPConnection(HOST, port, timeout=30)
        self.cookies: dict[str, str] = {}

    def send(
        self, method: str, path: str, body: bytes | None = None, headers: dict[str, str] | None = None
    ) -> tuple[int, bytes, http.client.HTTPResponse]:
        sent = dict(headers or {})
        if self.cookies:
            sent["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        for attempt in (1, 2):
            try:
                self.conn.request(method, path, body=body, headers=sent)
                response = self.conn.getresponse()
                data = response.read()
                break
            except (http.client.RemoteDisconnected, BrokenPipeError, ConnectionResetError):
                self.conn.close()  # the server closed an idle keep-alive connection: reconnect once
                if attempt == 2:
                    raise
        for header in response.headers.get_all("Set-Cookie") or []:
            jar: SimpleCookie = SimpleCookie()
            jar.load(header)
            self.cookies.update({name: morsel.value for name, morsel in jar.items()})
        return response.status, data, response

    def load_profile(self, data: dict[str, Any] | None) -> None:
        """The wizard's route: the example profile, or (``data``) a profile through the import form."""
        status, page, _ = self.send("GET", "/profile/")
        found = CSRF_FIELD.search(page)
        if status != 200 or found is None:
            raise SystemExit(f"GET /profile/ answered {status} without a CSRF field")
        form = {"csrfmiddlewaretoken": found.group(1).decode()}
        form.update({"action": "example"} if data is None else {"action": "import", "text": json.dumps(data)})
        status, _, response = self.send(
            "POST",
            "/profile/",
            urlencode(form).encode(),
            {"Content-Type": "application/x-www-form-urlencoded"},
        )
        if status != 302 or not (response.getheader("Location") or "").endswith("/results/"):
            raise SystemExit(f"loading a profile answered {status} (expected a redirect to /results/)")


@dataclass
class Sample:
    ms: float
    ok: bool


@dataclass
class Phase:
    name: str
    samples: list[Sample] = field(default_factory=list)
    seconds: float = 0.0
    failures: list[str] = field(default_factory=list)


Request = Callable[[Visitor], int]


def run_phase(
    name: str, visitors: list[Visitor], request: Request, duration: float, think: float, seed: int
) -> Phase:
    phase = Phase(name)
    lock = threading.Lock()
    start = time.monotonic()
    stop = start + duration

    def user(index: int, visitor: Visitor) -> None:
        rng = random.Random(seed * 1000 + index)
        if think:
            time.sleep(rng.uniform(0, think))  # arrivals spread over one think time, not one burst
        while time.monotonic() < stop:
            began = time.perf_counter()
            try:
                status = request(visitor)
                ok, problem = 200 <= status < 300, f"HTTP {status}"
            except OSError as error:
                ok, problem = False, f"{type(error).__name__}: {error}"
            sample = Sample((time.perf_counter() - began) * 1000, ok)
            with lock:
                phase.samples.append(sample)
                if not ok and len(phase.failures) < 5:
                    phase.failures.append(problem)
            if think:
                time.sleep(rng.uniform(0.5 * think, 1.5 * think))

    threads = [threading.Thread(target=user, args=(i, v)) for i, v in enumerate(visitors)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    phase.seconds = time.monotonic() - start
    return phase


def percentile(values: list[float], p: int) -> float:
    return statistics.quantiles(values, n=100, method="inclusive")[p - 1] if len(values) > 1 else values[0]


def report(phase: Phase) -> bool:
    times = sorted(s.ms for s in phase.samples)
    errors = sum(not s.ok for s in phase.samples)
    if not times:
        print(f"{phase.name:<22} no requests")
        return False
    p95 = percentile(times, 95)
    met = p95 <= TARGET_P95_MS and errors == 0
    print(
        f"{phase.name:<22} {len(times):>6} {errors:>6} {statistics.median(times):>8.1f} {p95:>8.1f} "
        f"{percentile(times, 99):>8.1f} {times[-1]:>8.1f} {len(times) / phase.seconds:>8.1f}  "
        f"{'meets' if met else 'MISSES'} the target"
    )
    for failure in phase.failures:
        print(f"    e.g. {failure}")
    return met


def load_test(args: argparse.Namespace) -> int:
    body = json.dumps(example_data()).encode()
    json_headers = {"Content-Type": "application/json", "Accept": "application/json"}

    def results_page(v: Visitor) -> int:
        return v.send("GET", "/results/")[0]

    def api_check(v: Visitor) -> int:
        return v.send("POST", "/api/v1/check", body, json_headers)[0]

    endpoints: dict[str, Request] = {"GET /results/": results_page, "POST /api/v1/check": api_check}
    with tempfile.TemporaryDirectory(prefix="imgpath-bench-") as folder:
        env = production_env(Path(folder))
        prepare(env)
        port = free_port()
        server = start_server(env, port, args.workers, args.threads, Path(folder) / "gunicorn.log")
        try:
            visitors = [Visitor(port) for _ in range(args.users)]
            base = example_data()
            for index, visitor in enumerate(visitors):
                variant = None
                if args.distinct_profiles:
                    variant = json.loads(json.dumps(base))
                    variant["preferences"]["budget_usd"] = 5000 + index
                visitor.load_profile(variant)
            think = 0.0 if args.no_think else args.think
            users = "no think time (closed-loop saturation)" if not think else f"think 0.5-1.5 x {think:g} s"
            profiles = "a distinct profile per user" if args.distinct_profiles else "the example profile"
            print(
                f"gunicorn on {HOST}:{port}: {args.workers} workers x {args.threads} thread(s); "
                f"{os.cpu_count()} CPUs on this machine; production settings, SQLite in a temp folder"
            )
            print(
                f"{args.users} users, {users}, {args.duration:g} s per endpoint; {profiles} in each session"
            )
            for name, request in endpoints.items():  # warm both workers: the first request loads the rulebook
                warm = run_phase(name, visitors[: 2 * args.workers], request, 0.1, 0.0, args.seed)
                if warm.samples:
                    slowest = max(s.ms for s in warm.samples)
                    print(f"warm-up {name}: {len(warm.samples)} requests, slowest {slowest:.0f} ms")
            columns = ("reqs", "errors", "median", "p95", "p99", "max", "req/s")
            print(
                f"\n{'endpoint':<22} " + " ".join(f"{c:>{6 if i < 2 else 8}}" for i, c in enumerate(columns))
            )
            print(f"{'':<22} {'':>6} {'':>6} {'ms':>8} {'ms':>8} {'ms':>8} {'ms':>8}")
            met = [
                report(run_phase(name, visitors, request, args.duration, think, args.seed))
                for name, request in endpoints.items()
            ]
            print(f"target: p95 <= {TARGET_P95_MS:.0f} ms and 0 errors per endpoint")
        finally:
            server.terminate()
            server.wait(timeout=30)
    return 0 if all(met) else 1


def profile_in_process(args: argparse.Namespace) -> int:
    """cProfile over N requests per endpoint, Django's test Client, production settings."""
    with tempfile.TemporaryDirectory(prefix="imgpath-profile-") as folder:
        os.environ.update(production_env(Path(folder), hosts=f"{HOST},testserver"))
        import django
        from django.core.management import call_command
        from django.test import Client

        django.setup()
        call_command("migrate", verbosity=0)
        call_command("collectstatic", interactive=False, verbosity=0)
        client = Client()
        client.post("/profile/", {"action": "example"})
        body = json.dumps(example_data())
        requests: dict[str, Callable[[], Any]] = {
            "GET /results/": lambda: client.get("/results/"),
            "POST /api/v1/check": lambda: client.post("/api/v1/check", body, content_type="application/json"),
        }
        for name, request in requests.items():
            assert request().status_code == 200, name  # warm: rulebook loaded, fragments cached
            gc.freeze()  # as the WSGI entry does after loading the rulebook
            profiler = cProfile.Profile()
            began = time.perf_counter()
            profiler.enable()
            for _ in range(args.profile):
                request()
            profiler.disable()
            each = (time.perf_counter() - began) * 1000 / args.profile
            print(
                f"\n=== {name}: {each:.1f} ms a request in one process (under cProfile), by cumulative time"
            )
            stats = pstats.Stats(profiler).strip_dirs()
            ours = r"(evaluate|serialize|views|results|tilemap|api|encoder|operation|loader_tags)\.py"
            stats.sort_stats("cumulative").print_stats(ours, 12)
            stats.sort_stats("tottime").print_stats(12)
    return 0


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--users", type=int, default=50)
    parser.add_argument("--duration", type=float, default=30.0, help="seconds per endpoint")
    parser.add_argument("--think", type=float, default=1.0, help="mean think time between requests, seconds")
    parser.add_argument("--no-think", action="store_true", help="closed-loop saturation: no think time")
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument(
        "--threads", type=int, default=1, help="gunicorn threads per worker (gthread when > 1)"
    )
    parser.add_argument("--distinct-profiles", action="store_true", help="each user imports its own profile")
    parser.add_argument("--seed", type=int, default=4)
    parser.add_argument("--profile", type=int, metavar="N", help="cProfile N requests per endpoint instead")
    args = parser.parse_args()
    return profile_in_process(args) if args.profile else load_test(args)


if __name__ == "__main__":
    sys.exit(main())
