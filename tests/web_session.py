"""A visitor's browser session holding a profile, as the wizard leaves it: for the web's page tests."""

from __future__ import annotations

from typing import Any

from django.test import Client

from imgpath.web.lib.session import PROFILE_KEY


def with_profile(client: Client, data: dict[str, Any]) -> Client:
    """The client, its session holding ``data`` as the profile being worked on."""
    session = client.session
    session[PROFILE_KEY] = data
    session.save()
    return client
