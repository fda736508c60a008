from django.apps import AppConfig


class PlansConfig(AppConfig):
    """Plans: routes compared, one route's plan, charts, checklists and calendar feeds."""

    name = "imgpath.web.plans"
    label = "plans"
    default_auto_field = "django.db.models.BigAutoField"
