"""Semantic search: statements ranked by sentence-embedding similarity to a query.

The model is the one linking uses (``pledgetrack.link.semantic``: all-MiniLM-L6-v2 from the
optional extra ``pledgetrack[semantic]``, on a GPU when there is one).
"""
from __future__ import annotations

from typing import Any

from ..link import semantic as embeddings
from .errors import StoreError


def available() -> bool:
    return embeddings.available()


def rank(query: str, records: list[dict[str, Any]], limit: int = 20) -> list[tuple[dict[str, Any], float]]:
    """Records by cosine similarity of their sentence to ``query``, best first."""
    if not records:
        return []
    if not embeddings.available():
        raise StoreError("semantic search needs the optional extra: pip install 'pledgetrack[semantic]'")
    vectors = embeddings.embed([r["sentence"] for r in records])
    q = embeddings.embed([query])[0]
    scores = vectors @ q
    order = sorted(range(len(records)), key=lambda i: -float(scores[i]))[:limit]
    return [(records[i], float(scores[i])) for i in order]
