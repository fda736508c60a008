# ruff: noqa: RUF012
"""Listings added to saved plans (PlanAddition); checklist step ids widened for an addition's
``<listing slug>.session`` (a slug may be 80 characters)."""

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("accounts", "0001_initial"),
        ("opportunities", "0001_initial"),
        ("plans", "0001_initial"),
    ]

    operations = [
        migrations.AlterField(
            model_name="checklistitem",
            name="step",
            field=models.CharField(max_length=120),
        ),
        migrations.CreateModel(
            name="PlanAddition",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("pathway", models.CharField(max_length=80)),
                ("added", models.DateTimeField(auto_now_add=True)),
                (
                    "listing",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="plan_additions",
                        to="opportunities.listing",
                    ),
                ),
                (
                    "profile",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="plan_additions",
                        to="accounts.savedprofile",
                    ),
                ),
            ],
            options={
                "ordering": ("profile", "pathway", "added", "id"),
                "constraints": [
                    models.UniqueConstraint(
                        fields=("profile", "pathway", "listing"), name="one_addition_per_plan"
                    )
                ],
            },
        ),
    ]
