"""Slows down password guessing: a client with too many failed sign-ins waits before the next try."""
from __future__ import annotations

import time
from collections import defaultdict, deque
from threading import Lock

MAX_FAILURES = 5  # failed sign-ins allowed per client within the window
WINDOW_S = 600.0


class LoginThrottle:
    """Counts failed sign-ins per client (address and user name) in a sliding window."""

    def __init__(self, max_failures: int = MAX_FAILURES, window_s: float = WINDOW_S) -> None:
        self.max_failures, self.window_s = max_failures, window_s
        self._failures: dict[str, deque[float]] = defaultdict(deque)
        self._lock = Lock()

    def _recent(self, key: str, now: float) -> deque[float]:
        times = self._failures[key]
        while times and now - times[0] > self.window_s:
            times.popleft()
        return times

    def retry_after(self, key: str) -> int:
        """Seconds the client must wait before trying again (0: it may try now)."""
        now = time.monotonic()
        with self._lock:
            times = self._recent(key, now)
            if len(times) < self.max_failures:
                return 0
            return max(1, int(self.window_s - (now - times[0])))

    def failed(self, key: str) -> None:
        with self._lock:
            self._recent(key, time.monotonic()).append(time.monotonic())

    def succeeded(self, key: str) -> None:
        with self._lock:
            self._failures.pop(key, None)
