"""Slows down password guessing: too many failed sign-ins and the next try must wait.

Failures are counted per client address and user name (``MAX_FAILURES``), and per user name
from any address (``MAX_USER_FAILURES``, so guessing one account from many addresses is slowed
too). The address is the connection's peer: forwarded headers are believed only from a proxy
that ``serve --proxy`` names (uvicorn's ``forwarded_allow_ips``), so they cannot be rotated to
dodge the count.
"""
from __future__ import annotations

import time
from collections import defaultdict, deque
from threading import Lock

MAX_FAILURES = 5  # failed sign-ins allowed per address and user within the window
MAX_USER_FAILURES = 50  # failed sign-ins allowed per user from all addresses within the window
WINDOW_S = 600.0

Key = tuple[str, str]  # ("address|user", "user")


class LoginThrottle:
    """Counts failed sign-ins in a sliding window."""

    def __init__(self, max_failures: int = MAX_FAILURES, window_s: float = WINDOW_S,
                 max_user_failures: int = MAX_USER_FAILURES) -> None:
        self.max_failures, self.window_s, self.max_user_failures = max_failures, window_s, max_user_failures
        self._failures: dict[str, deque[float]] = defaultdict(deque)
        self._lock = Lock()

    @staticmethod
    def key(address: str | None, username: str) -> Key:
        user = username.strip().lower()
        return f"{address or '?'}|{user}", f"*|{user}"

    def _recent(self, key: str, now: float) -> deque[float]:
        times = self._failures[key]
        while times and now - times[0] > self.window_s:
            times.popleft()
        return times

    def retry_after(self, key: Key) -> int:
        """Seconds the client must wait before trying again (0: it may try now)."""
        now = time.monotonic()
        wait = 0.0
        with self._lock:
            for name, limit in zip(key, (self.max_failures, self.max_user_failures), strict=False):
                times = self._recent(name, now)
                if len(times) >= limit:
                    wait = max(wait, self.window_s - (now - times[-limit]))
        return max(1, int(wait)) if wait else 0

    def failed(self, key: Key) -> None:
        now = time.monotonic()
        with self._lock:
            for name in key:
                self._recent(name, now).append(now)

    def succeeded(self, key: Key) -> None:
        with self._lock:
            for name in key:
                self._failures.pop(name, None)
