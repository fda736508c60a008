from django.apps import AppConfig


class AccountsConfig(AppConfig):
    """Accounts: sign-up, log-in, saved profiles, export and deletion."""

    name = "imgpath.web.accounts"
    label = "accounts"
    default_auto_field = "django.db.models.BigAutoField"
