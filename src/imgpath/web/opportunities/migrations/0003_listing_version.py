# ruff: noqa: RUF012
"""An index for the search index's freshness check: the published listings' latest ``updated`` and
their count, read from the index alone (never the rows with their documents)."""

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("opportunities", "0002_listing_search")]

    operations = [
        migrations.AddIndex(
            model_name="listing",
            index=models.Index(fields=("review", "status", "updated"), name="opportunities_listing_version"),
        ),
    ]
