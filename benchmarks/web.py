"""Web speed under load, printed (not a test). Run: .venv/bin/python benchmarks/web.py [--no-think]
[--no-hostile]

Target from issue 4: the results page and ``POST /api/v1/check`` at 50 concurrent users on loopback
with production settings: p95 <= 150 ms and 0 errors on 2 cores. Goal from issue 9: beside a hostile
mix, the same users' p95 at most twice as high, still with 0 errors.

What runs: the app with production settings (DEBUG off, a random SECRET_KEY, ALLOWED_HOSTS=127.0.0.1,
a throwaway SQLite database in a temporary folder, migrated, static files collected; the cache and the
throttle counts in that database, or in Redis when ``CACHE_URL`` is set in the environment) under
gunicorn on 127.0.0.1, ``--workers 2 --threads 8 --keep-alive 0`` as in production. Production
cookies are Secure-only; this client keeps its own cookie jar and sends them over plain http, so no
setting is loosened for the loopback run.

Addresses: all load comes from 127.0.0.1, so the per-address throttles would count every user as one
visitor. The server therefore runs as behind our own proxy (``BEHIND_PROXY=true``): it names a client
by the last X-Forwarded-For entry, and each virtual user sends its own address (198.18.0.0/15, the
range set aside for benchmarks), as a proxy would. The client sends no X-Forwarded-Proto, so the
proxy's https header is never claimed and requests stay plain http (no SSL redirect, no strict
Referer check). The page and API rates are production's when no user can reach them in one phase
(think 1 s, 30 s: at most 60 requests); else they are raised to twice the most one user can send in
a minute, so those throttles never answer a normal user yet still limit an attacker. The chart and
import rates keep their production values.

How users are modelled (say it with the figures): each of ``--users`` virtual users is a thread with
its own keep-alive connection and session. Before measuring, each user loads a profile into its session
through the wizard's own route (``POST /profile/``, "Try the example profile"; with
``--distinct-profiles`` each imports its own variant through the import form, so no two users share a
rendered page). Then, for ``--duration`` seconds per endpoint, each user sends a request, waits for the
whole answer, and thinks for a random 0.5x-1.5x ``--think`` seconds (default 1 s, like locust's
``wait_time = between(0.5, 1.5)``): about 40 requests a second from 50 users. Users start spread over
one think time. ``--no-think`` removes the think time: a closed-loop saturation test, where p95 then
measures queueing (50 requests always in flight), not the page (the page and API rates are then
unlimited, for the flood too). The load generator runs on the same 2 cores as the server, which makes
the figures slightly pessimistic.

The hostile mix (on by default; ``--no-hostile`` skips it): the users' workload runs a second time
beside ``--attackers`` threads (4) with no think time, in a process of their own (as another machine
would be; in the users' process they would add interpreter-lock waits to the users' times), all from
``--attacker-addresses`` addresses (1: one machine, which per-address throttles can tell from the
users). Each round an attacker pastes
a profile no cache has seen into the import form (the example, moved some days on, with its own
budget), asks for ``/plans/chart.svg`` and one route's ``chart.svg`` (the next route each round), then
``/states/`` and ``POST /api/v1/check`` with that profile. The flood lasts both endpoints' phases; its
answers are counted by request and status (ok: 302 for the import, 200 else; 429; other). Throttle
windows are fixed and a minute long, so the first phase meets the burst each window allows.

``--profile N`` instead renders each endpoint N times in this process under cProfile (Django's test
Client, same production settings) and prints where the time goes.
"""

from __future__ import annotations

import argparse
import cProfile
import gc
import http.client
import itertools
import json
import math
import multiprocessing
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
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, timedelta
from http.cookies import SimpleCookie
from importlib import resources
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

from imgpath.engine.profile import Profile, parse_profile
from imgpath.planner.plans import plan
from imgpath.rulebook.loader import default_rulebook

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent
HOST = "127.0.0.1"
TARGET_P95_MS = 150.0
GOAL_RATIO = 2.0
"""Issue 9: normal users' p95 beside the hostile mix, as a multiple of their p95 alone."""
UNLIMITED_RATE = "999999/min"  # the most the settings accept
CSRF_FIELD = re.compile(rb'name="csrfmiddlewaretoken" value="([^"]+)"')
JSON_HEADERS = {"Content-Type": "application/json", "Accept": "application/json"}
FORM_HEADERS = {"Content-Type": "application/x-www-form-urlencoded"}


