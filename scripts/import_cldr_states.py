"""Import the US states' names in English, Spanish and Arabic from Unicode CLDR (issue 12).

Babel ships CLDR's country names but not its subdivision names; the npm package ``cldr`` bundles
them (``3rdparty/cldr/common/subdivisions/{en,es,ar}.xml``). A curator refreshes the names so:

    npm pack cldr@7.9.0          # or a newer version; a CLDR release's folder works as well
    .venv/bin/python scripts/import_cldr_states.py cldr-7.9.0.tgz --read-on 2026-12-04
    git diff src/imgpath/web/pages/data/ src/imgpath/rulebook/data/locale/

It writes ``src/imgpath/web/pages/data/us_states_cldr.yaml`` (each state and DC the rulebook holds:
its CLDR name in each language, CLDR's draft status, the source and the day it was read) and sets
the state-name entries of the rulebook's Spanish and Arabic catalogues to the same names, so every
page that translates a state's name agrees with the wizard. Where CLDR lacks a state in a language it
falls back, and says so in the entry: Spanish to the iso-codes catalogue pycountry ships, then (and
Arabic and English directly) to the rulebook's English name. The web never fetches: it reads the file.

The XML is read without entities (a declaration is refused: no entity bomb, no external entity) and
nothing is written unless every file was read soundly. Exit 0 written, 1 bad input.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import sys
import tarfile
import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import NoReturn
from xml.parsers import expat

import polib

from imgpath.rulebook import TEXTS_LOCALE_DIR, default_rulebook

ROOT = Path(__file__).resolve().parents[1]
OUTPUT = ROOT / "src" / "imgpath" / "web" / "pages" / "data" / "us_states_cldr.yaml"
LANGUAGES = ("en", "es", "ar")
CATALOGUE_LANGUAGES = ("es", "ar")
LANGUAGE_NAMES = {"en": "English", "es": "Spanish", "ar": "Arabic"}
PREFIXES = ("", "3rdparty/cldr/", "package/3rdparty/cldr/")
"""Where CLDR's ``common/`` sits: a CLDR release, an unpacked npm ``cldr``, its tarball."""
MAX_BYTES = 8_000_000
"""No subdivision file comes near this (CLDR 47's es.xml is 0.3 MB)."""
DRAFTS = {"unconfirmed", "provisional", "contributed", "approved"}
WRAP = 79


class ImportProblem(Exception):
    """Input the import cannot use: names the file and what is wrong."""


# --- reading a CLDR folder or the npm tarball -----------------------------------------------------


def _reader(source: Path) -> Callable[[str], bytes | None]:
    """A function giving a file of the source by its path in CLDR (``common/...``), None if absent."""
    if source.is_dir():

        def from_folder(name: str) -> bytes | None:
            for prefix in PREFIXES:
                path = source / prefix / name
                if path.is_file():
                    if path.stat().st_size > MAX_BYTES:
                        raise ImportProblem(f"{path}: larger than {MAX_BYTES:,} bytes")
                    return path.read_bytes()
            return None

        return from_folder
    if not source.exists():
        raise ImportProblem(f"{source}: no such file or folder")
    try:
        archive = tarfile.open(source, "r:*")  # noqa: SIM115 - kept open for the reads; nothing is extracted
    except (tarfile.TarError, OSError) as error:
        raise ImportProblem(f"{source}: not a CLDR folder nor a readable tarball ({error})") from None
    members = {member.name.removeprefix("./"): member for member in archive.getmembers()}

    def from_tarball(name: str) -> bytes | None:
        for prefix in PREFIXES:
            member = members.get(prefix + name)
            if member is not None and member.isfile():
                if member.size > MAX_BYTES:
                    raise ImportProblem(f"{source}:{member.name}: larger than {MAX_BYTES:,} bytes")
                stream = archive.extractfile(member)
                return stream.read() if stream else None
        return None

    return from_tarball


