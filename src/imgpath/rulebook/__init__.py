"""The rulebook: every US route as dated, sourced YAML data, its schema and its strict loader.

Knowledge is data, not code: a law's numbers live in ``data/`` with their effective dates and
references. This package knows the shape of that data and nothing about any profile. Loading
compiles it (``model``): each route's criteria as an immutable, indexed tree.

This package is the rulebook's public face: the CLI and the web import from here, never from its
modules (``make check`` holds them to it).
"""

from imgpath.rulebook.changes import (
    ChangeKind,
    Digest,
    RuleChange,
    route_digest,
    rule_changes,
    rulebook_digest,
)
from imgpath.rulebook.gaps import KINDS, is_stale, rulebook_gaps, totals
from imgpath.rulebook.loader import (
    DATA_DIR,
    Rulebook,
    compile_pathway_document,
    default_rulebook,
    load_rulebook,
)
from imgpath.rulebook.model import CompiledCriterion, CompiledGroup, CompiledRoute
from imgpath.rulebook.schema import (
    Confidence,
    Credential,
    Criterion,
    Day,
    FeeRange,
    Group,
    Jurisdiction,
    Kind,
    Node,
    Pathway,
    Reference,
    RouteStatus,
    StatusEvent,
)
from imgpath.rulebook.sourced import SourcedItem, iter_sourced
from imgpath.rulebook.texts import LOCALE_DIR as TEXTS_LOCALE_DIR

__all__ = [
    "DATA_DIR",
    "KINDS",
    "TEXTS_LOCALE_DIR",
    "ChangeKind",
    "CompiledCriterion",
    "CompiledGroup",
    "CompiledRoute",
    "Confidence",
    "Credential",
    "Criterion",
    "Day",
    "Digest",
    "FeeRange",
    "Group",
    "Jurisdiction",
    "Kind",
    "Node",
    "Pathway",
    "Reference",
    "RouteStatus",
    "RuleChange",
    "Rulebook",
    "SourcedItem",
    "StatusEvent",
    "compile_pathway_document",
    "default_rulebook",
    "is_stale",
    "iter_sourced",
    "load_rulebook",
    "route_digest",
    "rule_changes",
    "rulebook_digest",
    "rulebook_gaps",
    "totals",
]
