"""The shipped support content: real organisations and published stories, each sourced and dated, and
every link between them (and into the rulebook) pointing at something that exists."""

from __future__ import annotations

from datetime import date
from functools import cache
from importlib import resources
from pathlib import Path

import pytest

from imgpath.finder.schema import Listings, Organisation, Story
from imgpath.rulebook import default_rulebook
from imgpath.yamlio import load_file

READ_BY = date(2026, 12, 3)
"""The day this content was last checked: no record may claim a later one."""


def data_file(name: str) -> Path:
    """A listings file as the installed package ships it (package data, not the source tree)."""
    return Path(str(resources.files("imgpath.finder").joinpath("data", name)))


@cache
def listings(name: str) -> Listings:
    data, _ = load_file(data_file(name))  # strict YAML: a duplicated key fails here
    return Listings.model_validate(data)


def organisations() -> list[Organisation]:
    return listings("organisations.yaml").organisations


def stories() -> list[Story]:
    return listings("stories.yaml").stories


def records() -> list[Organisation | Story]:
    return [*organisations(), *stories()]


@pytest.mark.parametrize("name", ["organisations.yaml", "stories.yaml"])
def test_each_file_is_a_valid_listings_file(name: str) -> None:
    assert data_file(name).is_file()
    listings(name)


def test_organisations_file_holds_only_organisations_and_enough_of_them() -> None:
    found = listings("organisations.yaml")
    assert not found.opportunities
    assert not found.stories
    assert len(found.organisations) >= 20


def test_stories_file_holds_only_published_stories_and_enough_of_them() -> None:
    found = listings("stories.yaml")
    assert not found.opportunities
    assert not found.organisations
    assert len(found.stories) >= 7
    assert {story.basis for story in found.stories} == {"published"}


@pytest.mark.parametrize("kind", [Organisation, Story], ids=["organisations", "stories"])
def test_ids_are_unique(kind: type[Organisation | Story]) -> None:
    ids = [record.id for record in records() if isinstance(record, kind)]
    assert len(ids) == len(set(ids)), sorted(i for i in ids if ids.count(i) > 1)


def test_every_reference_is_an_https_link() -> None:
    plain = [
        (record.id, ref.href)
        for record in records()
        for ref in record.reference
        if not ref.href.startswith("https://")
    ]
    assert not plain
    assert all(o.url is None or o.url.startswith("https://") for o in organisations())


def test_no_record_claims_to_be_checked_after_it_was_read() -> None:
    late = [r.id for r in records() if r.last_verified > READ_BY]
    assert not late


def test_only_closed_bodies_are_inactive_and_they_say_so() -> None:
    """A closed organisation stays listed (stories cite it) but must tell the reader it is closed."""
    for organisation in organisations():
        if not organisation.active:
            assert "closed" in (organisation.summary + (organisation.notes or "")).lower()


def test_story_organisations_exist() -> None:
    known = {o.id for o in organisations()}
    missing = {(s.id, o) for s in stories() for o in s.organisations if o not in known}
    assert not missing


def test_story_routes_and_steps_exist_in_the_rulebook() -> None:
    rulebook = default_rulebook()
    routes = {pathway.id for _, pathway in rulebook.pathways}
    unknown_routes = {(s.id, r) for s in stories() for r in s.routes if r not in routes}
    unknown_steps = {(s.id, step) for s in stories() for step in s.steps if step not in rulebook.steps}
    assert not unknown_routes
    assert not unknown_steps


def test_languages_are_bcp47_shaped() -> None:
    for organisation in organisations():
        for language in organisation.languages:
            assert language.replace("-", "").isalnum()
            assert 2 <= len(language.split("-")[0]) <= 3
