from django.apps import AppConfig


class MatchingConfig(AppConfig):
    """Matching: observership rounds: the API, and the pages where hosts and applicants rank each other."""

    name = "imgpath.web.matching"
    label = "matching"
    default_auto_field = "django.db.models.BigAutoField"
