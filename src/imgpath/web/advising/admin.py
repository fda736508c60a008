"""Curators set up organisations and their first admin here; admins then add advisers on the site."""

from __future__ import annotations

from django.contrib import admin

from imgpath.web.advising.models import Consent, Membership, Organisation, Read


class MembershipInline(admin.TabularInline):  # type: ignore[type-arg]
    model = Membership
    extra = 1
    autocomplete_fields = ("user",)


@admin.register(Organisation)
class OrganisationAdmin(admin.ModelAdmin):  # type: ignore[type-arg]
    list_display = ("name", "slug", "created")
    prepopulated_fields = {"slug": ("name",)}  # noqa: RUF012
    search_fields = ("name", "slug")
    inlines = (MembershipInline,)


@admin.register(Membership)
class MembershipAdmin(admin.ModelAdmin):  # type: ignore[type-arg]
    list_display = ("organisation", "user", "role", "added")
    list_filter = ("role",)
    autocomplete_fields = ("user", "organisation")


@admin.register(Consent)
class ConsentAdmin(admin.ModelAdmin):  # type: ignore[type-arg]
    """Read-only: only the client gives or withdraws a consent."""

    list_display = ("profile", "adviser", "organisation", "granted", "revoked")

    def has_add_permission(self, request: object) -> bool:
        return False

    def has_change_permission(self, request: object, obj: object = None) -> bool:
        return False


@admin.register(Read)
class ReadAdmin(admin.ModelAdmin):  # type: ignore[type-arg]
    list_display = ("reader", "profile", "what", "at")

    def has_add_permission(self, request: object) -> bool:
        return False

    def has_change_permission(self, request: object, obj: object = None) -> bool:
        return False
