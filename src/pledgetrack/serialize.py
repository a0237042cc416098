"""Statements and documents as JSON Lines, JSON and CSV records (shared by CLI, API and web)."""
from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterable, Iterator
from typing import IO, Any

from .models import Statement

_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
CSV_FIELDS = ("id", "doc", "paragraph", "trigger", "act", "actors", "speaker", "commitment",
              "strength", "topics", "content", "conditions", "deadlines", "agreements", "hedges",
              "optional", "start", "end", "sentence")


def statement_record(statement: Statement) -> dict[str, Any]:
    """The ``extract --format jsonl`` record of a statement."""
    return statement.to_dict()


def _flat(value: Any) -> str:
    if isinstance(value, list):
        return "; ".join(_flat(v) for v in value)
    if isinstance(value, dict):
        text = value.get("text", "")
        return f"{text} ({value['date']})" if value.get("date") else str(text)
    if isinstance(value, bool):
        return "true" if value else "false"
    return "" if value is None else str(value)


def write_jsonl(records: Iterable[dict[str, Any]], fh: IO[str]) -> int:
    """Writes one JSON object a line; returns how many."""
    n = 0
    for record in records:
        fh.write(json.dumps(record, ensure_ascii=False) + "\n")
        n += 1
    return n


def write_json(records: Iterable[dict[str, Any]], fh: IO[str]) -> int:
    rows = list(records)
    json.dump(rows, fh, ensure_ascii=False, indent=2)
    fh.write("\n")
    return len(rows)


def spreadsheet_safe(cell: str) -> str:
    """A cell a spreadsheet will not run as a formula (document text is untrusted input)."""
    return "'" + cell if cell[:1] in _FORMULA_STARTS else cell


def write_csv(records: Iterable[dict[str, Any]], fh: IO[str], fields: tuple[str, ...] = CSV_FIELDS,
              *, for_spreadsheets: bool = False) -> int:
    """Writes records as CSV, lists joined with "; "; ``for_spreadsheets`` defuses formulas."""
    n = -1  # the header is not a record
    for chunk in csv_chunks(records, fields, for_spreadsheets=for_spreadsheets, rows=1):
        fh.write(chunk)
        n += 1
    return n


def csv_chunks(records: Iterable[dict[str, Any]], fields: tuple[str, ...] = CSV_FIELDS, *,
               for_spreadsheets: bool = False, rows: int = 500) -> Iterator[str]:
    """CSV text a few ``rows`` at a time, header first (for a streamed download)."""
    buf = io.StringIO()
    writer = csv.DictWriter(buf, fieldnames=list(fields), extrasaction="ignore")
    writer.writeheader()
    yield _drain(buf)
    n = 0
    for record in records:
        row = {k: _flat(record.get(k)) for k in fields}
        writer.writerow({k: spreadsheet_safe(v) for k, v in row.items()} if for_spreadsheets else row)
        n += 1
        if n % rows == 0:
            yield _drain(buf)
    if n % rows:
        yield _drain(buf)


def _drain(buf: io.StringIO) -> str:
    text = buf.getvalue()
    buf.seek(0)
    buf.truncate()
    return text
