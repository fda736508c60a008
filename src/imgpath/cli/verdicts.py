"""How the commands show a verdict: one colour and one phrase each, the same in every table."""

from __future__ import annotations

from imgpath.engine import Verdict

VERDICT_STYLE = {
    Verdict.eligible: "bold green",
    Verdict.not_yet: "cyan",
    Verdict.needs_steps: "yellow",
    Verdict.unknown: "magenta",
    Verdict.not_eligible: "red",
}
VERDICT_TEXT = {
    Verdict.eligible: "eligible",
    Verdict.not_yet: "not yet",
    Verdict.needs_steps: "needs steps",
    Verdict.unknown: "unknown",
    Verdict.not_eligible: "not eligible",
}


def styled(verdict: Verdict) -> str:
    """The verdict's phrase in its colour, as Rich markup."""
    return f"[{VERDICT_STYLE[verdict]}]{VERDICT_TEXT[verdict]}[/]"