def _refuse(what: str) -> Callable[..., NoReturn]:
    def handler(*_args: object) -> NoReturn:
        raise ImportProblem(f"the XML {what}, which CLDR files never do: refused")

    return handler


def subdivisions(data: bytes, name: str, language: str) -> dict[str, tuple[str, str]]:
    """CLDR subdivision code (``ustn``) -> (name, draft status) for the US, from one file's bytes.

    Entities are refused outright (a declared entity is how a "billion laughs" bomb or an external
    file read begins); the DTD CLDR names is never loaded."""
    parser = expat.ParserCreate("utf-8")
    parser.SetParamEntityParsing(expat.XML_PARAM_ENTITY_PARSING_NEVER)
    parser.EntityDeclHandler = _refuse("declares an entity")
    parser.UnparsedEntityDeclHandler = _refuse("declares an unparsed entity")
    parser.ExternalEntityRefHandler = _refuse("refers to an external entity")
    found: dict[str, tuple[str, str]] = {}
    said_language: list[str] = []
    current: list[object] = []  # [code, draft, text parts] while inside a US <subdivision>

    def start(tag: str, attributes: dict[str, str]) -> None:
        if tag == "language" and "type" in attributes:
            said_language.append(attributes["type"])
        code = attributes.get("type", "")
        if tag == "subdivision" and code.startswith("us") and "alt" not in attributes:
            current[:] = [code, attributes.get("draft", "approved"), []]

    def text(data: str) -> None:
        if current:
            parts = current[2]
            assert isinstance(parts, list)
            parts.append(data)

    def end(tag: str) -> None:
        if tag == "subdivision" and current:
            code, draft, parts = current
            assert isinstance(code, str)
            assert isinstance(draft, str)
            assert isinstance(parts, list)
            if draft not in DRAFTS:
                raise ImportProblem(f"{name}: {code}: unknown draft status {draft!r}")
            found[code] = (" ".join("".join(parts).split()), draft)
            current.clear()

    parser.StartElementHandler = start
    parser.CharacterDataHandler = text
    parser.EndElementHandler = end
    try:
        parser.Parse(data, True)
    except ImportProblem as problem:
        raise ImportProblem(f"{name}: {problem}") from None
    except expat.ExpatError as error:
        raise ImportProblem(f"{name}: not well-formed XML ({error})") from None
    if said_language[:1] != [language]:
        raise ImportProblem(f"{name}: says its language is {said_language[:1]}, not {language!r}")
    return found


def cldr_version(read: Callable[[str], bytes | None]) -> str:
    """The CLDR release, as its DTD states it (``cldrVersion CDATA #FIXED "47"``)."""
    dtd = read("common/dtd/ldml.dtd")
    found = re.search(rb'cldrVersion\s+CDATA\s+#FIXED\s+"([0-9.]+)"', dtd or b"")
    if not found:
        raise ImportProblem("common/dtd/ldml.dtd: absent or states no cldrVersion; pass --cldr-version")
    return found.group(1).decode()


def npm_package(source: Path) -> str | None:
    """``cldr 7.9.0`` when the source is the npm package (its package.json says so)."""
    if source.is_dir():
        path = source / "package.json"
        data = path.read_bytes() if path.is_file() else None
    else:
        with tarfile.open(source, "r:*") as archive:
            try:
                stream = archive.extractfile("package/package.json")
            except KeyError:
                stream = None
            data = stream.read(MAX_BYTES) if stream else None
    if not data:
        return None
    try:
        package = json.loads(data)
        return f"{package['name']} {package['version']}"
    except (ValueError, KeyError, TypeError):
        return None


# --- what is written --------------------------------------------------------------------------------


@dataclass(frozen=True)
class Entry:
    name: str
    draft: str | None
    source: str
    fallback: str | None = None


def _iso_codes_spanish() -> dict[str, str]:
    """pycountry's Spanish names of US states (Debian's iso-codes), the first fallback for Spanish."""
    import gettext

    import pycountry

    spanish = gettext.translation("iso3166-2", pycountry.LOCALES_DIR, languages=["es"])
    return {
        s.code.removeprefix("US-"): spanish.gettext(s.name)
        for s in pycountry.subdivisions
        if s.country_code == "US"
    }


