"""Plain records the store hands out, and conversions between rows and pipeline dataclasses."""
from __future__ import annotations

import hashlib
import re
from collections.abc import Iterable
from dataclasses import asdict, dataclass, field
from datetime import UTC, datetime
from typing import Any

from ..models import (
    Deadline,
    Document,
    DocumentMeta,
    ExtractedDocument,
    GlossaryEntry,
    Item,
    Paragraph,
    Participant,
    Statement,
)

# Fields a reviewer may correct, and the statement fields they overlay.
CORRECTABLE = ("actors", "commitment", "topics", "act", "thread")
STATUSES = ("open", "in_progress", "fulfilled", "partially_fulfilled", "lapsed", "superseded")


def now() -> datetime:
    return datetime.now(UTC)


def statement_key(doc: str, sentence: str, trigger: str, trigger_offset: int) -> str:
    """A key that stays the same when the same document is extracted again (or a new version
    keeps the sentence): document name, whitespace-folded sentence, trigger and its place in it."""
    folded = re.sub(r"\s+", " ", sentence).strip()
    raw = "\x1f".join((doc, folded, trigger, str(trigger_offset)))
    return hashlib.sha1(raw.encode("utf-8")).hexdigest()[:16]


def key_of(s: Statement) -> str:
    return statement_key(s.doc, s.sentence, s.trigger, s.trigger_start - s.start)


@dataclass
class IngestReport:
    """What one ``ingest`` did, file by file."""

    added: list[str] = field(default_factory=list)  # new documents
    versions: list[str] = field(default_factory=list)  # changed files stored as a new version
    reextracted: list[str] = field(default_factory=list)  # forced re-extraction of a stored version
    unchanged: list[str] = field(default_factory=list)
    duplicates: list[str] = field(default_factory=list)  # the same text as a stored document: kept as its source
    errors: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)  # "name: what could not be read" (no date, ...)
    statements: int = 0
    threads: int = 0
    threads_written: int = 0  # threads this run inserted or rewrote

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass
class SearchHit:
    """A statement that matches a search, with the matching words marked in ``highlight``."""

    statement: dict[str, Any]
    highlight: str
    score: float

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


def statement_to_row(s: Statement) -> dict[str, Any]:
    row = s.to_dict()
    row["ext_id"] = row.pop("id")
    row["key"] = key_of(s)
    return row


def statement_from_row(row: Any) -> Statement:
    m = row._mapping if hasattr(row, "_mapping") else row
    return Statement(
        id=m["ext_id"], doc=m["doc"], sentence=m["sentence"], start=m["start"], end=m["end"],
        trigger=m["trigger"], trigger_start=m["trigger_start"], act=m["act"], actors=list(m["actors"]),
        commitment=bool(m["commitment"]), strength=m["strength"], speaker=m["speaker"], content=m["content"],
        conditions=list(m["conditions"]), deadlines=[Deadline(**d) for d in m["deadlines"]],
        agreements=list(m["agreements"]), topics=list(m["topics"]), hedges=list(m["hedges"]),
        paragraph=m["paragraph"], optional=bool(m["optional"]),
        items=[_item(i) for i in m.get("items") or []], confidence=float(m.get("confidence", 1.0)),
        subset=bool(m.get("subset", False)),
    )


def _item(data: dict[str, Any]) -> Item:
    return Item(**{**data, "deadlines": [Deadline(**d) for d in data.get("deadlines", [])]})


def document_to_row(doc: Document) -> dict[str, Any]:
    meta = asdict(doc.meta)
    return {
        "name": doc.name, "path": doc.path, "content_hash": doc.content_hash, "title": meta["title"] or "",
        "date": meta["date"], "place": meta["place"], "series": meta["series"], "number": meta["number"],
        "parties": meta["parties"], "participants": meta["participants"], "url": meta["url"],
        "paragraphs": [asdict(p) for p in doc.paragraphs], "warnings": list(doc.warnings),
        "source_text": doc.source_text, "text": doc.text,
    }


def document_from_row(row: Any) -> Document:
    m = row._mapping if hasattr(row, "_mapping") else row
    meta = DocumentMeta(title=m["title"], date=m["date"], place=m["place"], series=m["series"],
                        number=m["number"], parties=list(m["parties"]),
                        participants=[Participant(**p) for p in m["participants"]], url=m.get("url"))
    return Document(name=m["name"], path=m["path"], source_text=m["source_text"], text=m["text"],
                    paragraphs=[Paragraph(**p) for p in m["paragraphs"]], meta=meta,
                    warnings=list(m["warnings"]), content_hash=m["content_hash"])


def glossary_from_row(row: Any) -> GlossaryEntry:
    m = row._mapping
    return GlossaryEntry(m["acronym"], m["expansion"], m["doc"], m["start"])


def extracted(doc_row: Any, statement_rows: Iterable[Any], glossary_rows: Iterable[Any] = ()) -> ExtractedDocument:
    return ExtractedDocument(document_from_row(doc_row), [statement_from_row(r) for r in statement_rows],
                             [glossary_from_row(r) for r in glossary_rows])


def jsonable(value: Any) -> Any:
    """A row value as JSON: datetimes as ISO 8601."""
    if isinstance(value, datetime):
        return value.isoformat()
    return value


def brief(r: dict[str, Any]) -> dict[str, Any]:
    """What a thread or a suggestion shows of a statement row."""
    return {k: r[k] for k in ("id", "key", "ext_id", "doc", "date", "act", "actors", "commitment", "strength",
                              "topics", "deadlines", "sentence", "review")}


def row_dict(row: Any) -> dict[str, Any]:
    return {k: jsonable(v) for k, v in row._mapping.items()}
