"""How sure extraction is of a statement: its commitment decision times its actors (0..1).

The review queue puts the least certain statements first. The scores are ordinal judgements of
how each decision was reached, not calibrated probabilities (the defaults of
``[nlp.confidence]`` in the configuration):

- actors: a named party or a first-person "we" of known parties is sure (0.95); a title the
  document's participants place, a gazetteer surname or "he" less so (0.8, 0.7); a bullet that
  inherits its lead-in's subject 0.8; a subset ("those members that ...") 0.5; no party placed 0.3.
- commitment: a commissive act (pledge, commit, decide) or an act that cannot commit (note,
  welcome, discuss) is sure (0.95); a bare "will" 0.85; a commitment read from an assertive act's
  content ("reaffirmed their commitment to ...") 0.8; any other verb's tense or mood 0.65.
"""
from __future__ import annotations

from ..config import settings
from ..countries import find_countries
from .actors import ALL_PARTY_PRONOUNS
from .lexicon import ACTION, ACTS, COMMISSIVE
from .predicates import FUTURE_MODALS, Predicate


def actor_confidence(pred: Predicate, parties: list[str]) -> float:
    """How sure the actors of one act are."""
    levels = settings().nlp.confidence
    if not pred.actors:
        return levels.unplaced
    if pred.subset:
        return levels.subset
    subject = pred.subject
    if subject is None:
        return levels.plausible  # inherited from a lead-in or a coordinated verb's subject
    words = {t.lower_ for t in subject.subtree}
    if words & ALL_PARTY_PRONOUNS and parties:
        return levels.sure
    if find_countries(" ".join(t.text for t in subject.subtree)):
        return levels.sure
    if subject.lower_ in {"he", "she", "i"}:
        return levels.person
    return levels.plausible


def commitment_confidence(pred: Predicate, commitment: bool) -> float:
    """How sure the commitment decision of one act is."""
    levels = settings().nlp.confidence
    act = ACTS.get(pred.lemma)
    if act is not None and act.cls == COMMISSIVE:
        return levels.sure
    if act is not None and act.cls != ACTION:
        return levels.plausible if commitment else levels.sure
    if pred.modal in FUTURE_MODALS:
        return levels.likely
    return levels.weak


def confidence(pred: Predicate, commitment: bool, parties: list[str]) -> float:
    """The statement's confidence: commitment decision times actors, two decimals."""
    return round(commitment_confidence(pred, commitment) * actor_confidence(pred, parties), 2)
