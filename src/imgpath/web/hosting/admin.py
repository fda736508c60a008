"""The curators' desk (``/admin/``): listings with their review, freshness and audit trail, approve
and reject actions that record who decided, the audit trail read-only, and readers' reports."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from django import forms
from django.contrib import admin, messages
from django.db.models import QuerySet
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _
from pydantic import ValidationError

from imgpath.finder import HIDDEN_AFTER_DAYS, STALE_AFTER_DAYS, Opportunity, freshness
from imgpath.web.hosting import services
from imgpath.web.hosting.models import ListingReport
from imgpath.web.opportunities.models import Listing, ListingChange, Origin


class FreshnessFilter(admin.SimpleListFilter):
    title = _("freshness")
    parameter_name = "freshness"

    def lookups(self, request: HttpRequest, model_admin: Any) -> list[tuple[str, Any]]:
        return [("fresh", _("fresh")), ("stale", _("stale (180 days)")), ("hidden", _("hidden (270 days)"))]

    def queryset(self, request: HttpRequest, queryset: QuerySet[Any]) -> QuerySet[Any]:
        today = date.today()
        stale_from = today - timedelta(days=STALE_AFTER_DAYS)
        hidden_from = today - timedelta(days=HIDDEN_AFTER_DAYS)
        match self.value():
            case "fresh":
                return queryset.filter(last_verified__gte=stale_from)
            case "stale":
                return queryset.filter(last_verified__lt=stale_from, last_verified__gte=hidden_from)
            case "hidden":
                return queryset.filter(last_verified__lt=hidden_from)
        return queryset


class ListingAdminForm(forms.ModelForm):  # type: ignore[type-arg]
    class Meta:
        model = Listing
        fields = ("document", "review", "owner")

    def clean_document(self) -> Any:
        document = self.cleaned_data["document"]
        try:
            self.opportunity = Opportunity.model_validate(document)
        except ValidationError as error:
            raise forms.ValidationError(
                [f"{'.'.join(str(p) for p in e['loc']) or 'listing'}: {e['msg']}" for e in error.errors()]
            ) from error
        return document


class ChangeInline(admin.TabularInline):  # type: ignore[type-arg]
    model = ListingChange
    fields = ("when", "who", "action", "note")
    readonly_fields = fields
    extra = 0
    can_delete = False
    show_change_link = True

    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


@admin.register(Listing)
class ListingAdmin(admin.ModelAdmin):  # type: ignore[type-arg]
    form = ListingAdminForm
    list_display = ("title", "kind", "state", "review", "status", "last_verified", "freshness_now", "owner")
    list_filter = ("review", "kind", "state", FreshnessFilter, "origin", "demo")
    search_fields = ("title", "slug")
    readonly_fields = (
        "slug",
        "kind",
        "title",
        "state",
        "status",
        "last_verified",
        "origin",
        "created",
        "updated",
    )
    inlines = (ChangeInline,)
    actions = ("approve", "reject")

    @admin.display(description=_("freshness"))
    def freshness_now(self, obj: Listing) -> str:
        return freshness(obj.last_verified, date.today())

    def save_model(self, request: HttpRequest, obj: Listing, form: Any, change: bool) -> None:
        """Through the services, so a curator's edit is audited like anyone's."""
        original = Listing.objects.get(pk=obj.pk) if change else None
        if original is not None:
            obj.document, obj.review = original.document, original.review  # the service writes them
        else:
            obj.origin = Origin.imported
        services.curator_edit(obj, form.opportunity, request.user, form.cleaned_data["review"])

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False  # withdraw instead: the audit trail stays

    def _decide(self, request: HttpRequest, queryset: QuerySet[Listing], approve: bool) -> None:
        done = sum(services.decide(listing, request.user, approve) for listing in queryset)
        self.message_user(request, _("%(n)d listings changed.") % {"n": done}, messages.SUCCESS)

    @admin.action(description=_("Approve: publish the selected listings"), permissions=("change",))
    def approve(self, request: HttpRequest, queryset: QuerySet[Listing]) -> None:
        self._decide(request, queryset, True)

    @admin.action(description=_("Reject the selected listings"), permissions=("change",))
    def reject(self, request: HttpRequest, queryset: QuerySet[Listing]) -> None:
        self._decide(request, queryset, False)


class ReadOnly(admin.ModelAdmin):  # type: ignore[type-arg]
    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


@admin.register(ListingChange)
class ListingChangeAdmin(ReadOnly):
    list_display = ("when", "listing", "action", "who", "note")
    list_filter = ("action",)
    search_fields = ("listing__slug", "listing__title", "who__username")
    readonly_fields = ("listing", "who", "when", "action", "before", "after", "note")


@admin.register(ListingReport)
class ListingReportAdmin(admin.ModelAdmin):  # type: ignore[type-arg]
    list_display = ("created", "listing", "reason", "handled")
    list_filter = ("handled", "reason")
    search_fields = ("listing__slug", "listing__title", "text")
    readonly_fields = ("listing", "reason", "text", "email", "created")
    fields = (*readonly_fields, "handled", "curator_note")

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False
