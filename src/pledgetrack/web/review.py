"""The review queue's order: the least certain extraction first.

A statement's ``confidence`` (0-1) comes from the extraction when the store has it; otherwise it
is estimated from what makes a reading doubtful: a strength on the border between an assertion
and a commitment (3-4), hedges, conditions, no party found, a pronoun for a speaker, no topic.
"""
from __future__ import annotations

from typing import Any

BORDER_STRENGTHS = (3, 4)  # between "reaffirmed ..." (assertive) and "intend to ..." / commitment
PRONOUNS = frozenset({"we", "they", "he", "she", "it", "both", "both sides", "the two sides", "i"})


def confidence(s: dict[str, Any]) -> float:
    """The extraction's confidence in this statement, or an estimate from its fields."""
    given = s.get("confidence")
    if given is not None:
        return float(given)
    value = 0.9
    if s.get("strength") in BORDER_STRENGTHS:
        value -= 0.25
    value -= 0.15 * min(2, len(s.get("hedges") or []))
    if s.get("conditions"):
        value -= 0.1
    if not s.get("actors"):
        value -= 0.2
    if (s.get("speaker") or "").strip().lower() in PRONOUNS:
        value -= 0.1
    if not s.get("topics"):
        value -= 0.05
    return round(max(0.05, min(0.95, value)), 2)


def by_uncertainty(rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """``rows`` with a ``confidence`` each, least confident first (then by date and position)."""
    for r in rows:
        r["confidence"] = confidence(r)
    return sorted(rows, key=lambda r: (r["confidence"], r.get("date") or "9999", r.get("doc") or "", r.get("start") or 0))