def entries(
    states: dict[str, str], cldr: dict[str, dict[str, tuple[str, str]]], version: str
) -> dict[str, dict[str, Entry]]:
    """Code -> language -> the name kept, with its fallback said where CLDR has none."""
    spanish = _iso_codes_spanish()
    kept: dict[str, dict[str, Entry]] = {}
    for code, english in sorted(states.items()):
        kept[code] = {}
        for language in LANGUAGES:
            found = cldr[language].get(f"us{code.lower()}")
            lacks = f"CLDR {version} has no {LANGUAGE_NAMES[language]} name"
            if found:
                kept[code][language] = Entry(found[0], found[1], f"cldr-{language}")
            elif language == "es" and spanish.get(code, english) != english:
                kept[code][language] = Entry(spanish[code], None, "iso-codes-es", f"{lacks}: iso-codes'")
            else:
                kept[code][language] = Entry(english, None, "rulebook", f"{lacks}: the rulebook's English")
    return kept


def _q(text: str) -> str:
    return json.dumps(text, ensure_ascii=False)  # a JSON string is a YAML double-quoted scalar


def render(
    kept: dict[str, dict[str, Entry]],
    states: dict[str, str],
    version: str,
    package: str | None,
    read_on: date,
) -> str:
    via = f", as bundled in the npm package {package} (3rdparty/cldr)" if package else ""
    sources = {
        f"cldr-{language}": (
            f"Unicode CLDR {version}, common/subdivisions/{language}.xml "
            f"({LANGUAGE_NAMES[language]} names of subdivisions){via}",
            f"https://github.com/unicode-org/cldr/blob/release-{version.replace('.', '-')}"
            f"/common/subdivisions/{language}.xml",
        )
        for language in LANGUAGES
    }
    sources["iso-codes-es"] = (
        "Debian iso-codes, iso3166-2 Spanish catalogue (as shipped in pycountry)",
        "https://salsa.debian.org/iso-codes-team/iso-codes",
    )
    sources["rulebook"] = ("The rulebook's own English name of the jurisdiction", "")
    used = {entry.source for by_language in kept.values() for entry in by_language.values()}
    lines = [
        "# Written by scripts/import_cldr_states.py: do not edit by hand (see its --help to refresh).",
        "description: >-",
        "  The US states' and DC's names in English, Spanish and Arabic from Unicode CLDR's",
        "  subdivision names, for the wizard and every page (imgpath.web.pages.places). The name",
        "  shown in English stays the rulebook's; CLDR's English is accepted when typed.",
        f"cldr_version: {_q(version)}",
        f"as_of: {read_on.isoformat()}",
        "fallback:",
        "  es: >-",
        "    CLDR's Spanish; where it lacks a state, iso-codes' Spanish (pycountry), then the",
        "    rulebook's English",
        "  ar: CLDR's Arabic; where it lacks a state, the rulebook's English (shown marked as English)",
        "  en: CLDR's English; where it lacks a state, the rulebook's English",
        "sources:",
    ]
    for key, (title, href) in sources.items():
        if key in used:
            lines += [f"  {key}:", f"    title: {_q(title)}", f"    href: {_q(href)}"]
            lines.append(f"    as_of: {read_on.isoformat()}")
    lines.append("states:")
    for code, by_language in kept.items():
        lines += [f"  {code}:", f"    rulebook: {_q(states[code])}"]
        for language, entry in by_language.items():
            parts = [f"name: {_q(entry.name)}", f"draft: {entry.draft or 'null'}", f"source: {entry.source}"]
            parts.append(f"as_of: {read_on.isoformat()}")
            if entry.fallback:
                parts.append(f"fallback: {_q(entry.fallback)}")
            lines.append(f"    {language}: {{{', '.join(parts)}}}")
    return "\n".join(lines) + "\n"


