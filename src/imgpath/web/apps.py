from django.apps import AppConfig


class WebConfig(AppConfig):
    """The one Django app: saved profiles, checklists, pages and the API."""

    name = "imgpath.web"
    label = "web"
    verbose_name = "IMG Pathways"
    default_auto_field = "django.db.models.BigAutoField"
