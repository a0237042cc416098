"""``pledgetrack link``, ``diff`` and ``timeline``: statements followed across documents."""
from __future__ import annotations

from enum import Enum
from pathlib import Path
from typing import Annotated, Optional

import typer
from rich.console import Console
from rich.markup import escape

from ..config import settings
from ..errors import PledgetrackError
from ..serialize import write_jsonl
from .common import check_export_format, err, fail, out, output_stream, write_export
from .extract import DATE, FILES, TIME_LIMIT, TOPICS, WORKERS, run_extraction, use_time_limit
from .tables import FULL, Col, fit_table

# The linker (scikit-learn) and the renderers are imported by the commands, so that help comes at once.
SEMANTIC = Annotated[bool, typer.Option("--semantic/--lexical",
                                                  help="Add sentence-embedding similarity (needs the semantic extra).")]


class LinkFormat(str, Enum):
    table = "table"
    jsonl = "jsonl"


class DiffFormat(str, Enum):
    text = "text"
    md = "md"
    html = "html"
    json = "json"


def _extract(files, date, topics, workers):
    try:
        collection = run_extraction(files, date, topics, workers)
    except PledgetrackError as exc:
        raise fail(str(exc))
    return collection


def _link(collection, semantic: bool):
    from ..link import link_documents
    try:
        return link_documents(collection.documents, semantic=semantic)
    except PledgetrackError as exc:
        raise fail(str(exc))


CHECK_MARK = "?"  # after a step whose link is too weak to quote unread; short, so a narrow table keeps it


def _checked(step) -> str:
    """The check mark after a step whose link is too weak to quote unread (``link.reliability``)."""
    from ..link.reliability import reliability
    found = reliability(step.similarity)
    return CHECK_MARK if found and found.check else ""


def link(files: FILES,
         format: Annotated[LinkFormat, typer.Option("--format", "-f", help="Output format.")] = LinkFormat.table,
         output: Annotated[Optional[Path], typer.Option("--output", "-o", help="Write to this file.")] = None,
         date: DATE = None, topics: TOPICS = None, workers: WORKERS = 1, semantic: SEMANTIC = False,
         time_limit: TIME_LIMIT = None, full: FULL = False) -> None:
    """Link statements of different documents that carry the same commitment into threads."""
    use_time_limit(time_limit)
    from ..link import thread_record
    collection = _extract(files, date, topics, workers)
    threads = _link(collection, semantic)
    if format is LinkFormat.jsonl or output is not None:
        with output_stream(output) as fh:
            n = write_jsonl((thread_record(t) for t in threads), fh)
        if output is not None:
            err.print(f"wrote {n} threads to {output}")
    else:
        cols = [Col("thread", 18), Col("steps", 40 if full else 26), Col("commitment", text=True)]
        rows = ([t.id, escape(" ".join(f"{(s.date or '?')[:4]} {s.label}" + _checked(s)
                                        + (f" ({'; '.join(s.reasons)})" if full and s.reasons and s.label != "dropped" else "")
                                        for s in t.steps)), escape(t.title)]
                for t in threads if len(t.statements) >= 2)
        out.print(fit_table(f"Threads across {len(collection.documents)} documents", cols, rows, full=full, console=out))
        out.print(f"[dim]{CHECK_MARK} after a label: a link of a strength that, held out, was right less than "
                  f"{settings().link.trusted_share:.0%} of the time; read both sentences before quoting it[/dim]")
    if collection.errors:
        raise typer.Exit(1)


def diff(old: Annotated[Path, typer.Argument(help="The earlier document.", show_default=False)],
         new: Annotated[Path, typer.Argument(help="The later document.", show_default=False)],
         format: Annotated[str, typer.Option("--format", "-f", metavar="FORMAT",
                                             help="text, md, html, json (docs/spec/INTERFACE.md), csv, docx, "
                                                  "or a format a plugin adds.")] = "text",
         output: Annotated[Optional[Path], typer.Option("--output", "-o", help="Write to this file.")] = None,
         date: DATE = None, topics: TOPICS = None, semantic: SEMANTIC = False,
         all_: Annotated[bool, typer.Option("--all", help="Text: also list reaffirmed statements.")] = False,
         time_limit: TIME_LIMIT = None) -> None:
    """What changed between two documents: dropped and weakened commitments first."""
    use_time_limit(time_limit)
    from ..exports.tables import diff_table
    from ..link import diff_documents
    from ..link.render_html import diff_html
    from ..link.render_json import diff_json
    from ..link.render_md import diff_markdown
    from ..link.render_text import diff_text
    own = {f.value for f in DiffFormat}
    if format not in own:
        check_export_format(format, output)
    collection = _extract([old, new], date, topics, 1)
    if len(collection.documents) != 2:
        raise typer.Exit(1)
    try:
        result = diff_documents(*collection.documents, semantic=semantic)
    except PledgetrackError as exc:
        raise fail(str(exc))
    if format not in own:
        write_export(diff_table(result), format, output)
        return
    if format == DiffFormat.text and output is None:
        diff_text(result, out, show_reaffirmed=all_)
        return
    with output_stream(output) as fh:
        if format == DiffFormat.json:
            diff_json(result, fh)
        elif format == DiffFormat.md:
            fh.write(diff_markdown(result))
        elif format == DiffFormat.html:
            fh.write(diff_html(result))
        else:
            diff_text(result, Console(file=fh, width=160, soft_wrap=True), show_reaffirmed=all_)
    if output is not None:
        err.print(f"wrote the diff to {output}")


def timeline(files: FILES,
             chart: Annotated[Optional[Path], typer.Option("--chart", help="Write an SVG chart here.")] = None,
             html: Annotated[Optional[Path], typer.Option("--html", help="Write a self-contained HTML page here.")] = None,
             min_docs: Annotated[int, typer.Option("--min-docs", min=1, help="Show threads in at least this many documents.")] = 2,
             date: DATE = None, topics: TOPICS = None, workers: WORKERS = 1, semantic: SEMANTIC = False,
             time_limit: TIME_LIMIT = None, full: FULL = False) -> None:
    """Every thread of a series with its steps across the years, as a table and a chart."""
    use_time_limit(time_limit)
    from ..link.timeline import SYMBOLS, timeline_grid, timeline_html, timeline_svg
    collection = _extract(files, date, topics, workers)
    threads = _link(collection, semantic)
    grid = timeline_grid(threads, collection.documents, min_docs=min_docs)
    series = sorted({r.document.meta.series for r in collection.documents if r.document.meta.series})
    title = f"{', '.join(series) or 'Documents'}: {len(grid.threads)} threads"
    # One narrow column per meeting ("2019" over "#51"); the thread's title takes what is left.
    cols = [Col("thread", text=True), *(Col(h.replace(" ", "\n"), 4, justify="center") for h in grid.labels)]
    rows = ([escape(t.title), *(SYMBOLS.get(cell.get(d, ""), "") for d in grid.columns)]
            for t, cell in zip(grid.threads, grid.cells, strict=False))
    out.print(fit_table(title, cols, rows, full=full, console=out))
    out.print("  ".join(f"{v} {k}" for k, v in SYMBOLS.items()), soft_wrap=False)
    if chart is not None:
        with output_stream(chart) as fh:
            fh.write(timeline_svg(grid, title=title))
        err.print(f"wrote {chart}")
    if html is not None:
        with output_stream(html) as fh:
            fh.write(timeline_html(grid, title=title))
        err.print(f"wrote {html}")
    if collection.errors:
        raise typer.Exit(1)
