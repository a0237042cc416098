"""pandas DataFrames of statements, documents and threads (the ``dataframe`` extra).

    >>> import pledgetrack
    >>> frame = pledgetrack.load("out/pledgetrack.db").statements_frame(series="SCM", commitment=True)
    >>> frame.groupby("year").size()

List fields (actors, topics, ...) stay Python lists in their cells; ``explode("actors")`` gives
one row per party. Dates are pandas datetimes (``NaT`` for an undated document).
"""
from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING, Any

from .errors import PledgetrackError

if TYPE_CHECKING:
    import pandas as pd


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
