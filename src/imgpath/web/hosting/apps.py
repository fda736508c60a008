from django.apps import AppConfig


class HostingConfig(AppConfig):
    """Hosting: the host role, reports about listings, saved searches and their reminders."""

    name = "imgpath.web.hosting"
    label = "hosting"
    default_auto_field = "django.db.models.BigAutoField"
