"""The eligibility engine: a profile and the rulebook in, verdicts with reasons and dates out."""
