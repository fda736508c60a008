# ruff: noqa: RUF012
"""One account per email address, whatever its case: a unique index on auth_user's lower-cased
email (empty emails, as on accounts made from the command line, are left out). It holds under
concurrent sign-ups, where a check in the form alone would let both through.

Sign-up used to accept an address already in use, so a database may hold some twice: the
migration then stops and lists them (no account is changed behind its owner's back)."""

from typing import Any

from django.db import migrations
from django.db.models import Count
from django.db.models.functions import Lower


def _refuse_shared_emails(apps: Any, schema_editor: Any) -> None:
    users = apps.get_model("auth", "User").objects.using(schema_editor.connection.alias)
    shared = (
        users.exclude(email="")
        .annotate(address=Lower("email"))
        .values("address")
        .annotate(accounts=Count("id"))
        .filter(accounts__gt=1)
    )
    if shared:
        listed = ", ".join(f"{row['address']} ({row['accounts']} accounts)" for row in shared[:20])
        raise RuntimeError(
            f"{len(shared)} email addresses are used by several accounts: {listed}. Give each account "
            "its own address (or blank the email of the accounts to keep without one), then migrate again."
        )


class Migration(migrations.Migration):
    dependencies = [
        ("web", "0003_shared_counters_and_cache"),
        ("auth", "0012_alter_user_first_name_max_length"),
    ]

    operations = [
        migrations.RunPython(_refuse_shared_emails, migrations.RunPython.noop),
        migrations.RunSQL(
            sql="CREATE UNIQUE INDEX imgpath_one_account_per_email ON auth_user (LOWER(email)) "
            "WHERE email <> ''",
            reverse_sql="DROP INDEX imgpath_one_account_per_email",
        ),
    ]
