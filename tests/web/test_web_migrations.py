"""Migrations that guard data: the one-account-per-email index stops on addresses already shared."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import User
from django.core.management import call_command
from django.db import IntegrityError, transaction


@pytest.mark.django_db(transaction=True)
def test_the_email_index_lists_shared_addresses_instead_of_failing_half_way() -> None:
    call_command("migrate", "web", "0003", verbosity=0)
    try:
        User.objects.create_user("first", "Shared@example.org", "correct horse battery staple")
        User.objects.create_user("second", "shared@EXAMPLE.org", "correct horse battery staple")
        with pytest.raises(RuntimeError, match=r"shared@example\.org \(2 accounts\)"):
            call_command("migrate", "web", "0004", verbosity=0)
        User.objects.filter(username="second").update(email="")
    finally:
        call_command("migrate", "web", verbosity=0)
    with pytest.raises(IntegrityError), transaction.atomic():
        User.objects.create_user("third", "SHARED@example.org", "correct horse battery staple")


@pytest.mark.django_db(transaction=True)
def test_a_database_from_before_the_split_into_apps_keeps_every_row() -> None:
    """Saved profiles, checklists and feed tokens written under the one ``web`` app (migration 0004)
    are the same rows, in the same tables, once their models belong to accounts and plans."""
    from django.contrib.contenttypes.models import ContentType
    from django.db import connection
    from django.db.migrations.executor import MigrationExecutor

    from imgpath.web.accounts.models import SavedProfile
    from imgpath.web.plans.models import ChecklistItem, FeedToken

    call_command("migrate", "accounts", "zero", verbosity=0)  # back to web 0004: the layout before
    old = MigrationExecutor(connection).loader.project_state(("web", "0004_one_account_per_email")).apps
    user = User.objects.create_user("alice", "alice@example.org", "correct horse battery staple")
    saved = old.get_model("web", "SavedProfile").objects.create(
        owner_id=user.pk, name="Alice's internist", data={"citizenship": ["IN"]}
    )
    old.get_model("web", "ChecklistItem").objects.create(
        profile_id=saved.pk, pathway="us-tn.traditional", step="usmle_step3", status="done"
    )
    old.get_model("web", "FeedToken").objects.create(owner_id=user.pk, digest="d" * 64)
    # content types as a database made before the split has them (the suite's own were made after)
    ContentType.objects.filter(model__in=["savedprofile", "checklistitem", "feedtoken"]).delete()
    before = {
        m: ContentType.objects.create(app_label="web", model=m).pk for m in ("savedprofile", "feedtoken")
    }

    call_command("migrate", verbosity=0)

    kept = SavedProfile.objects.get()
    assert (kept.pk, kept.owner_id, kept.name, kept.data) == (
        saved.pk,
        user.pk,
        "Alice's internist",
        {"citizenship": ["IN"]},
    )
    item = ChecklistItem.objects.get()
    assert (item.profile_id, item.pathway, item.step, item.status) == (
        kept.pk,
        "us-tn.traditional",
        "usmle_step3",
        "done",
    )
    assert FeedToken.objects.get().owner_id == user.pk
    assert ContentType.objects.get(app_label="accounts", model="savedprofile").pk == before["savedprofile"]
    assert ContentType.objects.get(app_label="plans", model="feedtoken").pk == before["feedtoken"]
    tables = set(connection.introspection.table_names())
    assert {
        "web_savedprofile",
        "web_checklistitem",
        "web_feedtoken",
        "imgpath_throttle",
        "imgpath_cache",
    } <= tables
    with pytest.raises(IntegrityError), transaction.atomic():  # the one-row-per-step constraint came along
        ChecklistItem.objects.create(profile=kept, pathway="us-tn.traditional", step="usmle_step3")


@pytest.mark.django_db(transaction=True)
def test_listings_stored_before_the_words_column_are_found_by_their_words() -> None:
    """Migration 0004 folds the words of listings already stored, builds the full-text index on
    them, and keeps the count of writes search's index trusts (SQLite loses a table's triggers when
    Django remakes it)."""
    from datetime import date

    from django.db import connection
    from django.db.migrations.executor import MigrationExecutor

    from imgpath.finder import Filters
    from imgpath.web.opportunities.index import forget
    from imgpath.web.opportunities.models import Listing
    from imgpath.web.opportunities.search import search

    call_command("migrate", "opportunities", "0003", verbosity=0)
    try:
        old = (
            MigrationExecutor(connection).loader.project_state(("opportunities", "0003_listing_changes")).apps
        )
        title = "Médecine interne à Memphis"
        document = {
            "id": "stored-before",
            "kind": "observership",
            "title": title,
            "summary": "Observe rounds.",
            "host": {"name": "Mercy Hospital"},
            "place": {"state": "TN", "city": "Memphis"},
            "status": "open",
            "last_verified": "2026-11-25",
            "demo": True,
        }
        old.get_model("opportunities", "Listing").objects.create(
            slug="stored-before", document=document, kind="observership", title=title,
            state="TN", city="Memphis", host="Mercy Hospital", summary="Observe rounds.",
            last_verified=date(2026, 11, 25), sort_title=title.casefold(),
        )  # fmt: skip
    finally:
        call_command("migrate", verbosity=0)
    forget()
    try:
        day = date(2026, 11, 25)
        assert [h.listing.slug for h in search(Filters(query="MEDEC mercy"), None, day).hits] == [
            "stored-before"
        ]
        Listing.objects.filter(slug="stored-before").update(status="withdrawn")  # counted: the index follows
        assert search(Filters(query="medec"), None, day).hits == []
    finally:
        Listing.objects.all().delete()
        forget()
