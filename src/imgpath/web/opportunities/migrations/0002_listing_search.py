# ruff: noqa: RUF012
"""The columns search filters and ranks by, and full-text search on title, summary, host and place.

SQLite: an FTS5 table kept in step with the listings by triggers. PostgreSQL: a GIN index on the
same ``to_tsvector('simple', ...)`` expression search queries with. Other databases get neither
(search then falls back to substring matching).
"""

from typing import Any

from django.db import migrations, models

FTS_COLUMNS = "title, summary, host, city, state"

SQLITE_CREATE = [
    f"CREATE VIRTUAL TABLE opportunities_listing_fts USING fts5({FTS_COLUMNS},"
    " content='opportunities_listing', content_rowid='id')",
    f"""CREATE TRIGGER opportunities_listing_fts_ai AFTER INSERT ON opportunities_listing BEGIN
      INSERT INTO opportunities_listing_fts(rowid, {FTS_COLUMNS})
      VALUES (new.id, new.title, new.summary, new.host, new.city, new.state);
    END""",
    f"""CREATE TRIGGER opportunities_listing_fts_ad AFTER DELETE ON opportunities_listing BEGIN
      INSERT INTO opportunities_listing_fts(opportunities_listing_fts, rowid, {FTS_COLUMNS})
      VALUES ('delete', old.id, old.title, old.summary, old.host, old.city, old.state);
    END""",
    f"""CREATE TRIGGER opportunities_listing_fts_au AFTER UPDATE ON opportunities_listing BEGIN
      INSERT INTO opportunities_listing_fts(opportunities_listing_fts, rowid, {FTS_COLUMNS})
      VALUES ('delete', old.id, old.title, old.summary, old.host, old.city, old.state);
      INSERT INTO opportunities_listing_fts(rowid, {FTS_COLUMNS})
      VALUES (new.id, new.title, new.summary, new.host, new.city, new.state);
    END""",
    "INSERT INTO opportunities_listing_fts(opportunities_listing_fts) VALUES ('rebuild')",
]
SQLITE_DROP = [
    "DROP TRIGGER IF EXISTS opportunities_listing_fts_ai",
    "DROP TRIGGER IF EXISTS opportunities_listing_fts_ad",
    "DROP TRIGGER IF EXISTS opportunities_listing_fts_au",
    "DROP TABLE IF EXISTS opportunities_listing_fts",
]
PG_DOCUMENT = (
    "to_tsvector('simple'::regconfig, coalesce(title, '') || ' ' || coalesce(summary, '') || ' ' ||"
    " coalesce(host, '') || ' ' || coalesce(city, '') || ' ' || coalesce(state, ''))"
)
"""The expression the GIN index holds; ``search.py`` queries with exactly this text."""
PG_CREATE = [f"CREATE INDEX opportunities_listing_fts ON opportunities_listing USING gin ({PG_DOCUMENT})"]
PG_DROP = ["DROP INDEX IF EXISTS opportunities_listing_fts"]
SEARCH_COLUMNS = [
    "review", "status", "requirements_key", "yearly", "kind", "state", "remote", "hands_on", "cost_usd",
    "last_verified", "opens", "closes", "visas", "sponsors_visa", "specialties", "sort_title",
]  # fmt: skip
"""The covering index of every column search reads (as models.SEARCH_COLUMNS on this day)."""


def full_text(apps: Any, schema_editor: Any) -> None:
    vendor = schema_editor.connection.vendor
    for sql in SQLITE_CREATE if vendor == "sqlite" else PG_CREATE if vendor == "postgresql" else []:
        schema_editor.execute(sql)


def no_full_text(apps: Any, schema_editor: Any) -> None:
    vendor = schema_editor.connection.vendor
    for sql in SQLITE_DROP if vendor == "sqlite" else PG_DROP if vendor == "postgresql" else []:
        schema_editor.execute(sql)


def derive(apps: Any, schema_editor: Any) -> None:
    """Fill the new columns of listings already stored, from their documents."""
    from imgpath.finder import Opportunity
    from imgpath.web.opportunities.models import Listing as Current

    Listing = apps.get_model("opportunities", "Listing")
    names = [
        "summary", "host", "city", "sort_title", "specialties", "visas", "sponsors_visa", "opens",
        "closes", "yearly", "requirements_key",
    ]  # fmt: skip
    for row in Listing.objects.all().iterator():
        current = Current(document=row.document)
        current.set_opportunity(Opportunity.model_validate(row.document))
        for name in names:
            setattr(row, name, getattr(current, name))
        row.save(update_fields=names)


class Migration(migrations.Migration):
    dependencies = [("opportunities", "0001_initial")]

    operations = [
        migrations.AddField("listing", "summary", models.TextField(blank=True, default="")),
        migrations.AddField("listing", "host", models.CharField(blank=True, default="", max_length=200)),
        migrations.AddField("listing", "city", models.CharField(blank=True, default="", max_length=100)),
        migrations.AddField(
            "listing", "sort_title", models.CharField(blank=True, default="", max_length=200)
        ),
        migrations.AddField(
            "listing", "specialties", models.CharField(blank=True, default="", max_length=1000)
        ),
        migrations.AddField("listing", "visas", models.CharField(max_length=200, null=True)),
        migrations.AddField("listing", "sponsors_visa", models.BooleanField(null=True)),
        migrations.AddField("listing", "opens", models.DateField(null=True)),
        migrations.AddField("listing", "closes", models.DateField(null=True)),
        migrations.AddField(
            "listing", "yearly", models.CharField(blank=True, db_index=True, default="", max_length=11)
        ),
        migrations.AddField(
            "listing",
            "requirements_key",
            models.CharField(blank=True, default="", max_length=64),
        ),
        migrations.AddIndex(
            "listing",
            models.Index(fields=SEARCH_COLUMNS, name="opportunities_listing_search"),
        ),
        migrations.RunPython(derive, migrations.RunPython.noop),
        migrations.RunPython(full_text, no_full_text),
    ]
