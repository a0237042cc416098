"""The bridge to ``pledgetrack.link``: threads when the linker is installed, none when it is not."""
from __future__ import annotations

from collections.abc import Callable

from ..models import ExtractedDocument, Thread

LinkAll = Callable[[list[ExtractedDocument]], list[Thread]]
LinkOne = Callable[[list[Thread], list[ExtractedDocument], ExtractedDocument], list[Thread]]


def linker() -> tuple[LinkAll, LinkOne] | None:
    """``(link_documents, add_document)`` from ``pledgetrack.link``, or None while it is not there."""
    try:
        from .. import link
    except ImportError:
        return None
    link_all = getattr(link, "link_documents", None)
    link_one = getattr(link, "add_document", None)
    if link_all is None:
        return None
    if link_one is None:  # a linker without incremental linking: link everything again
        def link_one(threads, results_so_far, new_result):  # noqa: E306
            return link_all([*results_so_far, new_result])
    return link_all, link_one


def link_all(results: list[ExtractedDocument]) -> list[Thread]:
    found = linker()
    return found[0](results) if found and results else []


def add_document(threads: list[Thread], results_so_far: list[ExtractedDocument],
                 new_result: ExtractedDocument) -> list[Thread]:
    found = linker()
    if not found:
        return []
    if not results_so_far:
        return found[0]([new_result])
    return found[1](threads, results_so_far, new_result)


def available() -> bool:
    return linker() is not None
