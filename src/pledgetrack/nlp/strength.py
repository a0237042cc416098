"""The strength of a statement on the ordinal scale of ``lexicon`` (0 procedural .. 6 decide).

The act sets the base; a commitment expressed through an assertive act ("reaffirmed the
commitment to ...") or a bare modal ("will") counts as a commitment (5); each hedge and each
condition lowers it one step.
"""
from __future__ import annotations

from .commitment import negated
from .lexicon import ACTS, COMMISSIVE
from .predicates import Predicate

COMMITMENT_LEVEL = 5
MAX_STRENGTH = 6


def strength_of(pred: Predicate, commitment: bool, hedges: list[str], conditions: list[str]) -> int:
    """Ordinal strength 0..6 of one act."""
    act = ACTS.get(pred.lemma)
    if pred.modal is None and negated(pred):
        return 0  # "did not agree to ...": the act denied
    base = act.strength if act else (COMMITMENT_LEVEL if commitment else 1)
    if commitment and (act is None or act.cls != COMMISSIVE):
        base = max(base, COMMITMENT_LEVEL)
    return max(0, min(MAX_STRENGTH, base - len(hedges) - len(conditions)))
