from django.apps import AppConfig


class PagesConfig(AppConfig):
    """Public pages: home, the profile wizard, results, explanations, states and what changed."""

    name = "imgpath.web.pages"
    label = "pages"
    default_auto_field = "django.db.models.BigAutoField"
