from django.apps import AppConfig


class MatchingConfig(AppConfig):
    """Matching: observership rounds solved for the API (no models yet; pages come later)."""

    name = "imgpath.web.matching"
    label = "matching"
    default_auto_field = "django.db.models.BigAutoField"
