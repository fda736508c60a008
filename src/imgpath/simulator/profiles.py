"""A file of profiles for the simulator: a YAML or JSON list, or a mapping with ``profiles`` and
``synthetic`` (true for generated profiles, so that every answer about them says so).

Each item is a profile as ``imgpath check`` reads it, or ``{id: ..., profile: {...}}`` to name it.
An error names the file, the line and the field, as for a single profile.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from imgpath.engine import Profile, profile_from_data
from imgpath.errors import field_path
from imgpath.yamlio import InputError, Location, SourceMap, load_file, printable


@dataclass(frozen=True)
class ProfileList:
    profiles: list[Profile]
    labels: list[str]
    synthetic: bool = False


def _below(source: SourceMap, prefix: Location) -> SourceMap:
    """The lines of one item, as if it were a document of its own (errors keep their file and line)."""
    size = len(prefix)
    lines = {loc[size:]: line for loc, line in source.lines.items() if loc[:size] == prefix}
    return SourceMap(source.file, lines)


def profiles_from_data(data: Any, source: SourceMap) -> ProfileList:
    """Validate parsed data as a list of profiles (see the module's docstring)."""
    synthetic = False
    where: Location = ()
    if isinstance(data, dict):
        unknown = sorted(set(data) - {"profiles", "synthetic"})
        if unknown:
            raise InputError(
                f"unknown field '{printable(str(unknown[0]))}' "
                "(a profiles file has 'profiles' and 'synthetic')",
                file=source.file,
                line=source.line_of((unknown[0],)),
                field=str(unknown[0]),
            )
        synthetic = data.get("synthetic", False)
        if not isinstance(synthetic, bool):
            raise InputError(
                "'synthetic' is true or false",
                file=source.file,
                line=source.line_of(("synthetic",)),
                field="synthetic",
            )
        data, where = data.get("profiles"), ("profiles",)
    if not isinstance(data, list) or not data:
        raise InputError(
            "a profiles file is a non-empty list of profiles (or a mapping with 'profiles')",
            file=source.file,
            line=source.line_of(where),
            field="profiles",
        )
    profiles: list[Profile] = []
    labels: list[str] = []
    for index, item in enumerate(data):
        at: Location = (*where, index)
        label = str(index + 1)
        if isinstance(item, dict) and "profile" in item:
            extra = sorted(set(item) - {"id", "profile"})
            if extra:
                raise InputError(
                    f"unknown field '{printable(str(extra[0]))}' "
                    "(an item is a profile or has 'id' and 'profile')",
                    file=source.file,
                    line=source.line_of((*at, extra[0])),
                    field=str(extra[0]),
                )
            label = printable(str(item.get("id", label)))
            item, at = item["profile"], (*at, "profile")
        try:
            profiles.append(profile_from_data(item, _below(source, at)))
        except InputError as error:  # named from the file's top: profiles[3].exams
            inner = f".{error.field}" if error.field else ""
            named = InputError(error.message, file=error.file, line=error.line, field=field_path(at) + inner)
            named.said = error.said
            raise named from None
        labels.append(label)
    return ProfileList(profiles, labels, synthetic)


def load_profiles(path: Path, display_name: str | None = None) -> ProfileList:
    data, source = load_file(path, display_name or path.name)
    return profiles_from_data(data, source)
