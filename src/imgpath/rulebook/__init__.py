"""The rulebook: every US route as dated, sourced YAML data, its schema and its strict loader.

Knowledge is data, not code: a law's numbers live in ``data/`` with their effective dates and
references. This package knows the shape of that data and nothing about any profile.
"""

from imgpath.rulebook.loader import Rulebook, load_rulebook

__all__ = ["Rulebook", "load_rulebook"]
