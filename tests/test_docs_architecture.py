"""docs/architecture.md is where a newcomer starts: every file and folder it names must exist."""

from __future__ import annotations

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DOC = (ROOT / "docs" / "architecture.md").read_text("utf-8")


def test_every_path_the_page_names_exists() -> None:
    named = set(re.findall(r"`((?:src|tests|docs)/[\w./-]+)`", DOC))
    assert len(named) > 10
    missing = [p for p in sorted(named) if "<" not in p and not (ROOT / p.rstrip("/")).exists()]
    assert missing == []


def test_its_notebook_example_runs() -> None:
    code = DOC.split("```python\n", 1)[1].split("```", 1)[0]
    scope: dict[str, object] = {}
    exec(compile(code.replace('"src/', f'"{ROOT}/src/'), "architecture.md", "exec"), scope)
    assert scope["result"].results  # type: ignore[attr-defined]
