# ruff: noqa: RUF012
"""A count of the writes to the listings, kept by the database itself, so the search index can tell
cheaply (one row read) whether the listings changed since it was built, whoever wrote them: a save,
``bulk_create``, ``QuerySet.update``, another process or raw SQL.

SQLite: a trigger per row after each insert, update and delete. PostgreSQL: one per statement.
Other databases get neither (the index then compares the latest ``updated`` and the count).
"""

from typing import Any

from django.db import migrations

TABLE = "opportunities_listing_changes"
CREATE = [
    f"CREATE TABLE {TABLE} (id integer PRIMARY KEY, writes bigint NOT NULL)",
    f"INSERT INTO {TABLE} VALUES (1, 0)",
]
EVENTS = ("insert", "update", "delete")
BUMP = f"UPDATE {TABLE} SET writes = writes + 1 WHERE id = 1"
SQLITE_CREATE = [
    *CREATE,
    *(
        f"CREATE TRIGGER opportunities_listing_changes_{event} AFTER {event.upper()} ON opportunities_listing"
        f" BEGIN {BUMP}; END"
        for event in EVENTS
    ),
]
SQLITE_DROP = [
    *(
        f"DROP TRIGGER IF EXISTS opportunities_listing_changes_{event}"
        for event in ("insert", "update", "delete")
    ),
    f"DROP TABLE IF EXISTS {TABLE}",
]
PG_CREATE = [
    *CREATE,
    f"CREATE FUNCTION opportunities_listing_changed() RETURNS trigger LANGUAGE plpgsql AS $$"
    f" BEGIN {BUMP}; RETURN NULL; END $$",
    "CREATE TRIGGER opportunities_listing_changes AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE"
    " ON opportunities_listing FOR EACH STATEMENT EXECUTE FUNCTION opportunities_listing_changed()",
]
PG_DROP = [
    "DROP TRIGGER IF EXISTS opportunities_listing_changes ON opportunities_listing",
    "DROP FUNCTION IF EXISTS opportunities_listing_changed()",
    f"DROP TABLE IF EXISTS {TABLE}",
]


def counted(apps: Any, schema_editor: Any) -> None:
    vendor = schema_editor.connection.vendor
    for sql in SQLITE_CREATE if vendor == "sqlite" else PG_CREATE if vendor == "postgresql" else []:
        schema_editor.execute(sql)


def not_counted(apps: Any, schema_editor: Any) -> None:
    vendor = schema_editor.connection.vendor
    for sql in SQLITE_DROP if vendor == "sqlite" else PG_DROP if vendor == "postgresql" else []:
        schema_editor.execute(sql)


class Migration(migrations.Migration):
    dependencies = [("opportunities", "0002_listing_search")]

    operations = [migrations.RunPython(counted, not_counted)]
