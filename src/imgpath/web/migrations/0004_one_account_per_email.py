# ruff: noqa: RUF012
"""One account per email address, whatever its case: a unique index on auth_user's lower-cased
email (empty emails, as on accounts made from the command line, are left out). It holds under
concurrent sign-ups, where a check in the form alone would let both through."""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("web", "0003_shared_counters_and_cache"),
        ("auth", "0012_alter_user_first_name_max_length"),
    ]

    operations = [
        migrations.RunSQL(
            sql="CREATE UNIQUE INDEX imgpath_one_account_per_email ON auth_user (LOWER(email)) "
            "WHERE email <> ''",
            reverse_sql="DROP INDEX imgpath_one_account_per_email",
        )
    ]
