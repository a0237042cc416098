"""Metadata from a sidecar file (``ingest --meta FILE.tsv|csv|json``): one row per document.

Columns (TSV/CSV header, or JSON object keys): ``file`` (the document's file name or its path
relative to the sidecar; required) and any of ``title``, ``date`` (YYYY-MM-DD), ``url``,
``place``, ``series``, ``number``. Other columns are ignored (a corpus manifest may carry word
counts or provenance notes). A value given here wins over what is read from the text.

A title ending in a parenthesis with a full date, "Joint Communiqué of the 45th ... Meeting
(Seoul, October 2, 2013)", gives the title without it and, when no ``date`` column does, the
meeting's date. A JSON sidecar is a list of objects or an object keyed by file name.
"""
from __future__ import annotations

import csv
import io
import json
import re
from dataclasses import dataclass
from pathlib import Path

from pledgetrack.errors import InputError
from pledgetrack.ingest.dates import find_dates, parse_iso

FIELDS = ("title", "date", "url", "place", "series", "number")
_FILE_KEYS = ("file", "name", "path")
_TRAILING_PAREN = re.compile(r"\s*\(([^()]*)\)\s*$")


@dataclass(frozen=True)
class MetaOverride:
    """What a sidecar row says about one document; None where it says nothing."""

    title: str | None = None
    date: str | None = None
    url: str | None = None
    place: str | None = None
    series: str | None = None
    number: int | None = None


class Sidecar:
    """The rows of one sidecar file, found by a document's path or file name."""

    def __init__(self, rows: dict[str, MetaOverride], folder: Path) -> None:
        self.rows, self.folder = rows, folder

    def get(self, path: str | Path) -> MetaOverride | None:
        path = Path(path)
        try:
            relative = path.resolve().relative_to(self.folder.resolve()).as_posix()
        except ValueError:
            relative = None
        return self.rows.get(relative or "") or self.rows.get(path.name)

    def __len__(self) -> int:
        return len(self.rows)


def read_sidecar(path: str | Path) -> Sidecar:
    """The sidecar at ``path``; a bad file or value raises one ``InputError`` line."""
    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8-sig")
    except OSError as exc:
        raise InputError(f"{path}: cannot read the metadata file ({exc.strerror or exc})") from None
    except UnicodeDecodeError:
        raise InputError(f"{path}: the metadata file is not UTF-8 text") from None
    suffix = path.suffix.lower()
    if suffix == ".json":
        records = _json_records(text, path)
    elif suffix in (".tsv", ".csv", ".tab"):
        records = list(csv.DictReader(io.StringIO(text), delimiter="\t" if suffix != ".csv" else ","))
    else:
        raise InputError(f"{path}: the metadata file must be .tsv, .csv or .json")
    rows: dict[str, MetaOverride] = {}
    for n, record in enumerate(records, 2 if suffix != ".json" else 1):
        key = next((str(record[k]).strip() for k in _FILE_KEYS if record.get(k)), None)
        if not key:
            raise InputError(f"{path}: row {n} has no 'file' column")
        rows[Path(key).as_posix()] = _override(record, f"{path}: row {n} ({key})")
    return Sidecar(rows, path.parent)


def _json_records(text: str, path: Path) -> list[dict]:
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise InputError(f"{path}: not valid JSON ({exc.msg}, line {exc.lineno})") from None
    if isinstance(data, dict):
        data = [{"file": k, **v} for k, v in data.items() if isinstance(v, dict)]
    if not isinstance(data, list) or not all(isinstance(r, dict) for r in data):
        raise InputError(f"{path}: JSON metadata is a list of objects or an object keyed by file name")
    return data


def _override(record: dict, where: str) -> MetaOverride:
    value = {k: str(record[k]).strip() for k in FIELDS if record.get(k) not in (None, "")}
    title, title_date = split_title(value.get("title", ""))
    date = value.get("date") or title_date
    if date:
        try:
            date = parse_iso(date)
        except ValueError:
            raise InputError(f"{where}: date must be YYYY-MM-DD, got '{date}'") from None
    number = value.get("number")
    if number is not None and not number.isdigit():
        raise InputError(f"{where}: number must be a whole number, got '{number}'")
    url = value.get("url")
    if url and not url.startswith(("http://", "https://")):
        raise InputError(f"{where}: url must start with http:// or https://")
    return MetaOverride(title=title or None, date=date, url=url, place=value.get("place"),
                        series=value.get("series"), number=int(number) if number else None)


def split_title(title: str) -> tuple[str, str | None]:
    """(title, date) from "Title (Place, Month D, YYYY)"; a title that is only a parenthesis
    ("(see file)") is no title."""
    title = " ".join(title.split())
    if title.startswith("(") and title.endswith(")"):
        return "", None
    m = _TRAILING_PAREN.search(title)
    dates = [d for d in find_dates(m.group(1)) if d.iso] if m else []
    if not m or not dates:
        return title, None
    return title[: m.start()].strip(), dates[0].iso
