from django.apps import AppConfig


class AccountsConfig(AppConfig):
    """Accounts: sign-up, log-in, saved profiles, export and deletion."""

    name = "imgpath.web.accounts"
    label = "accounts"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from django.contrib.auth.signals import user_logged_in

        from imgpath.web.accounts.languages import remember_at_login

        user_logged_in.connect(remember_at_login, dispatch_uid="imgpath-remember-language")
