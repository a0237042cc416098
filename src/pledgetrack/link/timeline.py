"""A series over the years: every thread with its steps, as a grid (documents x threads).

``timeline_grid`` gives the data; ``timeline_svg`` draws it without any dependency;
``timeline_html`` wraps the SVG and a table in one self-contained page.
"""
from __future__ import annotations

from dataclasses import dataclass
from html import escape

from ..models import ExtractedDocument, StepLabel, Thread
from .order import doc_date, order_documents

COLORS = {StepLabel.NEW: "#2b8a3e", StepLabel.REAFFIRMED: "#74a9cf", StepLabel.REWORDED: "#f0b429",
          StepLabel.STRENGTHENED: "#1971c2", StepLabel.WEAKENED: "#e8590c", StepLabel.DROPPED: "#c92a2a",
          StepLabel.RESTORED: "#7048e8", StepLabel.FULFILLED: "#0b7285"}
SYMBOLS = {StepLabel.NEW: "●", StepLabel.REAFFIRMED: "=", StepLabel.REWORDED: "~", StepLabel.STRENGTHENED: "▲",
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
    width = left + cw * len(grid.columns) + 20
    height = top + rh * len(grid.threads) + 60
    out = [f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" '
           f'font-family="sans-serif" font-size="11"><title>{escape(title)}</title>',
           f'<rect width="100%" height="100%" fill="white"/><text x="10" y="20" font-size="14" font-weight="bold">{escape(title)}</text>']
    for j, h in enumerate(grid.labels):
        x = left + j * cw + cw / 2
        first, _, second = h.partition(" ")  # "2019 #51": the year over the meeting number
        out.append(f'<text x="{x}" y="{top - 20}" text-anchor="middle">{escape(first)}</text>')
        if second:
            out.append(f'<text x="{x}" y="{top - 7}" text-anchor="middle">{escape(second)}</text>')
    for i, (t, cell) in enumerate(zip(grid.threads, grid.cells)):
        y = top + i * rh
        label = t.title if len(t.title) <= 70 else t.title[:67] + "..."
        out.append(f'<text x="10" y="{y + 12}"><title>{escape(t.title)}</title>{escape(label)}</text>')
        for j, doc in enumerate(grid.columns):
            lab = cell.get(doc)
            if not lab:
                continue
            x = left + j * cw
            out.append(f'<rect x="{x + 3}" y="{y + 2}" width="{cw - 6}" height="{rh - 4}" rx="3" '
                       f'fill="{COLORS[lab]}"><title>{escape(doc)}: {lab}</title></rect>')
    ly = top + rh * len(grid.threads) + 25
    for k, (lab, color) in enumerate(COLORS.items()):
        x = 10 + k * 100
        out.append(f'<rect x="{x}" y="{ly}" width="12" height="12" fill="{color}"/>'
                   f'<text x="{x + 16}" y="{ly + 10}">{lab}</text>')
    out.append("</svg>")
    return "\n".join(out) + "\n"


def timeline_html(grid: Grid, *, title: str = "Timeline") -> str:
    head = "".join(f"<th>{escape(h)}</th>" for h in grid.labels)
    rows = []
    for t, cell in zip(grid.threads, grid.cells):
        tds = "".join(f"<td style='background:{COLORS[cell[d]]};color:#fff' title='{escape(cell[d])}'>{SYMBOLS[cell[d]]}</td>"
                      if d in cell else "<td></td>" for d in grid.columns)
        rows.append(f"<tr><td>{escape(t.title)}</td>{tds}</tr>")
    legend = " ".join(f"<span style='background:{c};color:#fff;padding:0 .4em'>{SYMBOLS[k]} {k}</span>" for k, c in COLORS.items())
    return (f"<!DOCTYPE html><html lang=en><head><meta charset=utf-8><title>{escape(title)}</title>"
            "<style>body{font:13px system-ui,sans-serif;margin:1.5em}table{border-collapse:collapse}"
            "td,th{border:1px solid #ddd;padding:2px 6px;text-align:center}td:first-child{text-align:left;max-width:40em}</style>"
            f"</head><body><h1>{escape(title)}</h1><p>{legend}</p>{timeline_svg(grid, title=title)}"
            f"<table><thead><tr><th>thread</th>{head}</tr></thead><tbody>{''.join(rows)}</tbody></table></body></html>\n")
