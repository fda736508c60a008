# ruff: noqa: RUF012
"""SavedProfile moves here from the ``web`` app: state only. Its table, ``web_savedprofile``, was made by
web 0001 and keeps its name and its rows; ``web`` 0005 drops the model from the old app's state."""

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):
    initial = True

    dependencies = [
        ("web", "0004_one_account_per_email"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name="SavedProfile",
                    fields=[
                        (
                            "id",
                            models.BigAutoField(
                                auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                            ),
                        ),
                        ("name", models.CharField(max_length=120, verbose_name="name")),
                        ("data", models.JSONField(default=dict, verbose_name="profile")),
                        (
                            "demo",
                            models.BooleanField(default=False, help_text="Demo content, not a real person."),
                        ),
                        ("created", models.DateTimeField(auto_now_add=True)),
                        ("updated", models.DateTimeField(auto_now=True)),
                        (
                            "owner",
                            models.ForeignKey(
                                on_delete=django.db.models.deletion.CASCADE,
                                related_name="profiles",
                                to=settings.AUTH_USER_MODEL,
                            ),
                        ),
                    ],
                    options={"db_table": "web_savedprofile", "ordering": ("-updated", "id")},
                ),
            ],
            database_operations=[],
        ),
    ]
