"""The web project's shape, kept by tests: apps by capability, each saying what belongs in it.

A view module exports nothing but views (only its own app's urls.py imports it); a template filter is
imported only by template tags; each app has its README, urls and templates under its own name.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

import imgpath.web

WEB = Path(imgpath.web.__file__).parent
APPS = ("pages", "accounts", "plans", "opportunities", "api")
SOURCES = sorted(p for p in WEB.rglob("*.py") if "migrations" not in p.parts)


def _imports(path: Path) -> set[str]:
    tree = ast.parse(path.read_text("utf-8"))
    found = {n.module or "" for n in ast.walk(tree) if isinstance(n, ast.ImportFrom)}
    found |= {
        f"{n.module}.{a.name}" for n in ast.walk(tree) if isinstance(n, ast.ImportFrom) for a in n.names
    }
    return found | {a.name for n in ast.walk(tree) if isinstance(n, ast.Import) for a in n.names}


def _name(path: Path) -> str:
    return ".".join(("imgpath", *path.relative_to(WEB.parent).with_suffix("").parts))


@pytest.mark.parametrize("app", APPS)
def test_each_app_says_what_belongs_in_it_and_has_its_own_urls(app: str) -> None:
    assert (WEB / app / "README.md").read_text("utf-8").startswith(f"# imgpath.web.{app}")
    assert (WEB / app / "apps.py").exists()
    assert (WEB / app / "urls.py").exists()
    templates = WEB / app / "templates"
    if templates.exists():  # an app's templates sit under its own name: no two apps' can clash
        assert {p.name for p in templates.iterdir()} <= {app, "registration"}


def test_only_an_app_s_urls_import_its_views() -> None:
    for path in SOURCES:
        for module in _imports(path):
            for app in APPS:
                if module == f"imgpath.web.{app}.views":
                    assert path == WEB / app / "urls.py", f"{_name(path)} imports {module}"


def test_only_template_tags_import_template_tags() -> None:
    for path in SOURCES:
        if "templatetags" in path.parts:
            continue
        assert not [m for m in _imports(path) if m.startswith("imgpath.web.templatetags")], _name(path)


def test_no_web_class_takes_a_name_the_core_uses() -> None:
    """``Source``, ``Change`` and ``Step`` are the core's; a web class of the same name misleads readers."""
    core = {"Source", "Change", "Step"}
    for path in SOURCES:
        tree = ast.parse(path.read_text("utf-8"))
        assert not [n.name for n in ast.walk(tree) if isinstance(n, ast.ClassDef) and n.name in core], _name(
            path
        )
