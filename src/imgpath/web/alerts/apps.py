from django.apps import AppConfig


class AlertsConfig(AppConfig):
    """Alerts: the rulebook's snapshot and the alerts a rulebook update sends to whose plans it touches."""

    name = "imgpath.web.alerts"
    label = "alerts"
    default_auto_field = "django.db.models.BigAutoField"
