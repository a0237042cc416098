"""Documents in time order, their series and their meetings.

A document's date comes from its metadata, or else from a date in its file name
(``quad-leaders-2021-09-24.txt``, ``scm50-2018.txt``). Documents of one series with the same
meeting number (or, without numbers, the same date) form one meeting: the joint communiqué and
a companion statement issued at the same SCM.
"""
from __future__ import annotations

import re
from pathlib import Path

from ..models import ExtractedDocument

_FULL = re.compile(r"(19|20)\d\d-[01]\d-[0-3]\d")
_YEAR = re.compile(r"(?<!\d)(19|20)\d\d(?!\d)")


def doc_date(result: ExtractedDocument) -> str | None:
    meta = result.document.meta
    if meta.date:
        return meta.date
    name = Path(result.document.name).name
    m = _FULL.search(name)
    if m:
        return m.group(0)
    m = _YEAR.search(name)
    return f"{m.group(0)}-00-00" if m else None


def sort_key(result: ExtractedDocument) -> tuple:
    meta = result.document.meta
    return (doc_date(result) or "9999", meta.number or 0, result.document.name)


def order_documents(results: list[ExtractedDocument]) -> list[ExtractedDocument]:
    return sorted(results, key=sort_key)


def series_of(result: ExtractedDocument) -> str | None:
    return result.document.meta.series or None


def meeting_of(result: ExtractedDocument) -> tuple[str, str] | None:
    """(series, meeting) for a document of a series, else None."""
    series = series_of(result)
    if not series:
        return None
    meta = result.document.meta
    return (series, str(meta.number) if meta.number is not None else (doc_date(result) or result.document.name))
