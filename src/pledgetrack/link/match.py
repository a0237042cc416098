"""Alignment of two sets of statements from a matrix of link probabilities.

``assign`` is one-to-one: a maximum-weight assignment (scipy's ``linear_sum_assignment``) where a
pair weighs its log-odds above the threshold, so that pairs below it are never taken and a clear
pair is not given up for two mediocre ones. ``assign_many`` adds the second links of splits and
merges: a statement left alone by the assignment may join a pair when its probability reaches
the (higher) ``extra`` bar. ``to_the_pledge_of_its_sentence`` moves a pledge's pair to the pledge of
the sentence that carries it on.
"""
from __future__ import annotations

from collections import Counter
from collections.abc import Sequence

import numpy as np
from scipy.optimize import linear_sum_assignment

from ..models import Statement
from .text import content_stems


def _logit(p: np.ndarray) -> np.ndarray:
    p = np.clip(p, 1e-9, 1 - 1e-9)
    return np.log(p / (1 - p))


def assign(scores, threshold: float) -> list[tuple[int, int, float]]:
    """Pairs ``(row, column, score)`` of a one-to-one alignment, sorted by row."""
    p = np.asarray(scores, dtype=float)
    if p.size == 0:
        return []
    gain = np.maximum(0.0, _logit(p) - _logit(np.array(threshold)))
    rows, cols = linear_sum_assignment(-gain)
    return sorted((int(i), int(j), float(p[i, j])) for i, j in zip(rows, cols, strict=False) if p[i, j] >= threshold)


def assign_many(scores, threshold: float, extra: float) -> list[tuple[int, int, float]]:
    """The one-to-one pairs, then each row or column left alone joins its best pair at ``extra``."""
    p = np.asarray(scores, dtype=float)
    pairs = assign(p, threshold)
    rows = {i for i, _, _ in pairs}
    cols = {j for _, j, _ in pairs}
    if p.size:
        cand = sorted(zip(*np.nonzero(p >= extra), strict=False), key=lambda ij: (-p[ij], ij))
        for i, j in cand:
            i, j = int(i), int(j)
            if i in rows and j in cols:
                continue
            pairs.append((i, j, float(p[i, j])))
            rows.add(i)
            cols.add(j)
    return sorted(pairs)


def to_the_pledge_of_its_sentence(pairs: list[tuple[int, int, float]], rows: Sequence[Statement],
                                  cols: Sequence[Statement]) -> list[tuple[int, int, float]]:
    """Pairs (row, column, score) of later statements (``rows``) with earlier ones (``cols``), where
    an earlier pledge paired with a statement that pledges nothing goes to the pledge of that
    statement's sentence when no other pair has it: "We will reform the Security Council,
    recognizing the need ..." carries "We remain committed to UN reform" on in "will reform", not
    in "recognizing" (the pledge must share more of the earlier pledge's words: in "noted ROK efforts to
    establish the conditions for X and committed to continuing cooperation toward Y", the note carries
    "committed to establish the conditions for X" on). The pair keeps its score: the sentence is what
    was matched."""
    used = Counter(i for i, _, _ in pairs)
    out = []
    for i, j, score in pairs:
        if cols[j].commitment and not rows[i].commitment:
            said = set(content_stems(cols[j].content))
            k = next((k for k, s in enumerate(rows) if not used[k] and s.commitment
                      and (s.doc, s.start, s.sentence) == (rows[i].doc, rows[i].start, rows[i].sentence)
                      and len(said.intersection(content_stems(s.content)))
                      > len(said.intersection(content_stems(rows[i].content)))), None)
            if k is not None:
                used[i] -= 1
                used[k] += 1
                i = k
        out.append((i, j, score))
    return sorted(out)
