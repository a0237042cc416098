"""Pledges reported done: "committed to develop the Guiding Principles" → "signed the Guiding Principles".

A later meeting rarely repeats a pledge it has carried out; it reports it done, with a completion
verb in the past tense ("signed", "completed", "endorsed", "held"). Such a report is the pledge's
"fulfilled" step, not a rewording, and it is not a new pledge either. ``fulfilled_by`` finds,
for the commitments of an earlier document, the reports of a later one that carry them out:
the report must speak of the same thing (its clause or its sentence alike), and more clearly
than any other statement of the later document carries the pledge on.
"""
from __future__ import annotations

import numpy as np

from ..config import settings
from ..models import Statement
from .features import Vectors, reports_done


def fulfilment_matrix(vectors: Vectors, done: list[Statement], pledges: list[Statement]) -> np.ndarray:
    """How clearly each report (rows) speaks of each pledge (columns): the larger of the cosine
    of their clauses and that of their sentences (the sentence names what "the draft" is)."""
    if not done or not pledges:
        return np.zeros((len(done), len(pledges)))
    word, char = vectors.cosines(done, pledges)
    return np.maximum(0.5 * (word + char), vectors.sentence_cosines(done, pledges))


def fulfilled_by(vectors: Vectors, new: list[Statement], old: list[Statement]) -> dict[int, int]:
    """``{old index: new index}``: the commitments of ``old`` that a statement of ``new`` reports done.

    A report fulfils a pledge when it speaks of it at ``link.fulfilled_similarity`` or more, and more
    than any statement of ``new`` that is not a report and whose closest statement of ``old`` is
    this pledge (a pledge carried on as a pledge is not fulfilled)."""
    done_rows = [i for i, s in enumerate(new) if reports_done(s)]
    other_rows = [i for i, s in enumerate(new) if not reports_done(s)]
    pledge_cols = [j for j, s in enumerate(old) if s.commitment]
    if not done_rows or not pledge_cols:
        return {}
    pledges = [old[j] for j in pledge_cols]
    f = fulfilment_matrix(vectors, [new[i] for i in done_rows], pledges)
    carried = np.zeros(len(old))
    if other_rows:
        word, char = vectors.cosines([new[i] for i in other_rows], old)
        sim = 0.5 * (word + char)
        closest = sim.argmax(axis=1)
        for r, j in enumerate(closest):
            carried[j] = max(carried[j], sim[r, j])
    out: dict[int, int] = {}
    bar = settings().link.fulfilled_similarity
    for c, j in enumerate(pledge_cols):
        best = int(f[:, c].argmax())
        if f[best, c] >= bar and f[best, c] > carried[j]:
            out[j] = done_rows[best]
    return out
