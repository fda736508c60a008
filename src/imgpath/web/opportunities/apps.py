from django.apps import AppConfig


class OpportunitiesConfig(AppConfig):
    """Opportunities: listings, organisations and stories kept in the database, searched and judged."""

    name = "imgpath.web.opportunities"
    label = "opportunities"
    default_auto_field = "django.db.models.BigAutoField"
