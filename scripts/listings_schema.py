"""Write or check the published JSON Schema of listings documents (docs/schemas/listings.schema.json).

It is generated from the finder's pydantic models; run ``--write`` after changing them, and commit
the file. ``--check`` changes nothing and exits 1 when the committed file is out of date.

    python scripts/listings_schema.py --check | --write
"""

from __future__ import annotations

import sys
from pathlib import Path

from imgpath.finder import SCHEMA_PATH, schema_text

ROOT = Path(__file__).resolve().parents[1]


def main(argv: list[str]) -> int:
    target = ROOT / SCHEMA_PATH
    wanted = schema_text()
    if "--write" in argv:
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(wanted, encoding="utf-8")
        print(f"wrote {SCHEMA_PATH}")
        return 0
    if "--check" in argv:
        current = target.read_text(encoding="utf-8") if target.exists() else None
        if current != wanted:
            print(f"{SCHEMA_PATH} is out of date: run python scripts/listings_schema.py --write")
            return 1
        print(f"{SCHEMA_PATH} is up to date")
        return 0
    print(__doc__)
    return 2


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