def example_data() -> dict[str, Any]:
    text = resources.files("imgpath.examples").joinpath("experienced-internist.yaml").read_text("utf-8")
    return parse_profile(text, "example").model_dump(mode="json", exclude_unset=True)


def production_env(
    var_dir: Path, hosts: str = HOST, user_rate: str | None = UNLIMITED_RATE
) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in {"DATABASE_URL", "DEBUG", "EMAIL_URL"}}
    env.update(
        DJANGO_SETTINGS_MODULE="imgpath.web.settings",
        DEBUG="false",
        SECRET_KEY=secrets.token_urlsafe(48),
        ALLOWED_HOSTS=hosts,
        VAR_DIR=str(var_dir),
        SECURE_SSL_REDIRECT="false",
        # clients named by their X-Forwarded-For address; none claims https (no X-Forwarded-Proto)
        BEHIND_PROXY="true",
    )
    if user_rate is not None:  # else the production rates, for the users and the flood alike
        env.update(API_RATE=user_rate, PAGE_RATE=user_rate)
    return env


PRODUCTION_RATE = 60
"""The lower of the production page and API rates per address and minute (API_RATE's 60/min)."""


def user_rate(think: float, duration: float) -> str | None:
    """None (the production rates) when one user cannot reach them: at most a request every half
    think time during one endpoint's phase, and the phases of one endpoint are a minute apart. Else
    twice the most one user can send in a minute; unlimited without think time."""
    if not think:
        return UNLIMITED_RATE
    most = math.ceil(min(duration, 60) / (0.5 * think))
    return None if most <= PRODUCTION_RATE else f"{min(999999, math.ceil(2 * 60 / (0.5 * think)))}/min"


def user_address(index: int) -> str:
    """A virtual user's own address, in the benchmarking range 198.18.0.0/15."""
    return f"198.18.{index // 250}.{index % 250 + 1}"


def example_routes() -> list[str]:
    """The example's licensure routes, best first: the attackers draw one's chart per round."""
    profile = Profile.model_validate(example_data())
    return [p.pathway for p in plan(profile, default_rulebook(), as_of=profile.evaluation_date()).plans]


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
        "--keep-alive",  # as in production: a kept-alive connection would stay with one process
        "0",
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


def profile_form(token: str, data: dict[str, Any] | None) -> bytes:
    """The wizard's form: the example, or ``data`` pasted into the import form as JSON (which the
    YAML loader reads)."""
    form = {"csrfmiddlewaretoken": token}
    form.update({"action": "example"} if data is None else {"action": "import", "text": json.dumps(data)})
    return urlencode(form).encode()


class Visitor:
    """One browser: a keep-alive connection, a cookie jar (Secure cookies sent over loopback http) and
    the address our proxy would have seen it from (sent as X-Forwarded-For)."""

    def __init__(self, port: int, address: str) -> None:
        self.conn = http.client.HTTPConnection(HOST, port, timeout=30)
        self.cookies: dict[str, str] = {}
        self.address = address

    def send(
        self, method: str, path: str, body: bytes | None = None, headers: dict[str, str] | None = None
    ) -> tuple[int, bytes, http.client.HTTPResponse]:
        sent = {**(headers or {}), "X-Forwarded-For": self.address}
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

    def csrf_token(self) -> str | None:
        """The wizard's CSRF token (its cookie lands in the jar); None when /profile/ has none."""
        status, page, _ = self.send("GET", "/profile/")
        found = CSRF_FIELD.search(page)
        return found.group(1).decode() if status == 200 and found else None

    def post_profile(self, token: str, data: dict[str, Any] | None) -> tuple[int, str]:
        """``POST /profile/`` (see ``profile_form``): the status and the redirect's Location."""
        status, _, response = self.send("POST", "/profile/", profile_form(token, data), FORM_HEADERS)
        return status, response.getheader("Location") or ""

    def load_profile(self, data: dict[str, Any] | None) -> None:
        """The wizard's route: the example profile, or (``data``) a profile through the import form."""
        token = self.csrf_token()
        if token is None:
            raise SystemExit("GET /profile/ answered without a CSRF field")
        status, location = self.post_profile(token, data)
        if status != 302 or not location.endswith("/results/"):
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


