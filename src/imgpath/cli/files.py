"""Files the commands write: atomically (a temporary file renamed into place), never half-written."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from imgpath.yamlio import InputError


def check_target(target: Path, option: str = "--out") -> Path:
    """The file to write, refused before any work when it cannot be written (a folder, no such folder)."""
    target = target.expanduser()
    if target.is_dir():
        raise InputError(
            f"{target} is a folder; give a file name, such as {target / 'profile.yaml'}", field=option
        )
    if not target.parent.exists():
        raise InputError(f"the folder {target.parent} does not exist", field=option)
    return target


def write_atomically(data: bytes, target: Path, option: str = "--out") -> None:
    target = check_target(target, option)
    handle, temporary = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.")
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
        os.replace(temporary, target)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
