"""Alignment of two sets of statements from a matrix of link probabilities.

``assign`` is one-to-one: a maximum-weight assignment (scipy's ``linear_sum_assignment``) where a
pair weighs its log-odds above the threshold, so that pairs below it are never taken and a clear
pair is not given up for two mediocre ones. ``assign_many`` adds the second links of splits and
merges: a statement left alone by the assignment may join a pair when its probability reaches
the (higher) ``extra`` bar.
"""
from __future__ import annotations

import numpy as np
from scipy.optimize import linear_sum_assignment


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
