"""Linking statements across documents into threads, the diff of two documents, and timelines.

    >>> from pledgetrack.link import link_documents, diff_documents
    >>> threads = link_documents(collection.documents)
    >>> result = diff_documents(old, new)
    >>> result.changes[0].change
    'dropped'

Modules: ``text`` (words, stems), ``similarity`` (statement profiles and scores), ``semantic``
(optional embeddings), ``match`` (one-to-one alignment), ``compare`` (step labels and reasons),
``order`` (dates, series, meetings), ``threads`` (linking), ``diff`` (two documents),
``timeline`` (a series over the years), ``reliability`` (how far a link of a given strength can be
trusted), ``render_*`` (text, Markdown, HTML, JSON, SVG).
"""
from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from .diff import Change, DiffResult, diff_documents
    from .threads import add_document, link_documents, thread_record

# Loaded on first use, so that a light module of the package (``reliability``) costs no scikit-learn.
# (A step's label and reasons: ``pledgetrack.link.compare.compare``.)
_EXPORTS = {"Change": "diff", "DiffResult": "diff",
            "diff_documents": "diff", "add_document": "threads", "link_documents": "threads",
            "thread_record": "threads"}
__all__ = ["Change", "DiffResult", "add_document", "diff_documents", "link_documents", "thread_record"]


def __getattr__(name: str) -> Any:
    if name in _EXPORTS:
        return getattr(import_module(f".{_EXPORTS[name]}", __name__), name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
