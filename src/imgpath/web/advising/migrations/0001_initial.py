# ruff: noqa: RUF012
"""Advising: organisations, memberships, consents, the read log and shared plan links."""

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):
    initial = True

    dependencies = [
        ("accounts", "0002_reader"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.CreateModel(
            name="Organisation",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("name", models.CharField(max_length=160, verbose_name="name")),
                ("slug", models.SlugField(unique=True)),
                ("created", models.DateTimeField(auto_now_add=True)),
            ],
            options={
                "ordering": ("name", "id"),
            },
        ),
        migrations.CreateModel(
            name="SharedLink",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("pathway", models.CharField(max_length=80)),
                ("digest", models.CharField(max_length=64, unique=True)),
                ("expires", models.DateField()),
                (
                    "identity",
                    models.BooleanField(
                        default=False, help_text="The page shows the owner's name and immigration status."
                    ),
                ),
                ("created", models.DateTimeField(auto_now_add=True)),
                ("revoked", models.DateTimeField(blank=True, null=True)),
                (
                    "profile",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="shared_links",
                        to="accounts.savedprofile",
                    ),
                ),
            ],
            options={
                "ordering": ("-created", "id"),
            },
        ),
        migrations.CreateModel(
            name="Membership",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                (
                    "role",
                    models.CharField(
                        choices=[("adviser", "Adviser"), ("admin", "Organisation admin")],
                        default="adviser",
                        max_length=20,
                    ),
                ),
                ("added", models.DateTimeField(auto_now_add=True)),
                (
                    "user",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="memberships",
                        to=settings.AUTH_USER_MODEL,
                    ),
                ),
                (
                    "organisation",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="memberships",
                        to="advising.organisation",
                    ),
                ),
            ],
            options={
                "ordering": ("organisation", "user__username", "id"),
                "constraints": [
                    models.UniqueConstraint(fields=("organisation", "user"), name="one_membership_per_user")
                ],
            },
        ),
        migrations.CreateModel(
            name="Consent",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("granted", models.DateTimeField(auto_now_add=True)),
                ("revoked", models.DateTimeField(blank=True, null=True)),
                (
                    "adviser",
                    models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="consents_held",
                        to=settings.AUTH_USER_MODEL,
                    ),
                ),
                (
                    "profile",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="consents",
                        to="accounts.savedprofile",
                    ),
                ),
                (
                    "organisation",
                    models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="consents",
                        to="advising.organisation",
                    ),
                ),
            ],
            options={
                "ordering": ("-granted", "id"),
                "constraints": [
                    models.CheckConstraint(
                        condition=models.Q(
                            models.Q(("adviser__isnull", False), ("organisation__isnull", True)),
                            models.Q(("adviser__isnull", True), ("organisation__isnull", False)),
                            _connector="OR",
                        ),
                        name="consent_to_an_adviser_or_an_organisation",
                    )
                ],
            },
        ),
        migrations.CreateModel(
            name="Read",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                (
                    "what",
                    models.CharField(
                        choices=[
                            ("table", "your line in the table of clients"),
                            ("profile", "your profile and plans"),
                            ("export", "an export of the table of clients"),
                            ("api", "the table of clients through the API"),
                        ],
                        max_length=20,
                    ),
                ),
                ("at", models.DateTimeField(auto_now_add=True)),
                (
                    "profile",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="adviser_reads",
                        to="accounts.savedprofile",
                    ),
                ),
                (
                    "reader",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="reads",
                        to=settings.AUTH_USER_MODEL,
                    ),
                ),
            ],
            options={
                "ordering": ("-at", "-id"),
                "indexes": [models.Index(fields=["profile", "-at"], name="reads_of_a_profile")],
            },
        ),
    ]
