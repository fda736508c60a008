"""Put every message template (``imgpath.messages.english``) into the web's catalogues as a msgid.

Run it after adding or changing a template, and after ``makemessages`` (which cannot see the
templates and marks them obsolete): it adds what is missing, untranslated, with its keys as ``#. key:``
comments and the ``python-brace-format`` flag, revives what ``makemessages`` made obsolete, marks
obsolete what no key uses any more, and never deletes a translation. Running it twice changes
nothing the second time.

    python scripts/message_catalogue.py [--check]

``--check`` changes nothing and exits 1 when a catalogue would change.
"""

from __future__ import annotations

import sys

from imgpath.web.catalogues import catalogue_paths, curate_messages, read_catalogue


def main(argv: list[str]) -> int:
    check = "--check" in argv
    stale = False
    for path in catalogue_paths():
        catalogue = read_catalogue(path)
        catalogue.wrapwidth = 79  # as makemessages (msgmerge) writes it: no diff beyond the changes
        changed = curate_messages(catalogue)
        for line in changed:
            print(f"{path.parent.parent.name}: {line}")
        if changed and not check:
            catalogue.save(str(path))
        stale = stale or bool(changed)
    return 1 if check and stale else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
