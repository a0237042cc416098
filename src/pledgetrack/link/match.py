"""One-to-one alignment of two sets of statements from a score matrix.

Best pairs first: the cells at or above ``threshold`` are taken from the highest score down,
each row and column at most once, ties broken on row then column index. Unlike a maximum-sum
assignment, this never gives up a clearly matching pair to make room for two mediocre ones,
and it needs no optional dependency, so every installation links alike.
"""
from __future__ import annotations

from collections.abc import Sequence


def assign(scores: Sequence[Sequence[float]], threshold: float) -> list[tuple[int, int, float]]:
    """Pairs ``(row, column, score)`` of a one-to-one alignment, sorted by row."""
    cells = sorted((-v, i, j) for i, row in enumerate(scores) for j, v in enumerate(row) if v >= threshold)
    used_rows: set[int] = set()
    used_cols: set[int] = set()
    out = []
    for neg, i, j in cells:
        if i in used_rows or j in used_cols:
            continue
        used_rows.add(i)
        used_cols.add(j)
        out.append((i, j, -neg))
    return sorted(out)
