"""Exports of a diff, a thread or a statement listing, in any registered output format.

An export is an ``ExportTable`` (a title, a few lines of context, columns and rows) written by an
``OutputFormat``. The built-in formats are csv, md, json and docx (``exports/builtin.py``);
plugins add more through the ``output_formats`` hook (``pledgetrack.plugins``).
"""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cache
from typing import Any

from ..errors import PledgetrackError


@dataclass
class ExportTable:
    """What an export holds: ``kind`` is "diff", "thread" or "statements"."""

    kind: str
    title: str
    columns: tuple[str, ...]
    rows: list[dict[str, Any]]
    context: list[str] = field(default_factory=list)  # lines under the title (documents, dates, counts)
    name: str = "export"  # a file name stem

    def to_dict(self) -> dict[str, Any]:
        return {"kind": self.kind, "title": self.title, "context": self.context, "columns": list(self.columns),
                "rows": self.rows}


@dataclass(frozen=True)
class OutputFormat:
    """A way to write an ``ExportTable``: ``write`` returns text, or bytes for a binary format."""

    name: str
    suffix: str
    media_type: str
    write: Callable[[ExportTable], str | bytes]
    description: str = ""


@cache
def formats() -> dict[str, OutputFormat]:
    """Every output format by name: the built-in ones and those of installed plugins."""
    from ..plugins import manager

    found: dict[str, OutputFormat] = {}
    for batch in reversed(manager().hook.output_formats()):  # pluggy calls the last registered first
        for fmt in batch or []:
            found[fmt.name] = fmt
    return found


def output_format(name: str) -> OutputFormat:
    """The format called ``name``; an unknown one is an error naming those there are."""
    known = formats()
    if name not in known:
        raise PledgetrackError(f"no output format '{name}'; there are {', '.join(sorted(known))}")
    return known[name]


def render(table: ExportTable, name: str) -> bytes:
    """``table`` written in the format ``name``, as bytes (text as UTF-8)."""
    data = output_format(name).write(table)
    return data.encode("utf-8") if isinstance(data, str) else data
