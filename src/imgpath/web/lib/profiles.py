"""The public profile format as the web keeps it: what a person said, and the example profile."""

from __future__ import annotations

from importlib import resources
from typing import Any

from imgpath.engine import Profile


def profile_to_data(profile: Profile) -> dict[str, Any]:
    """The public format, keeping 'said' facts only (``job_offer: null`` stays, absent stays absent)."""
    return profile.model_dump(mode="json", exclude_unset=True)


def example_text() -> str:
    """The example profile the CLI documents (an internist from India with a Tennessee offer)."""
    return resources.files("imgpath.examples").joinpath("experienced-internist.yaml").read_text("utf-8")
