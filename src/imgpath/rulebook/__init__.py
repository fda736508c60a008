"""The rulebook: every US route as dated, sourced YAML data, its schema and its strict loader.

Knowledge is data, not code: a law's numbers live in ``data/`` with their effective dates and
references. This package knows the shape of that data and nothing about any profile. Loading
compiles it (``model``): each route's criteria as an immutable, indexed tree.
"""

from imgpath.rulebook.loader import Rulebook, default_rulebook, load_rulebook
from imgpath.rulebook.model import CompiledCriterion, CompiledGroup, CompiledRoute
from imgpath.rulebook.sourced import SourcedItem, iter_sourced

__all__ = [
    "CompiledCriterion",
    "CompiledGroup",
    "CompiledRoute",
    "Rulebook",
    "SourcedItem",
    "default_rulebook",
    "iter_sourced",
    "load_rulebook",
]
