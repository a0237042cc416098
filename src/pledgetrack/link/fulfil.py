"""Pledges reported done: "committed to develop the Guiding Principles" → "signed the Guiding Principles".

A later meeting rarely repeats a pledge it has carried out; it reports it done, with a completion
verb in the past tense ("signed", "completed", "endorsed", "held"). Such a report is the pledge's
"fulfilled" step, not a rewording, and it is not a new pledge either. ``fulfilled_by`` finds,
for the commitments of an earlier document, the reports of a later one that carry them out:
the report must speak of the same thing (its clause, what was done), and more clearly
than any other statement of the later document carries the pledge on.
"""
from __future__ import annotations

import numpy as np
from sklearn.feature_extraction.text import TfidfVectorizer

from ..config import settings
from ..models import Statement
from .features import COMPLETION, Vectors, content_words, reports_done


def _object_words(s: Statement, glossary: dict[str, str]) -> list[str]:
    """The content words of a statement's clause without words of completion ("completed", "signing"):
    what was done or pledged, not that it was done."""
    return [w for w in content_words(s.content or s.sentence, glossary) if not COMPLETION.match(w)]


def fulfilment_matrix(vectors: Vectors, done: list[Statement], pledges: list[Statement]) -> np.ndarray:
    """How clearly each report (rows) speaks of each pledge (columns): the TF-IDF cosine of what
    their clauses name (whole sentences share too much around them; completion words say nothing
    of what was done)."""
    if not done or not pledges:
        return np.zeros((len(done), len(pledges)))
    texts = [_object_words(s, vectors.glossary) for s in [*done, *pledges]]
    if not any(texts):
        return np.zeros((len(done), len(pledges)))
    m = TfidfVectorizer(analyzer=lambda ws: ws, sublinear_tf=True).fit_transform(texts)
    return (m[:len(done)] @ m[len(done):].T).toarray()


def fulfilled_by(vectors: Vectors, new: list[Statement], old: list[Statement]) -> dict[int, int]:
    """``{old index: new index}``: the commitments of ``old`` that a statement of ``new`` reports done.

    A report fulfils a pledge when it speaks of it at ``link.fulfilled_similarity`` or more, and more
    than any statement of ``new`` that is not a report and whose closest statement of ``old`` is
    this pledge (a pledge carried on as a pledge is not fulfilled)."""
    pledge_cols = [j for j, s in enumerate(old) if s.commitment]
    if not pledge_cols:
        return {}
    done = [reports_done(s) for s in new]
    done_rows = [i for i, d in enumerate(done) if d]
    if not done_rows:
        return {}
    other_rows = [i for i, d in enumerate(done) if not d]
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