FLOOD_REQUESTS = (
    "POST /profile/ import",
    "GET /plans/chart.svg",
    "GET /plans/<route>/chart.svg",
    "GET /states/",
    "POST /api/v1/check",
)


class Flood:
    """The hostile mix, while in a ``with`` block: attackers with no think time, sharing a few
    addresses, defeating every cache with fresh profiles; their answers counted by status. Run it
    through ``Elsewhere`` so it does not share the measuring process (see there)."""

    def __init__(self, port: int, attackers: int, addresses: int, routes: list[str]) -> None:
        run = secrets.randbelow(250)  # a fresh address and fresh profiles each run: Redis remembers
        self.addresses = [f"198.19.{run}.{i + 1}" for i in range(addresses)]
        self.answers: dict[str, Counter[str]] = {name: Counter() for name in FLOOD_REQUESTS}
        self.oddities: Counter[str] = Counter()
        self.seconds = 0.0
        self._routes = routes
        self._base = example_data()
        self._fresh = itertools.count(secrets.randbelow(10**9))
        self._lock = threading.Lock()
        self._stop = threading.Event()
        self._threads = [
            threading.Thread(target=self._attack, args=(Visitor(port, self.addresses[i % addresses]),))
            for i in range(attackers)
        ]

    def __enter__(self) -> Flood:
        self._began = time.monotonic()
        for t in self._threads:
            t.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        for t in self._threads:
            t.join()
        self.seconds = time.monotonic() - self._began

    def fresh_profile(self, n: int) -> dict[str, Any]:
        """The example ``n % 3650`` days on, with budget ``n``: a profile, and charts, no cache has seen."""
        data: dict[str, Any] = json.loads(json.dumps(self._base))
        data["as_of"] = (date.fromisoformat(data["as_of"]) + timedelta(days=n % 3650)).isoformat()
        data["preferences"]["budget_usd"] = n
        return data

    def _send(
        self,
        visitor: Visitor,
        name: str,
        expected: int,
        path: str,
        body: bytes | None = None,
        headers: dict[str, str] | None = None,
    ) -> int | None:
        """One attacker request, counted under ``name``: ok (``expected``), 429 or other."""
        try:
            status: int | None = visitor.send("GET" if body is None else "POST", path, body, headers)[0]
            kind = "ok" if status == expected else "429" if status == 429 else "other"
            oddity = f"{name}: HTTP {status}"
        except OSError as error:
            status, kind, oddity = None, "other", f"{name}: {type(error).__name__}"
        with self._lock:
            self.answers[name][kind] += 1
            if kind == "other":
                self.oddities[oddity] += 1
        return status

    def _attack(self, visitor: Visitor) -> None:
        token: str | None = None
        while not self._stop.is_set():
            n = next(self._fresh)
            data = self.fresh_profile(n)
            try:
                token = token or visitor.csrf_token()
            except OSError:
                token = None
            if token is not None:
                form = profile_form(token, data)
                if self._send(visitor, FLOOD_REQUESTS[0], 302, "/profile/", form, FORM_HEADERS) == 403:
                    token = None  # a refused CSRF token: fetch the form again
            route = self._routes[n % len(self._routes)]
            self._send(visitor, FLOOD_REQUESTS[1], 200, "/plans/chart.svg")
            self._send(visitor, FLOOD_REQUESTS[2], 200, f"/plans/{route}/chart.svg")
            self._send(visitor, FLOOD_REQUESTS[3], 200, "/states/")
            body = json.dumps(data).encode()
            self._send(visitor, FLOOD_REQUESTS[4], 200, "/api/v1/check", body, JSON_HEADERS)

    def run_until(self, stop: Any, results: Any) -> None:
        """In the flood's own process: attack until ``stop`` is set, then send back what came back."""
        with self:
            stop.wait()
        results.send((self.answers, self.oddities, self.seconds))

    def report(self) -> None:
        print(
            f"\nthe attackers' answers ({len(self._threads)} attackers from {', '.join(self.addresses)}, "
            f"no think time, {self.seconds:.0f} s; ok is 302 for the import, 200 else)"
        )
        print(f"{'request':<30} {'ok':>7} {'429':>7} {'other':>7} {'req/s':>7}")
        for name, counts in self.answers.items():
            total = sum(counts.values())
            print(
                f"{name:<30} {counts['ok']:>7} {counts['429']:>7} {counts['other']:>7} "
                f"{total / self.seconds:>7.1f}"
            )
        for oddity, times in self.oddities.most_common(5):
            print(f"    other: {oddity} x {times}")


