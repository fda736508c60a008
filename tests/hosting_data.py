"""Data for the hosting tests: a listing's document, the host form's fields, a host account."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.models import Group, User

from imgpath.finder import Opportunity
from imgpath.web.hosting.models import HOSTS_GROUP
from passwords import PASSWORD


def host(name: str) -> User:
    """An account in the hosts group, as a curator makes one."""
    user = User.objects.create_user(name, f"{name}@example.org", PASSWORD)
    user.groups.add(Group.objects.get(name=HOSTS_GROUP))
    return user


def document(**changes: Any) -> dict[str, Any]:
    return {
        "id": "hana-observership",
        "kind": "observership",
        "title": "Internal medicine observership (test)",
        "summary": "Four weeks observing the internal medicine service.",
        "host": {"name": "Test Hospital"},
        "place": {"state": "TN", "city": "Memphis"},
        "cost": {"application_fee": {"usd": 100}},
        "reference": [{"title": "Test Hospital observers", "href": "https://hospital.example/observers"}],
        "last_verified": "2026-11-01",
    } | changes


def dumped(data: dict[str, Any]) -> dict[str, Any]:
    """A document as a listing keeps it (defaults filled in)."""
    return Opportunity.model_validate(data).model_dump(mode="json", by_alias=True, exclude_none=True)


FORM = {
    "kind": "observership",
    "title": "Cardiology observership",
    "summary": "Two weeks observing cardiology clinics.",
    "host_name": "Test Hospital",
    "host_url": "",
    "state": "tn",
    "city": "Memphis",
    "start": "2027-03-01",
    "end": "2027-03-14",
    "deadline": "2027-01-15",
    "application_fee_usd": "75",
    "tuition_usd": "500",
    "tuition_per": "week",
    "visas": "b1, J-1",
    "how_to_apply": "Email the CV and a letter.",
    "apply_url": "",
    "reference_url": "https://hospital.example/cardiology",
    "reference_title": "Cardiology observers",
    "last_verified": "2026-11-20",
}
