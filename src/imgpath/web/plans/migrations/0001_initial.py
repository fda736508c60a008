# ruff: noqa: RUF012
"""ChecklistItem and FeedToken move here from the ``web`` app: state only. Their tables
(``web_checklistitem``, ``web_feedtoken``) were made by web 0001 and 0002 and keep their names, rows,
indexes and the ``one_item_per_step`` constraint; ``web`` 0005 drops the models from the old state."""

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):
    initial = True

    dependencies = [
        ("web", "0004_one_account_per_email"),
        ("accounts", "0001_initial"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name="FeedToken",
                    fields=[
                        (
                            "id",
                            models.BigAutoField(
                                auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                            ),
                        ),
                        ("digest", models.CharField(max_length=64, unique=True)),
                        ("created", models.DateTimeField(auto_now=True)),
                        (
                            "owner",
                            models.OneToOneField(
                                on_delete=django.db.models.deletion.CASCADE,
                                related_name="feed_token",
                                to=settings.AUTH_USER_MODEL,
                            ),
                        ),
                    ],
                    options={"db_table": "web_feedtoken"},
                ),
                migrations.CreateModel(
                    name="ChecklistItem",
                    fields=[
                        (
                            "id",
                            models.BigAutoField(
                                auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                            ),
                        ),
                        ("pathway", models.CharField(max_length=80)),
                        ("step", models.CharField(max_length=80)),
                        (
                            "status",
                            models.CharField(
                                choices=[
                                    ("todo", "To do"),
                                    ("in_progress", "In progress"),
                                    ("done", "Done"),
                                    ("skipped", "Not needed"),
                                ],
                                default="todo",
                                max_length=20,
                            ),
                        ),
                        ("due", models.DateField(blank=True, null=True)),
                        ("started", models.DateField(blank=True, null=True)),
                        ("finished", models.DateField(blank=True, null=True)),
                        ("note", models.TextField(blank=True)),
                        ("updated", models.DateTimeField(auto_now=True)),
                        (
                            "profile",
                            models.ForeignKey(
                                on_delete=django.db.models.deletion.CASCADE,
                                related_name="checklist",
                                to="accounts.savedprofile",
                            ),
                        ),
                    ],
                    options={
                        "db_table": "web_checklistitem",
                        "ordering": ("profile", "pathway", "due", "id"),
                        "constraints": [
                            models.UniqueConstraint(
                                fields=("profile", "pathway", "step"), name="one_item_per_step"
                            )
                        ],
                    },
                ),
            ],
            database_operations=[],
        ),
    ]
