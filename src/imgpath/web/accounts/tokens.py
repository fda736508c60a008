"""The link that confirms a new account's email address."""

from __future__ import annotations

from django.contrib.auth.models import User
from django.contrib.auth.tokens import PasswordResetTokenGenerator


class EmailVerification(PasswordResetTokenGenerator):
    """Tokens for the link that confirms a new account's email. They stop working once the account
    is active (the hash covers ``is_active``) and after PASSWORD_RESET_TIMEOUT, like reset links."""

    key_salt = "imgpath.web.accounts.EmailVerification"  # kept: a new salt would void links sent

    def _make_hash_value(self, user: User, timestamp: int) -> str:
        # the password and last log-in too, as Django's reset tokens: an account confirmed, used and
        # deactivated later is not brought back by an old link
        login = "" if user.last_login is None else user.last_login.replace(microsecond=0, tzinfo=None)
        return f"{user.pk}{user.is_active}{user.email}{user.password}{login}{timestamp}"


verification = EmailVerification()
