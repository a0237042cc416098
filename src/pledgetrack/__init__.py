"""pledgetrack: who promised what in alliance and summit joint statements, and what became of it."""
from __future__ import annotations

from typing import Any

from .models import Document, DocumentMeta, ExtractedDocument, Statement

__version__ = "0.1.0"
__all__ = ["Collection", "Document", "DocumentMeta", "ExtractedDocument", "Statement", "extract",
           "extract_many", "__version__"]
_API = ("Collection", "extract", "extract_many")


def __getattr__(name: str) -> Any:
    """The extraction API is imported on first use: it loads spaCy, which store-only work never needs."""
    if name in _API:
        from . import api
        return getattr(api, name)
    raise AttributeError(f"module 'pledgetrack' has no attribute {name!r}")
