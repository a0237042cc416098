"""The per-document time limit: reading or extracting one file stops with a clear error (an
``InputError``) once it has run that long, so one huge or hostile file cannot stall a run; the
caller reports it and goes on with the other files.

The limit is ``--time-limit SECONDS`` of the commands that extract, else ``$PLEDGETRACK_TIME_LIMIT``
seconds, else the configuration's ``ingest.time_limit_s`` (0 turns it off). It is
kept by ``SIGALRM``, so it applies in a process's main thread (the CLI and each worker process
of ``--workers``); elsewhere the work runs unbounded. The alarm repeats every second after the
first, so a library that swallows the first interruption is interrupted again.
"""
from __future__ import annotations

import os
import signal
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any, TypeVar

from pledgetrack.config import settings
from pledgetrack.errors import InputError

ENV = "PLEDGETRACK_TIME_LIMIT"
T = TypeVar("T")


class DocumentTimeout(InputError):
    """One document ran past the per-document time limit."""


def limit_s() -> float:
    """The per-document limit in seconds (0: none)."""
    value = os.environ.get(ENV, "").strip()
    if not value:
        return settings().ingest.time_limit_s
    try:
        seconds = float(value)
    except ValueError:
        raise InputError(f"{ENV} must be a number of seconds, not {value!r}") from None
    return max(0.0, seconds)


def set_limit_s(seconds: float) -> None:
    """Makes ``seconds`` the limit of this process and of the worker processes it starts (``--time-limit``)."""
    os.environ[ENV] = f"{max(0.0, seconds):g}"


@contextmanager
def time_limit(name: str, what: str = "reading and extraction", seconds: float | None = None) -> Iterator[None]:
    """Raise ``DocumentTimeout`` in the block once it has run ``seconds`` (default ``limit_s()``)."""
    seconds = limit_s() if seconds is None else seconds
    if (not seconds or not hasattr(signal, "setitimer")
            or threading.current_thread() is not threading.main_thread()
            or signal.getitimer(signal.ITIMER_REAL)[0]):  # an outer limit (or someone's alarm) already runs
        yield
        return

    def on_alarm(_signum: int, _frame: Any) -> None:
        raise DocumentTimeout(f"{name}: {what} did not finish within the {seconds:g} s limit for one document "
                              f"(split the file, or raise --time-limit or ${ENV})")

    previous = signal.signal(signal.SIGALRM, on_alarm)
    signal.setitimer(signal.ITIMER_REAL, seconds, settings().ingest.alarm_repeat_s)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def bounded(extract: Callable[..., T]) -> Callable[..., T]:
    """``extract(doc, ...)`` run within the per-document time limit for ``doc``."""
    def run(doc: Any, *args: Any, **kwargs: Any) -> T:
        with time_limit(doc.name, "extraction"):
            return extract(doc, *args, **kwargs)
    return run
