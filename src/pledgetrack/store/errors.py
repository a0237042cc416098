"""Errors of the store, shown to the user as one line."""
from __future__ import annotations

from ..errors import PledgetrackError


class StoreError(PledgetrackError):
    """A request the store cannot carry out: unknown statement, thread, table or format."""
