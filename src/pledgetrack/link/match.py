"""One-to-one alignment of two sets of statements from a score matrix.

Uses the Hungarian method (scipy) when scipy is installed, otherwise a stable greedy pass over
the scores sorted from best to worst. Either way each row and each column is used at most once
and only pairs at or above ``threshold`` are kept; ties break on row then column index.
"""
from __future__ import annotations

from collections.abc import Sequence

try:  # optional
    from scipy.optimize import linear_sum_assignment as _lsa  # type: ignore
except Exception:  # pragma: no cover - depends on the environment
    _lsa = None


def greedy_assignment(scores: Sequence[Sequence[float]], threshold: float) -> list[tuple[int, int, float]]:
    cells = [(-v, i, j) for i, row in enumerate(scores) for j, v in enumerate(row) if v >= threshold]
    cells.sort()
    used_r, used_c, out = set(), set(), []
    for neg, i, j in cells:
        if i in used_r or j in used_c:
            continue
        used_r.add(i)
        used_c.add(j)
        out.append((i, j, -neg))
    return sorted(out)


def assign(scores: Sequence[Sequence[float]], threshold: float, *, method: str = "auto") -> list[tuple[int, int, float]]:
    """Pairs ``(row, column, score)`` of a one-to-one assignment, sorted by row."""
    if not scores or not len(scores[0]):
        return []
    if method == "greedy" or (_lsa is None and method == "auto"):
        return greedy_assignment(scores, threshold)
    import numpy as np

    m = np.asarray(scores, dtype=float)
    # Pairs under the threshold are worth nothing, so the assignment never trades a good pair for them.
    gain = np.where(m >= threshold, m, 0.0)
    rows, cols = _lsa(-gain)
    return sorted((int(i), int(j), float(m[i, j])) for i, j in zip(rows, cols) if m[i, j] >= threshold)
