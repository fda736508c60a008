"""Who may read what: every read of a shared profile goes through here, object by object.

An adviser reads a saved profile only while a consent its owner gave is in force, to that adviser or to
an organisation the adviser belongs to. Anything else (an unshared profile, another organisation's
client, a revoked consent) is a 404, as another account's objects are everywhere else on the site.
"""

from __future__ import annotations

from django.contrib.auth.models import AnonymousUser
from django.contrib.auth.models import User as Account
from django.db.models import Q, QuerySet
from django.http import Http404

from imgpath.web.accounts.models import SavedProfile
from imgpath.web.advising.models import Consent, Membership, Organisation, Read

User = Account | AnonymousUser


def organisations_of(user: User) -> QuerySet[Organisation]:
    if not user.is_authenticated:
        return Organisation.objects.none()
    return Organisation.objects.filter(memberships__user=user).distinct()


def is_adviser(user: User) -> bool:
    return user.is_authenticated and Membership.objects.filter(user=user).exists()


def consents_in_force(user: User) -> QuerySet[Consent]:
    """The consents under which ``user`` reads: to them, or to one of their organisations."""
    if not user.is_authenticated:
        return Consent.objects.none()
    return Consent.objects.filter(
        Q(adviser=user) | Q(organisation__memberships__user=user),
        revoked__isnull=True,
    ).exclude(profile__owner=user)


def shared_with(user: User) -> QuerySet[SavedProfile]:
    """Every saved profile ``user`` may read as an adviser, once each."""
    ids = consents_in_force(user).values("profile_id")
    return SavedProfile.objects.filter(pk__in=ids).select_related("owner").order_by("name", "id")


def readable(user: User, pk: int) -> SavedProfile:
    """The saved profile ``pk`` if ``user`` may read it as an adviser; Http404 otherwise."""
    found = shared_with(user).filter(pk=pk).first()
    if found is None:
        raise Http404
    return found


def log_reads(user: User, profiles: list[SavedProfile], what: str) -> None:
    """Record that ``user`` read ``profiles`` (``Read.What``), one row each, at once."""
    if user.is_authenticated and profiles:
        Read.objects.bulk_create([Read(profile=p, reader_id=user.pk, what=what) for p in profiles])


def admin_of(user: User, slug: str) -> Organisation:
    """The organisation ``slug`` if ``user`` is one of its admins or a staff curator; Http404 otherwise."""
    found = Organisation.objects.filter(slug=slug).first()
    if found is None or not user.is_authenticated:
        raise Http404
    if getattr(user, "is_staff", False):
        return found
    if not Membership.objects.filter(organisation=found, user=user, role=Membership.Role.admin).exists():
        raise Http404
    return found


def advisers_of(saved: SavedProfile) -> list[Account]:
    """The advisers who read ``saved`` under a consent in force: those it was shared with, and every
    adviser of an organisation it was shared with (the rule-change alerts' other recipients,
    ``IMGPATH_ALERT_RECIPIENTS``); never its owner."""
    consents = Consent.objects.filter(profile=saved, revoked__isnull=True)
    return list(
        Account.objects.filter(
            Q(consents_held__in=consents) | Q(memberships__organisation__consents__in=consents)
        )
        .exclude(pk=saved.owner_id)
        .distinct()
        .order_by("pk")
    )
