from django.apps import AppConfig


class ApiConfig(AppConfig):
    """The JSON API under /api/v1/, one NinjaAPI assembled from each app's router."""

    name = "imgpath.web.api"
    label = "api"
    default_auto_field = "django.db.models.BigAutoField"
