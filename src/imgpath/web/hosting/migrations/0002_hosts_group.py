# ruff: noqa: RUF012
"""The host role: a ``hosts`` group. Curators add host accounts to it in the admin; its members post
listings through /hosts/ (not the admin), so the group needs no model permission."""

from typing import Any

from django.db import migrations

HOSTS_GROUP = "hosts"  # imgpath.web.hosting.models.HOSTS_GROUP, frozen here as migrations must be


def add_group(apps: Any, schema_editor: Any) -> None:
    apps.get_model("auth", "Group").objects.get_or_create(name=HOSTS_GROUP)


def remove_group(apps: Any, schema_editor: Any) -> None:
    apps.get_model("auth", "Group").objects.filter(name=HOSTS_GROUP).delete()


class Migration(migrations.Migration):
    dependencies = [("hosting", "0001_initial"), ("auth", "0012_alter_user_first_name_max_length")]

    operations = [migrations.RunPython(add_group, remove_group)]
