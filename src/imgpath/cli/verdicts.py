"""How the commands show a verdict: one colour each, the same in every table (its words are the
keyed messages ``cli.verdict.*``, said in the reader's language by ``imgpath.cli.reading``)."""

from __future__ import annotations

from imgpath.engine import Verdict

VERDICT_STYLE = {
    Verdict.eligible: "bold green",
    Verdict.not_yet: "cyan",
    Verdict.needs_steps: "yellow",
    Verdict.unknown: "magenta",
    Verdict.not_eligible: "red",
}
