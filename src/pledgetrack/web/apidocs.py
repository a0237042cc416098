"""The API reference: parameter descriptions filled into the OpenAPI schema, and the schema as a page.

Endpoints declare their parameters by name; the words for the common ones live here once
(``PARAMETERS``), so /api/openapi.json and /api/docs describe every parameter without each
signature repeating them. A description an endpoint gives itself wins.
"""
from __future__ import annotations

import re
from typing import Any

from markupsafe import Markup, escape

PARAMETERS = {
    "actor": "Party code (ISO 3166-1 alpha-3, or EU), e.g. KOR.",
    "act": "The act, e.g. pledge, reaffirm, welcome.",
    "commitment": "true for commitments only, false for the other statements.",
    "topic": "A topic label of the taxonomy, e.g. deterrence.",
    "series": "Meeting series, e.g. SCM or Quad Leaders.",
    "year": "Meeting year (four digits).",
    "document": "A document's name (its file name).",
    "review": "Review state: unreviewed, accepted, corrected or rejected.",
    "thread": "A thread id.",
    "q": "Full-text search: words, \"a phrase\", a OR b, -word.",
    "limit": "At most this many rows (0: all).",
    "offset": "Skip this many rows first.",
    "status": "Thread status: open, in_progress, fulfilled, partially_fulfilled, lapsed or superseded.",
    "steps": "Only threads with at least this many steps.",
    "name": "A document's name (its file name).",
    "version": "A document version (1 is the first ingested); without it, the current one.",
    "ident": "A statement's row id, key or pipeline id (doc:offset).",
    "tid": "A thread id.",
    "today": "The day to count from (YYYY-MM-DD); without it, today.",
    "entity_id": "Only the entries about this statement key or thread id.",
    "date_from": "From this meeting date (YYYY-MM-DD).",
    "date_to": "Up to this meeting date (YYYY-MM-DD).",
    "sort": "Order of the rows.",
}


def describe(schema: dict[str, Any]) -> dict[str, Any]:
    """``schema`` with a description on every parameter that has a known name and none of its own."""
    for methods in schema.get("paths", {}).values():
        for op in methods.values():
            for p in op.get("parameters", []):
                if not p.get("description") and p.get("name") in PARAMETERS:
                    p["description"] = PARAMETERS[p["name"]]
    return schema


_CODE = re.compile(r"`([^`]+)`")


def inline_code(text: str) -> Markup:
    """Text with `backticks` as <code>, everything else escaped."""
    return Markup(_CODE.sub(lambda m: f"<code>{m.group(1)}</code>", str(escape(text or ""))))
