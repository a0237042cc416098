"""Linking statements across documents into threads, the diff of two documents, and timelines.

    >>> from pledgetrack.link import link_documents, diff_documents
    >>> threads = link_documents(collection.documents)
    >>> result = diff_documents(old, new)
    >>> result.changes[0].change
    'dropped'

Modules: ``text`` (words, stems), ``similarity`` (statement profiles and scores), ``semantic``
(optional embeddings), ``match`` (one-to-one alignment), ``compare`` (step labels and reasons),
``order`` (dates, series, meetings), ``threads`` (linking), ``diff`` (two documents),
``timeline`` (a series over the years), ``render_*`` (text, Markdown, HTML, JSON, SVG).
"""
from __future__ import annotations

from .compare import Comparison, compare
from .diff import Change, DiffResult, diff_documents
from .threads import add_document, link_documents, thread_record

__all__ = ["Change", "Comparison", "DiffResult", "add_document", "compare", "diff_documents",
           "link_documents", "thread_record"]
