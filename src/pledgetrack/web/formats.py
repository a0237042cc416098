"""Listings as JSON and CSV (the ``.json`` and ``.csv`` variants of every listing page)."""
from __future__ import annotations

import io
import json
import re
from collections.abc import Iterable
from typing import Any
from urllib.parse import quote

from fastapi.responses import Response, StreamingResponse

from ..serialize import csv_chunks, write_csv

STATEMENT_FIELDS = ("id", "key", "doc", "date", "series", "paragraph", "trigger", "act", "actors", "commitment",
                    "strength", "topics", "content", "conditions", "deadlines", "agreements", "thread", "review",
                    "sentence")
THREAD_FIELDS = ("id", "title", "series", "topics", "status", "actors", "first_date", "last_date", "statements",
                 "labels", "evidence")
DOCUMENT_FIELDS = ("name", "version", "title", "date", "place", "series", "number", "parties", "statements", "url")
PRIVATE_DOCUMENT_FIELDS = ("path",)  # where the server read a file: never shown
_NOT_TOKEN = re.compile(r'[^A-Za-z0-9!#$&+.^_`|~ -]')


def public_document(row: dict[str, Any]) -> dict[str, Any]:
    """A document row or view without the server's file path."""
    return {k: v for k, v in row.items() if k not in PRIVATE_DOCUMENT_FIELDS}


def content_disposition(kind: str, filename: str) -> str:
    """``inline`` or ``attachment`` with the name twice (RFC 6266): an ASCII stand-in for old
    clients, and the exact name as UTF-8 (RFC 5987 ``filename*``)."""
    fallback = _NOT_TOKEN.sub("_", filename).strip() or "download"
    return f"{kind}; filename=\"{fallback}\"; filename*=UTF-8''{quote(filename, safe='')}"


def json_response(data: Any, status_code: int = 200) -> Response:
    # compact: an indent makes json use its pure-Python encoder (4x slower on a page of statements)
    body = json.dumps(data, ensure_ascii=False, separators=(",", ":"), default=str)
    return Response(body, status_code=status_code, media_type="application/json")


def csv_response(rows: list[dict[str, Any]], fields: tuple[str, ...], filename: str) -> Response:
    buf = io.StringIO()
    write_csv(rows, buf, fields)
    return Response(buf.getvalue(), media_type="text/csv; charset=utf-8",
                    headers={"Content-Disposition": content_disposition("attachment", filename)})


def csv_stream(rows: Iterable[dict[str, Any]], fields: tuple[str, ...], filename: str) -> StreamingResponse:
    """A CSV download written while the rows are read (a page at a time), never whole in memory."""
    return StreamingResponse(csv_chunks(rows, fields), media_type="text/csv; charset=utf-8",
                             headers={"Content-Disposition": content_disposition("attachment", filename)})


def listing(rows: list[dict[str, Any]], fmt: str, fields: tuple[str, ...], name: str, params: dict[str, str],
            extra: dict[str, Any] | None = None) -> Response:
    if fmt == "csv":
        return csv_response(rows, fields, f"{name}.csv")
    return json_response({"count": len(rows), "filters": params, **(extra or {}), "rows": rows})
