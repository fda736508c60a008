"""Names a package exports but loads only when first read (PEP 562), then keeps like any other.

A facade (``imgpath.planner``) lists everything an interface may use; some of it needs a heavy
library (matplotlib for the charts, 0.25 s) that a command such as ``imgpath check`` never uses.
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Mapping
from importlib import import_module


def lazy_exports(package: str, names: Mapping[str, str]) -> Callable[[str], object]:
    """A module ``__getattr__`` for ``package``: each name in ``names`` is read from the module
    given for it on first use and stored in the package, so later reads cost nothing."""
    namespace = sys.modules[package].__dict__

    def __getattr__(name: str) -> object:
        if name not in names:
            raise AttributeError(f"module {package!r} has no attribute {name!r}")
        value = getattr(import_module(names[name]), name)
        namespace[name] = value
        return value

    return __getattr__
