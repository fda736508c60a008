"""Curators read mentors, requests, rounds and reports here; reports are marked handled here."""

from __future__ import annotations

from django.contrib import admin

from imgpath.web.mentoring.models import (
    MentoringReport,
    MentoringRound,
    MentorProfile,
    MentorshipRequest,
    Proposal,
)


@admin.register(MentorProfile)
class MentorProfileAdmin(admin.ModelAdmin):  # type: ignore[type-arg]
    list_display = ("name", "user", "route", "capacity", "active", "pledge_version", "conduct_version")
    list_filter = ("active",)
    search_fields = ("name", "user__username")


@admin.register(MentorshipRequest)
class MentorshipRequestAdmin(admin.ModelAdmin):  # type: ignore[type-arg]
    list_display = ("name", "mentee", "route", "status", "created")
    list_filter = ("status",)


@admin.register(MentoringRound)
class MentoringRoundAdmin(admin.ModelAdmin):  # type: ignore[type-arg]
    list_display = ("created", "run_by", "rematch")


@admin.register(Proposal)
class ProposalAdmin(admin.ModelAdmin):  # type: ignore[type-arg]
    list_display = ("mentor", "request", "status", "mentor_answer", "mentee_answer", "created")
    list_filter = ("status",)


@admin.register(MentoringReport)
class MentoringReportAdmin(admin.ModelAdmin):  # type: ignore[type-arg]
    list_display = ("created", "reporter", "about", "handled")
    list_filter = ("handled",)