class Elsewhere:
    """The flood in a process of its own, while in a ``with`` block. An attacker is another machine:
    its threads in the users' process would hold the users' interpreter lock and add their waiting
    to the users' measured times, a cost of the benchmark, not of the server. The two processes still
    share this machine's cores with the server, so the figures stay pessimistic."""

    def __init__(self, flood: Flood) -> None:
        self.flood = flood
        context = multiprocessing.get_context("fork")
        self._stop = context.Event()
        self._results, sent = context.Pipe(duplex=False)
        self._process = context.Process(target=flood.run_until, args=(self._stop, sent), daemon=True)

    def __enter__(self) -> Elsewhere:
        self._process.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        if self._results.poll(60):
            self.flood.answers, self.flood.oddities, self.flood.seconds = self._results.recv()
        self._process.join(timeout=30)


def percentile(values: list[float], p: int) -> float:
    return statistics.quantiles(values, n=100, method="inclusive")[p - 1] if len(values) > 1 else values[0]


def report(phase: Phase, target: bool = True) -> bool:
    """One row of figures; True when the phase meets issue 4's target (or, without ``target``, had
    no errors)."""
    times = sorted(s.ms for s in phase.samples)
    errors = sum(not s.ok for s in phase.samples)
    if not times:
        print(f"{phase.name:<22} no requests")
        return False
    p95 = percentile(times, 95)
    met = (p95 <= TARGET_P95_MS or not target) and errors == 0
    verdict = f"{'meets' if met else 'MISSES'} the target" if target else ""
    print(
        f"{phase.name:<22} {len(times):>6} {errors:>6} {statistics.median(times):>8.1f} {p95:>8.1f} "
        f"{percentile(times, 99):>8.1f} {times[-1]:>8.1f} {len(times) / phase.seconds:>8.1f}  {verdict}"
    )
    for failure in phase.failures:
        print(f"    e.g. {failure}")
    return met


def compare(alone: list[Phase], beside: list[Phase]) -> bool:
    """Issue 9's goal per endpoint: p95 beside the flood at most ``GOAL_RATIO`` times p95 alone."""
    print(f"\n{'normal users':<22} {'median ms':>21} {'p95 ms':>21} {'p95':>7}")
    print(f"{'':<22} {'alone':>10} {'flood':>10} {'alone':>10} {'flood':>10} {'ratio':>7}")
    met = []
    for quiet, loud in zip(alone, beside, strict=True):
        if not quiet.samples or not loud.samples:
            print(f"{quiet.name:<22} no requests")
            met.append(False)
            continue
        before, after = (sorted(s.ms for s in p.samples) for p in (quiet, loud))
        ratio = percentile(after, 95) / percentile(before, 95)
        met.append(ratio <= GOAL_RATIO and all(s.ok for s in loud.samples))
        print(
            f"{quiet.name:<22} {statistics.median(before):>10.1f} {statistics.median(after):>10.1f} "
            f"{percentile(before, 95):>10.1f} {percentile(after, 95):>10.1f} {ratio:>6.2f}x  "
            f"{'meets' if met[-1] else 'MISSES'} the goal"
        )
    print(f"goal: p95 beside the flood <= {GOAL_RATIO:g}x p95 alone, and 0 errors for the normal users")
    if any(q.samples and percentile(sorted(s.ms for s in q.samples), 95) > TARGET_P95_MS for q in alone):
        print("    (users alone already missed the target: they queued, so a ratio understates the flood)")
    return all(met)


