# ruff: noqa: RUF012
"""Full-text search on the listings' folded words: one ``words`` column, derived on save.

0002 indexed title, summary, host, city and state as they are, so SQLite (FTS5 ``unicode61``) and
PostgreSQL (``simple``, which keeps accents) disagreed on "Médecine" for "medec". Now each listing's
words are folded in Python (``imgpath.finder.words.document``) and both databases index that one column:
SQLite an FTS5 table over it (external content, kept in step by triggers, no positions kept:
search asks for words and their starts, never phrases), PostgreSQL a ``tsvector`` of them in a
narrow table with a GIN index.
"""

from importlib import import_module
from typing import Any

from django.db import migrations, models

before = import_module("imgpath.web.opportunities.migrations.0002_listing_search")
"""0002's statements: dropped here (the same names), made again when going back."""

FTS = "opportunities_listing_fts"
SQLITE_CREATE = [
    f"CREATE VIRTUAL TABLE {FTS} USING fts5(words, content='opportunities_listing', content_rowid='id',"
    " detail='none')",
    f"""CREATE TRIGGER {FTS}_ai AFTER INSERT ON opportunities_listing BEGIN
      INSERT INTO {FTS}(rowid, words) VALUES (new.id, new.words);
    END""",
    f"""CREATE TRIGGER {FTS}_ad AFTER DELETE ON opportunities_listing BEGIN
      INSERT INTO {FTS}({FTS}, rowid, words) VALUES ('delete', old.id, old.words);
    END""",
    f"""CREATE TRIGGER {FTS}_au AFTER UPDATE OF words ON opportunities_listing BEGIN
      INSERT INTO {FTS}({FTS}, rowid, words) VALUES ('delete', old.id, old.words);
      INSERT INTO {FTS}(rowid, words) VALUES (new.id, new.words);
    END""",
    f"INSERT INTO {FTS}({FTS}) VALUES ('rebuild')",
]
WORDS = "opportunities_listing_words"
PG_CREATE = [
    f"CREATE TABLE {WORDS} (id bigint PRIMARY KEY, words tsvector NOT NULL)",
    f"CREATE INDEX {WORDS}_gin ON {WORDS} USING gin (words)",
    f"""CREATE FUNCTION {WORDS}_kept() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN
      IF TG_OP = 'DELETE' THEN
        DELETE FROM {WORDS} WHERE id = OLD.id;
      ELSE
        INSERT INTO {WORDS} VALUES (NEW.id, to_tsvector('simple'::regconfig, NEW.words))
        ON CONFLICT (id) DO UPDATE SET words = EXCLUDED.words;
      END IF;
      RETURN NULL;
    END $$""",
    f"CREATE TRIGGER {WORDS}_kept AFTER INSERT OR DELETE OR UPDATE OF words ON opportunities_listing"
    f" FOR EACH ROW EXECUTE FUNCTION {WORDS}_kept()",
    f"CREATE FUNCTION {WORDS}_emptied() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN"
    f" TRUNCATE {WORDS}; RETURN NULL; END $$",
    f"CREATE TRIGGER {WORDS}_emptied AFTER TRUNCATE ON opportunities_listing"
    f" FOR EACH STATEMENT EXECUTE FUNCTION {WORDS}_emptied()",
    f"INSERT INTO {WORDS} SELECT id, to_tsvector('simple'::regconfig, words) FROM opportunities_listing",
]
"""PostgreSQL: the words as a ``tsvector`` in a narrow table of their own, with the GIN index: a search
for a common word visits that table's few pages, not the listings' wide rows with their documents
(no foreign key, so Django's flush may truncate the listings; the triggers keep both in step)."""
PG_DROP = [
    f"DROP TRIGGER IF EXISTS {WORDS}_kept ON opportunities_listing",
    f"DROP TRIGGER IF EXISTS {WORDS}_emptied ON opportunities_listing",
    f"DROP FUNCTION IF EXISTS {WORDS}_kept()",
    f"DROP FUNCTION IF EXISTS {WORDS}_emptied()",
    f"DROP TABLE IF EXISTS {WORDS}",
]


def words(apps: Any, schema_editor: Any) -> None:
    """Fill ``words`` for the listings already stored, from their columns."""
    from imgpath.finder import words_document as document

    Listing = apps.get_model("opportunities", "Listing")
    for row in Listing.objects.only("title", "summary", "host", "city", "state").iterator():
        row.words = document(row.title, row.summary, row.host, row.city, row.state)
        row.save(update_fields=["words"])


def full_text(apps: Any, schema_editor: Any) -> None:
    vendor = schema_editor.connection.vendor
    if vendor == "sqlite":
        drop, create = before.SQLITE_DROP, SQLITE_CREATE
    elif vendor == "postgresql":
        drop, create = before.PG_DROP, PG_CREATE
    else:
        return
    for sql in (*drop, *create):
        schema_editor.execute(sql)


def full_text_as_before(apps: Any, schema_editor: Any) -> None:
    vendor = schema_editor.connection.vendor
    if vendor in ("sqlite", "postgresql"):
        for sql in before.SQLITE_DROP if vendor == "sqlite" else PG_DROP:
            schema_editor.execute(sql)
    before.full_text(apps, schema_editor)


class Migration(migrations.Migration):
    dependencies = [("opportunities", "0003_listing_changes")]

    operations = [
        migrations.SeparateDatabaseAndState(  # not AddField: on SQLite that remakes the table and
            # drops its triggers (0003's count of writes among them); ADD COLUMN keeps them
            database_operations=[
                migrations.RunSQL(
                    "ALTER TABLE opportunities_listing ADD COLUMN words text NOT NULL DEFAULT ''",
                    "ALTER TABLE opportunities_listing DROP COLUMN words",
                )
            ],
            state_operations=[
                migrations.AddField("listing", "words", models.TextField(blank=True, default=""))
            ],
        ),
        migrations.RunPython(words, migrations.RunPython.noop),
        migrations.RunPython(full_text, full_text_as_before),
    ]
