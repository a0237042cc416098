"""A series over the years: every thread with its steps, as a grid (documents x threads).

``timeline_grid`` gives the data; ``timeline_svg`` draws it (templates/timeline.svg);
``timeline_html`` wraps the SVG and a table in one self-contained page (templates/timeline.html).
"""
from __future__ import annotations

from dataclasses import dataclass

from markupsafe import Markup

from ..models import ExtractedDocument, StepLabel, Thread
from .order import doc_date, order_documents
from .render_html import TEMPLATES

COLORS: dict[str, str] = {StepLabel.NEW: "#2b8a3e", StepLabel.REAFFIRMED: "#74a9cf", StepLabel.REWORDED: "#f0b429",
          StepLabel.STRENGTHENED: "#1971c2", StepLabel.WEAKENED: "#e8590c", StepLabel.DROPPED: "#c92a2a",
          StepLabel.RESTORED: "#7048e8", StepLabel.FULFILLED: "#0b7285"}
SYMBOLS: dict[str, str] = {StepLabel.NEW: "●", StepLabel.REAFFIRMED: "=", StepLabel.REWORDED: "~", StepLabel.STRENGTHENED: "▲",
           StepLabel.WEAKENED: "▼", StepLabel.DROPPED: "✕", StepLabel.RESTORED: "↺", StepLabel.FULFILLED: "✓"}


@dataclass
class Grid:
    columns: list[str]  # document names, in date order
    labels: list[str]  # column headers (year or date)
    threads: list[Thread]
    cells: list[dict[str, str]]  # per thread: doc -> step label


def timeline_grid(threads: list[Thread], results: list[ExtractedDocument], *, min_docs: int = 2) -> Grid:
    ordered = order_documents(results)
    cols = [r.document.name for r in ordered]
    heads = [(doc_date(r) or "?")[:4] + (f" #{r.document.meta.number}" if r.document.meta.number else "") for r in ordered]
    kept, cells = [], []
    for t in threads:
        if len(t.statements) < min_docs:
            continue
        kept.append(t)
        cells.append({s.doc: s.label for s in t.steps})
    return Grid(cols, heads, kept, cells)


def timeline_svg(grid: Grid, *, title: str = "Timeline") -> str:
    cw, rh, left, top = 46, 16, 430, 60
    heads = []
    for j, h in enumerate(grid.labels):
        first, _, second = h.partition(" ")  # "2019 #51": the year over the meeting number
        heads.append({"x": left + j * cw + cw / 2, "first": first, "second": second})
    rows = []
    for i, (t, cell) in enumerate(zip(grid.threads, grid.cells, strict=False)):
        cells = [{"x": left + j * cw, "doc": doc, "label": cell[doc], "color": COLORS[cell[doc]]}
                 for j, doc in enumerate(grid.columns) if cell.get(doc)]
        rows.append({"y": top + i * rh, "title": t.title, "cells": cells,
                     "label": t.title if len(t.title) <= 70 else t.title[:67] + "..."})
    legend = [{"x": 10 + k * 100, "label": lab, "color": color} for k, (lab, color) in enumerate(COLORS.items())]
    return TEMPLATES.get_template("timeline.svg").render(
        title=title, width=left + cw * len(grid.columns) + 20, height=top + rh * len(grid.threads) + 60,
        heads=heads, rows=rows, legend=legend, top=top, cw=cw, rh=rh, ly=top + rh * len(grid.threads) + 25) + "\n"


def timeline_html(grid: Grid, *, title: str = "Timeline") -> str:
    return TEMPLATES.get_template("timeline.html").render(
        title=title, colors=COLORS, symbols=SYMBOLS, svg=Markup(timeline_svg(grid, title=title)), labels=grid.labels,
        rows=list(zip(grid.threads, grid.cells, strict=False)), columns=grid.columns) + "\n"
