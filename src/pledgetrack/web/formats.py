"""Listings as JSON and CSV (the ``.json`` and ``.csv`` variants of every listing page)."""
from __future__ import annotations

import io
import json
from typing import Any

from collections.abc import Iterable

from fastapi.responses import Response, StreamingResponse

from ..serialize import csv_chunks, write_csv

STATEMENT_FIELDS = ("id", "key", "doc", "date", "series", "paragraph", "trigger", "act", "actors", "commitment",
                    "strength", "topics", "content", "conditions", "deadlines", "agreements", "thread", "review",
                    "sentence")
THREAD_FIELDS = ("id", "title", "series", "topics", "status", "actors", "first_date", "last_date", "statements",
                 "labels", "evidence")
DOCUMENT_FIELDS = ("name", "version", "title", "date", "place", "series", "number", "parties", "statements", "path",
                   "url")


def json_response(data: Any, status_code: int = 200) -> Response:
    body = json.dumps(data, ensure_ascii=False, indent=1, default=str)
    return Response(body, status_code=status_code, media_type="application/json")


def csv_response(rows: list[dict[str, Any]], fields: tuple[str, ...], filename: str) -> Response:
    buf = io.StringIO()
    write_csv(rows, buf, fields, for_spreadsheets=True)  # a download opens in a spreadsheet
    return Response(buf.getvalue(), media_type="text/csv; charset=utf-8",
                    headers={"Content-Disposition": f'attachment; filename="{filename}"'})


def csv_stream(rows: Iterable[dict[str, Any]], fields: tuple[str, ...], filename: str) -> StreamingResponse:
    """A CSV download written while the rows are read (a page at a time), never whole in memory."""
    return StreamingResponse(csv_chunks(rows, fields, for_spreadsheets=True), media_type="text/csv; charset=utf-8",
                             headers={"Content-Disposition": f'attachment; filename="{filename}"'})


def listing(rows: list[dict[str, Any]], fmt: str, fields: tuple[str, ...], name: str, params: dict[str, str],
            extra: dict[str, Any] | None = None) -> Response:
    if fmt == "csv":
        return csv_response(rows, fields, f"{name}.csv")
    return json_response({"count": len(rows), "filters": params, **(extra or {}), "rows": rows})
