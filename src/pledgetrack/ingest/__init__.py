"""Ingest: read a joint statement (txt, md, html, pdf, docx), clean it and read its metadata.

``Document.source_text`` holds the text as read: for plain text and Markdown the file's text,
for HTML, PDF and DOCX the text extracted from the file (markup is not text, and no offset ever
points into ``source_text``). ``Document.text`` is the cleaned text that all offsets point into.
"""
from __future__ import annotations

import hashlib
import re
from pathlib import Path

from pledgetrack.errors import InputError
from pledgetrack.ingest.clean import clean_text
from pledgetrack.ingest.dates import parse_iso
from pledgetrack.ingest.metadata import read_metadata
from pledgetrack.ingest.paragraphs import find_paragraphs
from pledgetrack.ingest.readers import read_source
from pledgetrack.ingest.sidecar import MetaOverride
from pledgetrack.ingest.validate import check_path, check_text
from pledgetrack.models import Document

__all__ = ["load_document", "document_from_text"]

_NAME_DATE = re.compile(r"(?<!\d)(?:19|20)\d{2}-\d{2}-\d{2}(?!\d)")


def load_document(path: str | Path, *, date: str | None = None, name: str | None = None,
                  fill_date: bool = False, meta: MetaOverride | None = None) -> Document:
    """Read, check and clean the file at ``path``; ``date`` (YYYY-MM-DD) overrides the text's date,
    or with ``fill_date`` only stands in for a date the text does not give (one ``--date`` for
    many files). ``meta`` (a metadata sidecar's row) wins over both."""
    path = Path(path)
    check_path(path)
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise InputError(f"{path.name}: cannot read file ({exc.strerror or exc})") from None
    source = read_source(path, data)
    doc = _build(source, name=name or path.name, path=str(path), digest=hashlib.sha256(data).hexdigest(),
                 date=date, fill_date=fill_date)
    if meta is not None:
        apply_override(doc, meta)
    year = _year_in_file_name(doc.name)
    if doc.meta.date and year and doc.meta.date[:4] != year and meta is None:
        doc.warnings.append(f"meeting date {doc.meta.date} read from the text, but the file name says {year}; "
                            "pass --date or --meta if the text's date is one it only mentions")
    return doc


def apply_override(doc: Document, meta: MetaOverride) -> None:
    """A sidecar row's values in place of what was read from the text."""
    for key in ("title", "date", "url", "place", "series", "number"):
        value = getattr(meta, key)
        if value is not None:
            setattr(doc.meta, key, value)
    if meta.date:
        doc.warnings = [w for w in doc.warnings if "pass --date" not in w and "taken from the file name" not in w]


def document_from_text(text: str, *, name: str = "<text>", date: str | None = None) -> Document:
    """Check and clean ``text`` as if read from a file called ``name``."""
    digest = hashlib.sha256(text.encode("utf-8")).hexdigest()
    return _build(text, name=name, path=None, digest=digest, date=date)


def _build(source: str, *, name: str, path: str | None, digest: str, date: str | None,
           fill_date: bool = False) -> Document:
    check_text(source, name, language=False)  # size and emptiness; the language once it is clean
    given = _given_date(date, name)
    text = clean_text(source)
    check_text(text, name)
    meta, warnings = read_metadata(text)
    if given and (meta.date is None or not fill_date):
        meta.date = given
        warnings = [w for w in warnings if "pass --date" not in w]
    elif meta.date is None and not given and (from_name := date_in_file_name(name)):
        meta.date = from_name
        warnings = [w for w in warnings if "pass --date" not in w]
        warnings.append(f"meeting date {from_name} taken from the file name")
    return Document(
        name=name, path=path, source_text=source, text=text, paragraphs=find_paragraphs(text),
        meta=meta, warnings=warnings, content_hash=digest,
    )


def _year_in_file_name(name: str) -> str | None:
    years = set(re.findall(r"(?<!\d)((?:19|20)\d{2})(?!\d)", name))
    return years.pop() if len(years) == 1 else None


def date_in_file_name(name: str) -> str | None:
    """A full ISO date in a file name ("us-jp-leaders-2022-05-23.txt"), if there is one."""
    match = _NAME_DATE.search(name)
    if not match:
        return None
    try:
        return parse_iso(match.group(0))
    except ValueError:
        return None


def _given_date(date: str | None, name: str) -> str | None:
    if date is None:
        return None
    try:
        return parse_iso(date)
    except ValueError:
        raise InputError(f"{name}: --date must be YYYY-MM-DD, got '{date}'") from None
