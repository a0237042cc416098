"""pandas DataFrames of statements, documents and threads (the ``dataframe`` extra).

    >>> import pledgetrack
    >>> frame = pledgetrack.load("out/pledgetrack.db").statements_frame(series="SCM", commitment=True)
    >>> frame.groupby("year").size()

List fields (actors, topics, ...) stay Python lists in their cells; ``explode("actors")`` gives
one row per party. Dates are pandas datetimes (``NaT`` for an undated document).
"""
from __future__ import annotations

import os
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .config import Config, resolve, using
from .errors import InputError, PledgetrackError

if TYPE_CHECKING:
    import pandas as pd

    from .store import Store


def _pandas() -> Any:
    try:
        import pandas
    except ImportError:
        raise PledgetrackError("DataFrames need pandas: pip install 'pledgetrack[dataframe]'") from None
    return pandas


def frame(records: Iterable[dict[str, Any]], columns: Sequence[str], dates: Sequence[str] = ("date",)) -> pd.DataFrame:
    """A DataFrame of ``records`` with these columns (in this order; a missing key is empty)."""
    pd = _pandas()
    df = pd.DataFrame([{c: r.get(c) for c in columns} for r in records], columns=list(columns))
    for c in dates:
        if c in df:
            df[c] = pd.to_datetime(df[c], errors="coerce")
    if "date" in df:
        df["year"] = df["date"].dt.year.astype("Int64")
    return df


STATEMENT_COLUMNS = ("key", "id", "doc", "date", "series", "paragraph", "act", "trigger", "actors", "commitment",
                     "strength", "topics", "content", "conditions", "deadlines", "agreements", "hedges", "thread",
                     "review", "sentence")
DOCUMENT_COLUMNS = ("name", "title", "date", "place", "series", "number", "parties", "statements", "url", "version")
THREAD_COLUMNS = ("id", "title", "series", "status", "actors", "topics", "first_date", "last_date", "steps", "labels")


class Loaded:
    """A store opened for analysis: its statements, documents and threads as DataFrames (read
    under the configuration it was loaded with)."""

    def __init__(self, store: Store, config: Config) -> None:
        self.store, self.config = store, config

    def statements_frame(self, **filters: Any) -> pd.DataFrame:
        """Statements (review corrections applied); filters as ``Store.statements``: actor, act,
        commitment, topic, series, document, date_from, date_to, review."""
        with using(self.config):
            return frame(self.store.statements(**filters), STATEMENT_COLUMNS)

    def documents_frame(self) -> pd.DataFrame:
        with using(self.config):
            return frame(self.store.documents(), DOCUMENT_COLUMNS)

    def threads_frame(self) -> pd.DataFrame:
        """Threads with their status, dates, number of steps and step labels in order."""
        with using(self.config):
            rows = [{**t, "steps": len(t["steps"]), "labels": [s["label"] for s in t["steps"]]}
                    for t in self.store.threads()]
        return frame(rows, THREAD_COLUMNS, dates=("first_date", "last_date"))

    def close(self) -> None:
        self.store.close()

    def __enter__(self) -> Loaded:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def load(db: str | os.PathLike[str] | None = None, *, config: Config | str | os.PathLike[str] | None = None) -> Loaded:
    """Open a store (a SQLite file, a postgresql:// URL, or ``$PLEDGETRACK_DB``) for analysis;
    ``config``: a TOML file of settings or a ``Config`` (by default, the configuration in force)."""
    from .store import Store

    if db is not None and "://" not in str(db) and not Path(db).expanduser().exists():
        raise InputError(f"{db}: no such file")  # reading, not creating: a missing store is a mistyped path
    cfg = resolve(config)
    with using(cfg):
        return Loaded(Store.open(db), cfg)
