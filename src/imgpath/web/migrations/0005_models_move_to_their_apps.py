# ruff: noqa: RUF012
"""The user's models leave the ``web`` app for the apps that own them (accounts 0001, plans 0001).

State only: no table is created, renamed or dropped, so an existing database keeps every row. Their
content types follow them, so anything keyed by content type (permissions) still points at the model.
"""

from typing import Any

from django.db import migrations

MOVED = {"savedprofile": "accounts", "checklistitem": "plans", "feedtoken": "plans"}


def _content_types_follow(apps: Any, schema_editor: Any, forward: bool = True) -> None:
    content_type = apps.get_model("contenttypes", "ContentType")
    for model, app in MOVED.items():
        old, new = ("web", app) if forward else (app, "web")
        if not content_type.objects.filter(app_label=new, model=model).exists():
            content_type.objects.filter(app_label=old, model=model).update(app_label=new)


def _content_types_return(apps: Any, schema_editor: Any) -> None:
    _content_types_follow(apps, schema_editor, forward=False)


class Migration(migrations.Migration):
    dependencies = [
        ("web", "0004_one_account_per_email"),
        ("accounts", "0001_initial"),
        ("plans", "0001_initial"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.DeleteModel(name="ChecklistItem"),
                migrations.DeleteModel(name="FeedToken"),
                migrations.DeleteModel(name="SavedProfile"),
            ],
            database_operations=[],
        ),
        migrations.RunPython(_content_types_follow, _content_types_return),
    ]
