from django.apps import AppConfig


class WebConfig(AppConfig):
    """The project's own app: what every app shares (the base template, static files, template tags,
    the throttle and cache tables) and the migration history from before the split into apps."""

    name = "imgpath.web"
    label = "web"
    verbose_name = "IMG Pathways"
    default_auto_field = "django.db.models.BigAutoField"
