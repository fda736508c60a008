"""Listings as hosts and curators keep them: the finder's schema as a JSON document, with the columns
search filters and sorts by copied beside it.

``document`` is the truth (an ``imgpath.finder.Opportunity`` dumped as JSON, validated on every
write); the other columns are derived from it in ``save`` so SQL can filter, and must never be edited
alone. Every change to a listing is kept in ``ListingChange``: who, when, what before and after.
"""

from __future__ import annotations

import hashlib
from typing import Any

from django.conf import settings
from django.db import models

from imgpath.engine import requirement_set
from imgpath.finder import Opportunity, Organisation, Story, known_cost_usd, words_document


class Review(models.TextChoices):
    """Where a listing stands with the curators: only ``published`` ones are searched."""

    draft = "draft", "draft"
    pending = "pending", "waiting for a curator"
    published = "published", "published"
    rejected = "rejected", "rejected"


class Origin(models.TextChoices):
    catalogue = "catalogue", "the bundled catalogue"
    host = "host", "posted by a host"
    imported = "imported", "imported by a curator"


SEARCH_COLUMNS = [
    "review", "status", "requirements_key", "yearly", "kind", "state", "remote", "hands_on", "cost_usd",
    "last_verified", "opens", "closes", "visas", "sponsors_visa", "specialties", "sort_title",
]  # fmt: skip
"""Every column search filters, groups and sorts by, in one covering index: a search reads the
index alone, never the rows with their large documents (which SQLite would follow to overflow
pages for every column stored after the document)."""


class Listing(models.Model):
    """One opportunity: its document and the columns search reads."""

    slug = models.SlugField(max_length=80, unique=True)
    document = models.JSONField()
    """The opportunity as ``Opportunity.model_dump(mode="json")``."""
    kind = models.CharField(max_length=40)
    title = models.CharField(max_length=200)
    state = models.CharField(max_length=2, blank=True, default="")
    remote = models.BooleanField(default=False)
    hands_on = models.BooleanField(null=True)
    status = models.CharField(max_length=20, default="open")
    cost_usd = models.FloatField(null=True)
    """``known_cost_usd``: None when the source gives no cost (never counted as free)."""
    last_verified = models.DateField()
    demo = models.BooleanField(default=False)
    summary = models.TextField(blank=True, default="")
    host = models.CharField(max_length=200, blank=True, default="")
    city = models.CharField(max_length=100, blank=True, default="")
    words = models.TextField(blank=True, default="")
    """The distinct words of title, summary, host, city and state, folded (``imgpath.finder.words.document``):
    what the full-text index holds (migration 0004)."""
    sort_title = models.CharField(max_length=200, blank=True, default="")
    """The title casefolded, as ``rank_key`` compares titles (SQL's lower() knows ASCII only)."""
    specialties = models.CharField(max_length=1000, blank=True, default="")
    """``|a|b|``, empty for none (any or not applicable)."""
    visas = models.CharField(max_length=200, null=True)  # noqa: DJ001 (NULL: not said; "|": none)
    """``|B1|J1|``, ``|`` for none accepted, NULL when the source does not say."""
    sponsors_visa = models.BooleanField(null=True)
    opens = models.DateField(null=True)
    """The dated window's first day (NULL when the window repeats yearly or has no start)."""
    closes = models.DateField(null=True)
    """The dated deadline (NULL when the window repeats yearly or has no end)."""
    yearly = models.CharField(max_length=11, blank=True, default="", db_index=True)
    """A yearly window as ``MM-DD|MM-DD`` (either side may be empty); empty when dated or none."""
    requirements_key = models.CharField(max_length=64, blank=True, default="")
    """A digest of ``requirement_set(requirements).key``: listings with equal requirements share it,
    so search judges each distinct set once."""
    review = models.CharField(max_length=20, choices=Review.choices, default=Review.published)
    origin = models.CharField(max_length=20, choices=Origin.choices, default=Origin.catalogue)
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="listings"
    )
    """The host account that posted it (None: the catalogue's or a curator's)."""
    created = models.DateTimeField(auto_now_add=True)
    updated = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ("title",)
        indexes = (models.Index(fields=SEARCH_COLUMNS, name="opportunities_listing_search"),)

    def __str__(self) -> str:
        return self.title

    @property
    def opportunity(self) -> Opportunity:
        return Opportunity.model_validate(self.document)

    def set_opportunity(self, opportunity: Opportunity) -> None:
        """Write the document and every column derived from it."""
        self.slug = opportunity.id
        self.document = opportunity.model_dump(mode="json", by_alias=True, exclude_none=True)
        self.kind = opportunity.kind.value
        self.title = opportunity.title
        self.state = opportunity.place.state or ""
        self.remote = opportunity.place.remote
        self.hands_on = opportunity.hands_on
        self.status = opportunity.status.value
        self.cost_usd = known_cost_usd(opportunity)
        self.last_verified = opportunity.last_verified
        self.demo = opportunity.demo
        place = opportunity.place
        self.summary = opportunity.summary
        self.host = opportunity.host.name
        self.city = place.city or ""
        self.words = words_document(self.title, self.summary, self.host, self.city, self.state)
        self.sort_title = opportunity.title.casefold()
        self.specialties = (
            "".join(f"|{s}" for s in opportunity.specialties) + "|" if opportunity.specialties else ""
        )
        visas = opportunity.visas
        self.visas = None if visas is None else "|" + "".join(f"{v}|" for v in visas)
        self.sponsors_visa = opportunity.sponsors_visa
        application = opportunity.application
        if application.yearly_opens or application.yearly_closes:
            self.yearly = f"{application.yearly_opens or ''}|{application.yearly_closes or ''}"
            self.opens = self.closes = None
        else:
            self.yearly = ""
            self.opens, self.closes = application.opens, application.deadline
        self.requirements_key = requirements_key(opportunity)


