from django.apps import AppConfig


class CohortsConfig(AppConfig):
    """Cohorts: a spreadsheet of many people checked at once in the background, its progress, its
    results, charts and exports, on the site and through the API."""

    name = "imgpath.web.cohorts"
    label = "cohorts"
    default_auto_field = "django.db.models.BigAutoField"
