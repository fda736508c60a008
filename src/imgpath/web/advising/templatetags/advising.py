"""``{% load advising %}{% sharing_on_account %}``: the account page's part on sharing (who can read
which profile since when, one button to stop, the last reads), kept by this app."""

from __future__ import annotations

from typing import Any

from django import template

from imgpath.web.advising import access
from imgpath.web.advising.models import Consent, Read

register = template.Library()
LAST_READS = 10


@register.inclusion_tag("advising/_account_sharing.html", takes_context=True)
def sharing_on_account(context: template.Context) -> dict[str, Any]:
    user = context["request"].user
    return {
        "consents": Consent.objects.filter(profile__owner=user, revoked__isnull=True).select_related(
            "profile", "adviser", "organisation"
        ),
        "reads": Read.objects.filter(profile__owner=user).select_related("reader", "profile")[:LAST_READS],
        "is_adviser": access.is_adviser(user),
        "csrf_token": context.get("csrf_token"),
    }