def requirements_key(opportunity: Opportunity) -> str:
    """The digest of the listing's requirement set key (the set ``judge`` evaluates)."""
    key = requirement_set(opportunity.requirements).key
    return hashlib.sha256(key.encode()).hexdigest()[:32]


class OrganisationRecord(models.Model):
    slug = models.SlugField(max_length=80, unique=True)
    document = models.JSONField()
    name = models.CharField(max_length=200)
    last_verified = models.DateField()

    class Meta:
        ordering = ("name",)

    def __str__(self) -> str:
        return self.name

    @property
    def organisation(self) -> Organisation:
        return Organisation.model_validate(self.document)

    def set_organisation(self, organisation: Organisation) -> None:
        self.slug = organisation.id
        self.document = organisation.model_dump(mode="json", by_alias=True, exclude_none=True)
        self.name = organisation.name
        self.last_verified = organisation.last_verified


class StoryRecord(models.Model):
    slug = models.SlugField(max_length=80, unique=True)
    document = models.JSONField()
    title = models.CharField(max_length=200)
    last_verified = models.DateField()

    class Meta:
        ordering = ("title",)

    def __str__(self) -> str:
        return self.title

    @property
    def story(self) -> Story:
        return Story.model_validate(self.document)

    def set_story(self, story: Story) -> None:
        self.slug = story.id
        self.document = story.model_dump(mode="json", by_alias=True, exclude_none=True)
        self.title = story.title
        self.last_verified = story.last_verified


class ListingChange(models.Model):
    """The audit trail: every creation, edit, review decision and verification of a listing."""

    class Action(models.TextChoices):
        created = "created"
        updated = "updated"
        submitted = "submitted"
        approved = "approved"
        rejected = "rejected"
        verified = "verified"
        withdrawn = "withdrawn"
        loaded = "loaded"
        """Written from the bundled catalogue or an import."""

    listing = models.ForeignKey(Listing, on_delete=models.CASCADE, related_name="changes")
    who = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL)
    when = models.DateTimeField(auto_now_add=True)
    action = models.CharField(max_length=20, choices=Action.choices)
    before = models.JSONField(null=True, blank=True)
    after = models.JSONField(null=True, blank=True)
    note = models.CharField(max_length=500, blank=True, default="")

    class Meta:
        ordering = ("-when", "-pk")

    def __str__(self) -> str:
        return f"{self.action} {self.listing_id} at {self.when:%Y-%m-%d %H:%M}"


def record_change(
    listing: Listing, action: str, who: Any = None, before: dict[str, Any] | None = None, note: str = ""
) -> ListingChange:
    """Keep one change in the audit trail (the document after it is the listing's own)."""
    return ListingChange.objects.create(
        listing=listing, who=who, action=action, before=before, after=listing.document, note=note
    )
