# ruff: noqa: RUF012
"""Mentoring: mentor profiles, requests, rounds, proposals and reports."""

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):
    initial = True

    dependencies = [
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.CreateModel(
            name="MentoringRound",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("rematch", models.BooleanField(default=False)),
                ("result", models.JSONField(default=dict)),
                ("created", models.DateTimeField(auto_now_add=True)),
                (
                    "run_by",
                    models.ForeignKey(
                        null=True, on_delete=django.db.models.deletion.SET_NULL, to=settings.AUTH_USER_MODEL
                    ),
                ),
            ],
            options={
                "ordering": ("-created", "-id"),
            },
        ),
        migrations.CreateModel(
            name="MentorProfile",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("name", models.CharField(max_length=80, verbose_name="name shown to mentees")),
                ("route", models.CharField(max_length=80, verbose_name="route you took")),
                ("specialty", models.CharField(blank=True, max_length=64, verbose_name="specialty")),
                ("languages", models.JSONField(default=list)),
                ("countries", models.JSONField(default=list)),
                ("states", models.JSONField(default=list)),
                ("capacity", models.PositiveSmallIntegerField(default=1, verbose_name="mentees at a time")),
                ("available_from", models.DateField(verbose_name="available from")),
                ("available_until", models.DateField(blank=True, null=True, verbose_name="available until")),
                ("active", models.BooleanField(default=True, verbose_name="taking mentees")),
                ("pledge_version", models.CharField(blank=True, max_length=20)),
                ("pledge_accepted", models.DateTimeField(blank=True, null=True)),
                ("conduct_version", models.CharField(blank=True, max_length=20)),
                ("conduct_accepted", models.DateTimeField(blank=True, null=True)),
                ("updated", models.DateTimeField(auto_now=True)),
                (
                    "user",
                    models.OneToOneField(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="mentor",
                        to=settings.AUTH_USER_MODEL,
                    ),
                ),
            ],
            options={
                "ordering": ("name", "id"),
            },
        ),
        migrations.CreateModel(
            name="MentorshipRequest",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("name", models.CharField(max_length=80, verbose_name="name shown to mentors")),
                ("route", models.CharField(max_length=80, verbose_name="route you seek")),
                ("specialty", models.CharField(blank=True, max_length=64, verbose_name="specialty")),
                ("languages", models.JSONField(default=list)),
                ("country", models.CharField(blank=True, max_length=2)),
                ("states", models.JSONField(default=list)),
                ("needs_from", models.DateField(verbose_name="from")),
                ("months", models.PositiveSmallIntegerField(default=6, verbose_name="for how many months")),
                ("needs", models.TextField(blank=True, max_length=1000, verbose_name="what you need")),
                (
                    "status",
                    models.CharField(
                        choices=[
                            ("open", "Waiting for a round"),
                            ("proposed", "A mentor was proposed"),
                            ("matched", "Matched"),
                            ("withdrawn", "Withdrawn"),
                        ],
                        default="open",
                        max_length=20,
                    ),
                ),
                ("created", models.DateTimeField(auto_now_add=True)),
                ("withdrawn", models.DateTimeField(blank=True, null=True)),
                (
                    "mentee",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="mentorship_requests",
                        to=settings.AUTH_USER_MODEL,
                    ),
                ),
            ],
            options={
                "ordering": ("created", "id"),
            },
        ),
        migrations.CreateModel(
            name="Proposal",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("fit", models.JSONField(default=dict)),
                (
                    "status",
                    models.CharField(
                        choices=[
                            ("proposed", "Waiting for answers"),
                            ("accepted", "Accepted by both"),
                            ("declined", "Declined"),
                            ("superseded", "Replaced by a new round"),
                            ("ended", "Ended: the request was withdrawn"),
                        ],
                        default="proposed",
                        max_length=20,
                    ),
                ),
                (
                    "mentor_answer",
                    models.CharField(
                        blank=True,
                        choices=[("", "No answer yet"), ("accepted", "Accepted"), ("declined", "Declined")],
                        max_length=20,
                    ),
                ),
                (
                    "mentee_answer",
                    models.CharField(
                        blank=True,
                        choices=[("", "No answer yet"), ("accepted", "Accepted"), ("declined", "Declined")],
                        max_length=20,
                    ),
                ),
                ("created", models.DateTimeField(auto_now_add=True)),
                (
                    "mentor",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="proposals",
                        to="mentoring.mentorprofile",
                    ),
                ),
                (
                    "request",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="proposals",
                        to="mentoring.mentorshiprequest",
                    ),
                ),
                (
                    "round",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="proposals",
                        to="mentoring.mentoringround",
                    ),
                ),
            ],
            options={
                "ordering": ("-created", "-id"),
            },
        ),
        migrations.CreateModel(
            name="MentoringReport",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("text", models.TextField(max_length=2000, verbose_name="what happened")),
                ("created", models.DateTimeField(auto_now_add=True)),
                ("handled", models.BooleanField(default=False)),
                (
                    "about",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                    ),
                ),
                (
                    "reporter",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                    ),
                ),
                (
                    "proposal",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="reports",
                        to="mentoring.proposal",
                    ),
                ),
            ],
            options={
                "ordering": ("-created", "-id"),
            },
        ),
        migrations.AddConstraint(
            model_name="mentorshiprequest",
            constraint=models.UniqueConstraint(
                condition=models.Q(("status", "withdrawn"), _negated=True),
                fields=("mentee",),
                name="one_open_request_per_mentee",
            ),
        ),
    ]
