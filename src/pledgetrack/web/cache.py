"""What the pages compute from the store, kept per process while the store is unchanged.

A key holds the store's change counter (``Store.changes``: every ingest, review, status or
import increases it), or the versions of what the entry was made from, so an entry is never
served after a write: the next request computes it again. Entries are few and bounded (least recently used go first). Under load this is what
keeps the expensive pages (the collection, a document's reader, a listing's counts and facets) from costing
their full price on every request.
"""
from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Callable, Hashable
from typing import Any, TypeVar

from ..config import settings

T = TypeVar("T")


class Cache:
    """A thread-safe LRU of ``size`` entries (a number, or a function read at each insertion:
    a size from the configuration in force)."""

    def __init__(self, size: int | Callable[[], int]) -> None:
        self._size = size
        self._items: OrderedDict[Hashable, Any] = OrderedDict()
        self._lock = threading.Lock()

    def get(self, key: Hashable, make: Callable[[], T]) -> T:
        """The entry for ``key``, made (outside the lock) when missing."""
        with self._lock:
            if key in self._items:
                self._items.move_to_end(key)
                return self._items[key]
        value = make()
        with self._lock:
            self._items[key] = value
            limit = self._size() if callable(self._size) else self._size
            while len(self._items) > limit:
                self._items.popitem(last=False)
        return value

    def clear(self) -> None:
        with self._lock:
            self._items.clear()


collections = Cache(4)  # the collection page's content, rendered: counts, documents by series, the heatmap
readers = Cache(32)  # a document's reader: statements, highlighted text, the statement panels
listings = Cache(256)  # a listing's count and facets, by its filters
diffs = Cache(lambda: settings().web.diff_cache)  # the diff of two stored documents, by their versions
aggregates = Cache(16)  # what reads the whole collection: the documents with their counts, the summary, the heatmap
deadlines = Cache(32)  # a page of the deadlines passed without evidence, by its day, cursor and size
