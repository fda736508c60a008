from django.apps import AppConfig


class AdvisingConfig(AppConfig):
    """Advising: organisations and their advisers, clients' consents, the adviser's table of clients
    and plans shared through expiring links."""

    name = "imgpath.web.advising"
    label = "advising"
    default_auto_field = "django.db.models.BigAutoField"
