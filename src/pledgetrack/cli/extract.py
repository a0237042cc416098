"""``pledgetrack extract``: statements of one or more documents, for people or for scripts."""
from __future__ import annotations

from pathlib import Path
from typing import Annotated, Optional

import typer
from rich.markup import escape
from rich.table import Table

from ..errors import PledgetrackError
from ..models import ExtractedDocument
from ..serialize import statement_record, write_csv, write_json, write_jsonl
from .common import Format, advance, err, error_line, fail, out, output_stream, progress, warn

FILES = Annotated[list[Path], typer.Argument(help="Documents: .txt, .md, .html, .pdf or .docx.", show_default=False)]
DATE = Annotated[Optional[str], typer.Option("--date", help="Meeting date (YYYY-MM-DD) when the text gives none.")]
TOPICS = Annotated[Optional[Path], typer.Option("--topics", help="Own topic taxonomy (TOML or Markdown table).")]
WORKERS = Annotated[int, typer.Option("--workers", "-j", min=1, help="Processes to extract in parallel.")]


def run_extraction(files: list[Path], date: str | None, topics: Path | None, workers: int):
    """Extracts files with a progress bar; bad files give one error line each."""
    from ..api import extract_many  # spaCy loads here, for the commands that parse, not at start
    with progress("extracting", len(files)) as bar:
        collection = extract_many(files, date=date, taxonomy=topics, workers=workers,
                                  on_error=lambda msg: (error_line(msg), advance(bar)),
                                  on_done=lambda r: advance(bar, r.document.name))
    for result in collection.documents:
        for warning in result.document.warnings:
            warn(f"{result.document.name}: {warning}")
    return collection


def statements_table(results: list[ExtractedDocument]) -> Table:
    several = len(results) > 1
    table = Table(title="Statements", expand=True)
    if several:
        table.add_column("doc", max_width=16, overflow="ellipsis", no_wrap=True)
    table.add_column("¶", no_wrap=True)
    table.add_column("act", no_wrap=True)
    table.add_column("actors", max_width=12, overflow="fold")
    table.add_column("C", no_wrap=True)
    table.add_column("str", no_wrap=True)
    table.add_column("topics", max_width=16, overflow="fold")
    table.add_column("statement", ratio=1, min_width=30, overflow="fold")
    for result in results:
        for s in result.statements:
            cells = [s.paragraph or "", s.act, " ".join(s.actors), "✔" if s.commitment else "",
                     str(s.strength), ", ".join(s.topics), f"[bold]{s.trigger}[/] {escape(s.content[:160])}"]
            table.add_row(*([result.document.name] if several else []), *cells)
    return table


def summary_table(results: list[ExtractedDocument]) -> Table:
    table = Table(title="Documents")
    table.add_column("document", no_wrap=True)
    table.add_column("date", no_wrap=True)
    table.add_column("series", overflow="fold")
    table.add_column("parties", overflow="fold")
    table.add_column("statements", justify="right")
    table.add_column("commitments", justify="right")
    for result in results:
        meta = result.document.meta
        series = f"{meta.series or ''} {meta.number or ''}".strip()
        table.add_row(result.document.name, meta.date or "?", series, " ".join(meta.parties),
                      str(len(result.statements)), str(sum(s.commitment for s in result.statements)))
    return table


def extract(files: FILES,
            format: Annotated[Format, typer.Option("--format", "-f", help="Output format.")] = Format.table,
            output: Annotated[Optional[Path], typer.Option("--output", "-o", help="Write to this file.")] = None,
            date: DATE = None, topics: TOPICS = None, workers: WORKERS = 1) -> None:
    """Extract every statement: who, what act, commitment or not, content, deadlines, topics."""
    try:
        collection = run_extraction(files, date, topics, workers)
    except PledgetrackError as exc:
        raise fail(str(exc))
    results = collection.documents
    records = (statement_record(s) for r in results for s in r.statements)
    with output_stream(output) as fh:
        if format is Format.jsonl:
            n = write_jsonl(records, fh)
        elif format is Format.json:
            n = write_json(records, fh)
        elif format is Format.csv:
            n = write_csv(records, fh)
        else:
            n = sum(len(r.statements) for r in results)
            if output is None:
                out.print(statements_table(results))
                out.print(summary_table(results))
            else:
                write_jsonl(records, fh)
                out.print(summary_table(results))
    if output is not None:
        err.print(f"wrote {n} statements to {output}")
    if collection.errors:
        raise typer.Exit(1)


def glossary(files: FILES,
             format: Annotated[Format, typer.Option("--format", "-f", help="Output format.")] = Format.table) -> None:
    """The acronyms and short names the documents define, across the whole collection."""
    collection = run_extraction(files, None, None, 1)
    entries = sorted(collection.glossary.entries.values(), key=lambda e: e.acronym.lower())
    records = [{"term": e.acronym, "expansion": e.expansion, "doc": e.doc, "start": e.start} for e in entries]
    if format is Format.jsonl:
        write_jsonl(records, out.file)
    elif format is Format.json:
        write_json(records, out.file)
    elif format is Format.csv:
        write_csv(records, out.file, ("term", "expansion", "doc", "start"))
    else:
        table = Table(title=f"Glossary ({len(records)} terms)")
        for col in ("term", "expansion", "first defined in"):
            table.add_column(col)
        for r in records:
            table.add_row(r["term"], r["expansion"], r["doc"])
        out.print(table)
    if collection.errors:
        raise typer.Exit(1)
