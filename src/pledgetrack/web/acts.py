"""Act families for colour: each act verb belongs to one family of the strength scale
(docs/strength.md), and the pages colour a statement by its family, not by the verb."""
from __future__ import annotations

import re
from functools import lru_cache

from ..nlp.lexicon import ACTS, ASSERTIVE, COMMISSIVE, DIRECTIVE, EXPRESSIVE, PROCEDURAL

# Family names in the order a legend lists them (strongest first), with what they cover.
FAMILIES = {
    "decide": "decisions (decide, approve, adopt, endorse, sign)",
    "commit": "commitments (commit, pledge, resolve, agree to, will)",
    "intend": "intentions (intend, expect, plan, seek, look forward to)",
    "affirm": "strong assertions (reaffirm, emphasize, reiterate, confirm)",
    "welcome": "attitudes (welcome, support, praise, condemn, oppose)",
    "call": "calls on others (call, urge, demand, invite)",
    "note": "observations (note, recognize, acknowledge, share, express)",
    "procedural": "the meeting's business (discuss, review, exchange)",
    "other": "other acts of a party",
}
MODAL_ACTS = {"will", "shall", "would"}  # a bare modal: a commitment


@lru_cache(maxsize=1024)
def act_family(act: str) -> str:
    """The colour family of an act ("pledge" -> "commit", "reaffirm" -> "affirm")."""
    if act in MODAL_ACTS:
        return "commit"
    spec = ACTS.get(act)
    if spec is None:
        return "other"
    if spec.cls == COMMISSIVE:
        return {6: "decide", 5: "commit"}.get(spec.strength, "intend")
    if spec.cls == ASSERTIVE:
        return "affirm" if spec.strength >= 3 else "note"
    return {EXPRESSIVE: "welcome", DIRECTIVE: "call", PROCEDURAL: "procedural"}.get(spec.cls, "other")


@lru_cache(maxsize=1024)  # a page of statements asks for the same few acts
def act_class(act: str) -> str:
    """CSS classes of an act: its own (``act-pledge``) and its family's (``fam-commit``)."""
    own = re.sub(r"[^a-z0-9_-]", "-", act.lower())[:40] or "x"  # as reader.css_name
    return f"act-{own} fam-{act_family(act)}"


def by_family(acts: set[str] | list[str]) -> list[str]:
    """Acts ordered by family (as ``FAMILIES``), then by name: a legend's order."""
    order = list(FAMILIES)
    return sorted(set(acts), key=lambda a: (order.index(act_family(a)), a))