def catalogues(
    kept: dict[str, dict[str, Entry]], states: dict[str, str], locale_dir: Path, version: str
) -> dict[Path, polib.POFile]:
    """The rulebook's catalogues with each state's name set to the one kept (added if absent)."""
    changed: dict[Path, polib.POFile] = {}
    for language in CATALOGUE_LANGUAGES:
        path = locale_dir / language / "LC_MESSAGES" / "django.po"
        if not path.is_file():
            raise ImportProblem(f"{path}: the rulebook's catalogue is missing")
        catalogue = polib.pofile(str(path), encoding="utf-8", wrapwidth=WRAP)
        held = {entry.msgid: entry for entry in catalogue if not entry.obsolete}
        for code, english in states.items():
            entry = held.get(english)
            if entry is None:
                entry = polib.POEntry(msgid=english, occurrences=[(f"rulebook/US-{code}.name", "")])
                catalogue.append(entry)
            entry.msgstr = kept[code][language].name
            entry.comment = f"US state name from CLDR {version} (scripts/import_cldr_states.py)"
            if "fuzzy" in entry.flags:
                entry.flags.remove("fuzzy")
        changed[path] = catalogue
    return changed


def _write_all(texts: dict[Path, str]) -> None:
    """Every file or none: each is written beside its target first, then all are moved into place."""
    staged: list[tuple[Path, Path]] = []
    try:
        for target, text in texts.items():
            target.parent.mkdir(parents=True, exist_ok=True)
            handle, name = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.")
            with os.fdopen(handle, "w", encoding="utf-8") as stream:
                stream.write(text)
            staged.append((Path(name), target))
    except BaseException:
        for temporary, _target in staged:
            temporary.unlink(missing_ok=True)
        raise
    for temporary, target in staged:
        os.replace(temporary, target)


def rulebook_states() -> dict[str, str]:
    """USPS code -> the rulebook's English name, for each state and DC it holds."""
    return {
        code.removeprefix("US-"): j.name
        for code, j in default_rulebook().jurisdictions.items()
        if code.startswith("US-")
    }


def run(source: Path, output: Path, locale_dir: Path, read_on: date, version: str | None) -> str:
    read = _reader(source)
    version = version or cldr_version(read)
    cldr: dict[str, dict[str, tuple[str, str]]] = {}
    for language in LANGUAGES:
        name = f"common/subdivisions/{language}.xml"
        data = read(name)
        if data is None:
            raise ImportProblem(f"{source}: has no {name} (nor 3rdparty/cldr/{name})")
        cldr[language] = subdivisions(data, f"{source}:{name}", language)
    states = rulebook_states()
    kept = entries(states, cldr, version)
    texts = {output: render(kept, states, version, npm_package(source), read_on)}
    for path, catalogue in catalogues(kept, states, locale_dir, version).items():
        texts[path] = catalogue.__unicode__()
    _write_all(texts)
    fallbacks = sum(1 for by in kept.values() for e in by.values() if e.fallback)
    return f"{output}: {len(kept)} states from CLDR {version}, {fallbacks} names by fallback"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("source", type=Path, help="the npm cldr tarball (.tgz) or a CLDR folder")
    parser.add_argument("--read-on", type=date.fromisoformat, default=None, help="the day read (today)")
    parser.add_argument("--cldr-version", help="the CLDR release, where the source's DTD does not say")
    parser.add_argument("--output", type=Path, default=OUTPUT, help=argparse.SUPPRESS)
    parser.add_argument("--locale-dir", type=Path, default=TEXTS_LOCALE_DIR, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    try:
        said = run(args.source, args.output, args.locale_dir, args.read_on or date.today(), args.cldr_version)
    except ImportProblem as problem:
        print(f"import_cldr_states: {problem}; nothing written", file=sys.stderr)
        return 1
    print(said)
    return 0


if __name__ == "__main__":
    sys.exit(main())
