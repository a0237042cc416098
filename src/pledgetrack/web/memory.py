"""Giving freed memory back to the system once a burst of requests is over.

A page build allocates and frees many small objects in several threads; glibc keeps the freed
pages in its arenas, so a server's resident memory stays near its peak long after the load.
``IdleTrim`` asks glibc to return them (``malloc_trim``) once the server has had no request for
``web.memory_quiet_s`` seconds; elsewhere (musl, macOS, Windows) it does nothing.
"""
from __future__ import annotations

import asyncio
import ctypes
import ctypes.util
from collections.abc import Callable
from functools import cache

from ..config import settings


@cache
def _malloc_trim() -> Callable[[int], int] | None:
    try:
        return ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6").malloc_trim
    except (OSError, AttributeError):
        return None


class IdleTrim:
    """Counts requests in progress; ``web.memory_quiet_s`` after the last one ends, memory is trimmed."""

    def __init__(self) -> None:
        self.busy = 0
        self._pending: asyncio.TimerHandle | None = None

    def started(self) -> None:
        self.busy += 1
        if self._pending is not None:
            self._pending.cancel()
            self._pending = None

    def ended(self) -> None:
        self.busy -= 1
        if not self.busy and _malloc_trim() is not None:
            self._pending = asyncio.get_running_loop().call_later(settings().web.memory_quiet_s, self._trim)

    def _trim(self) -> None:
        self._pending = None
        if not self.busy:
            _malloc_trim()(0)  # type: ignore[misc]
