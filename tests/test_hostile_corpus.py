"""Every case of the hostile corpus against the real CLI, in a subprocess bounded in time and memory:
``imgpath check FILE`` and ``imgpath profile validate FILE`` exit 2 with one message naming the file,
no traceback, and nothing a terminal would take as a command (issue 9)."""

from __future__ import annotations

import os
import resource
import subprocess
import sys
import time
from concurrent.futures import Future, ThreadPoolExecutor
from pathlib import Path

import pytest

from hostile_corpus import CASES, SENTINEL, Case, file_bytes

IMGPATH = Path(sys.executable).with_name("imgpath")
WALL_SECONDS = 20
MEMORY_BYTES = 1024**3
"""The address space a run may take (RLIMIT_AS): far above the ~150 MB a normal check uses."""
MESSAGE_CHARS = 4000
"""A refusal is a message, not an echo of the input: bounded whatever the input's size."""


def _bounded() -> None:  # pragma: no cover - runs in the child, before exec
    resource.setrlimit(resource.RLIMIT_AS, (MEMORY_BYTES, MEMORY_BYTES))
    resource.setrlimit(resource.RLIMIT_CPU, (WALL_SECONDS, WALL_SECONDS + 1))


Run = tuple[subprocess.CompletedProcess[str], float]
"""What a command printed and how it ended, and its wall time in seconds."""


def run_cli(*args: str) -> Run:
    env = {**os.environ, "COLUMNS": "500", "NO_COLOR": "1", "PYTHONIOENCODING": "utf-8"}
    started = time.monotonic()
    result = subprocess.run(
        [str(IMGPATH), *args],
        capture_output=True,
        text=True,
        encoding="utf-8",
        errors="backslashreplace",  # whatever the child writes, the test reads it
        timeout=WALL_SECONDS,
        preexec_fn=_bounded,
        env=env,
        check=False,
    )
    return result, time.monotonic() - started


COMMANDS = {"check": ("check",), "validate": ("profile", "validate")}


def profile_path(case: Case, folder: Path) -> Path:
    if case.path is not None:
        return Path(case.path)
    path = folder / f"hostile{case.suffix}"
    path.write_bytes(file_bytes(case))
    return path


@pytest.fixture(scope="module")
def runs(tmp_path_factory: pytest.TempPathFactory) -> dict[tuple[str, str], tuple[Path, Run]]:
    """Every case through both commands, as many at once as there are cores (each run is mostly the
    interpreter starting): the tests below then read the outcomes."""
    SENTINEL.unlink(missing_ok=True)
    jobs: dict[tuple[str, str], tuple[Path, Future[Run]]] = {}
    with ThreadPoolExecutor(max_workers=os.cpu_count() or 2) as pool:
        for number, case in enumerate(CASES):
            path = profile_path(case, tmp_path_factory.mktemp(f"case{number}"))
            for name, command in COMMANDS.items():
                jobs[case.name, name] = (path, pool.submit(run_cli, *command, str(path)))
    return {key: (path, job.result()) for key, (path, job) in jobs.items()}


@pytest.mark.parametrize("command", COMMANDS)
@pytest.mark.parametrize("case", CASES, ids=[c.id for c in CASES])
def test_the_cli_refuses_hostile_input_by_name(
    runs: dict[tuple[str, str], tuple[Path, Run]], case: Case, command: str
) -> None:
    path, (result, seconds) = runs[case.name, command]
    output = result.stdout + result.stderr
    assert "Traceback" not in output, output[-3000:]
    assert seconds < WALL_SECONDS
    assert "\x1b" not in output, "terminal commands reached the terminal"
    assert "\x07" not in output, "terminal commands reached the terminal"
    if case.accepted:
        assert result.returncode == 0, output[-3000:]
        return
    assert result.returncode == 2, output[-3000:]
    assert result.stdout == ""
    assert result.stderr.startswith("error: "), result.stderr[:3000]
    assert result.stderr.count("error: ") == 1, result.stderr[:3000]
    assert str(path) in result.stderr, result.stderr[:3000]
    assert len(result.stderr) < MESSAGE_CHARS, result.stderr[:3000]


def test_no_yaml_tag_ran_code(runs: dict[tuple[str, str], tuple[Path, Run]]) -> None:
    assert not SENTINEL.exists()


def test_the_bounds_hold_a_normal_check(tmp_path: Path) -> None:
    """The limits leave room for real work: the example profile is checked within them."""
    example = Path(__file__).parents[1] / "src" / "imgpath" / "examples" / "experienced-internist.yaml"
    result, seconds = run_cli("check", str(example), "--format", "json")
    assert result.returncode == 0, result.stderr
    assert '"us-tn.' in result.stdout
    assert seconds < WALL_SECONDS