def server_trouble(log: Path) -> list[str]:
    """The server log's lines that say the server itself struggled (errors, timeouts, killed workers)."""
    marks = ("Internal Server Error", "[ERROR]", "[CRITICAL]", "WORKER TIMEOUT", "SIGKILL", "locked")
    return [line for line in log.read_text(errors="replace").splitlines() if any(m in line for m in marks)]


def load_test(args: argparse.Namespace) -> int:
    body = json.dumps(example_data()).encode()

    def results_page(v: Visitor) -> int:
        return v.send("GET", "/results/")[0]

    def api_check(v: Visitor) -> int:
        return v.send("POST", "/api/v1/check", body, JSON_HEADERS)[0]

    endpoints: dict[str, Request] = {"GET /results/": results_page, "POST /api/v1/check": api_check}
    think = 0.0 if args.no_think else args.think
    rate = user_rate(think, args.duration)
    with tempfile.TemporaryDirectory(prefix="imgpath-bench-") as folder:
        env = production_env(Path(folder), user_rate=rate)
        prepare(env)
        port = free_port()
        log = Path(folder) / "gunicorn.log"
        server = start_server(env, port, args.workers, args.threads, log)
        try:
            visitors = [Visitor(port, user_address(i)) for i in range(args.users)]
            base = example_data()
            for index, visitor in enumerate(visitors):
                variant = None
                if args.distinct_profiles:
                    variant = json.loads(json.dumps(base))
                    variant["preferences"]["budget_usd"] = 5000 + index
                visitor.load_profile(variant)
            users = "no think time (closed-loop saturation)" if not think else f"think 0.5-1.5 x {think:g} s"
            profiles = "a distinct profile per user" if args.distinct_profiles else "the example profile"
            store = "Redis (CACHE_URL)" if env.get("CACHE_URL") else "SQLite"
            print(
                f"gunicorn on {HOST}:{port}: {args.workers} workers x {args.threads} thread(s); "
                f"{os.cpu_count()} CPUs on this machine; production settings, SQLite in a temp folder, "
                f"cache and throttle counts in {store}"
            )
            print(
                f"{args.users} users, {users}, {args.duration:g} s per endpoint; {profiles} in each session; "
                f"each user its own X-Forwarded-For address; "
                f"page and API rates {rate or 'as in production'} per address"
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
            alone = [
                run_phase(name, visitors, request, args.duration, think, args.seed)
                for name, request in endpoints.items()
            ]
            met = [report(phase) for phase in alone]
            print(f"target: p95 <= {TARGET_P95_MS:.0f} ms and 0 errors per endpoint")
            if args.hostile:
                flood = Flood(port, args.attackers, args.attacker_addresses, example_routes())
                print(f"\nthe same users beside the hostile mix ({args.attackers} attackers, no think time):")
                with Elsewhere(flood):
                    beside = [
                        run_phase(name, visitors, request, args.duration, think, args.seed + 1)
                        for name, request in endpoints.items()
                    ]
                for phase in beside:
                    report(phase, target=False)
                flood.report()
                met.append(compare(alone, beside))
            trouble = server_trouble(log)
            if trouble:
                print(f"\nthe server log has {len(trouble)} line(s) of trouble, e.g.:")
                for line in list(dict.fromkeys(trouble))[:5]:
                    print(f"    {line[:200]}")
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
        "--threads",
        type=int,
        default=8,
        help="gunicorn threads per worker, as in production (1: sync workers, where no refusal is held)",
    )
    parser.add_argument("--distinct-profiles", action="store_true", help="each user imports its own profile")
    parser.add_argument(
        "--hostile",
        action=argparse.BooleanOptionalAction,
        default=True,
        help="run the users again beside a flood of imports and charts (issue 9)",
    )
    parser.add_argument("--attackers", type=int, default=4, help="attacker threads, no think time")
    parser.add_argument(
        "--attacker-addresses", type=int, default=1, help="X-Forwarded-For addresses the attackers share"
    )
    parser.add_argument("--seed", type=int, default=4)
    parser.add_argument("--profile", type=int, metavar="N", help="cProfile N requests per endpoint instead")
    args = parser.parse_args()
    return profile_in_process(args) if args.profile else load_test(args)


if __name__ == "__main__":
    sys.exit(main())
