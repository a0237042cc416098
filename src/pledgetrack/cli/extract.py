"""``pledgetrack extract``: statements of one or more documents, for people or for scripts."""
from __future__ import annotations

from pathlib import Path
from typing import Annotated, Optional

import typer
from rich.markup import escape
from rich.table import Table

from ..countries import party_list
from ..errors import PledgetrackError
from ..models import ExtractedDocument, meeting_name
from ..serialize import statement_record, write_csv, write_json, write_jsonl
from .common import Format, advance, err, error_line, fail, out, output_stream, progress, warn
from .tables import FULL, Col, fit_table

FILES = Annotated[list[Path], typer.Argument(help="Documents: .txt, .md, .html, .pdf or .docx.", show_default=False)]
DATE = Annotated[Optional[str], typer.Option("--date", help="Meeting date (YYYY-MM-DD) when the text gives none.")]
TOPICS = Annotated[Optional[Path], typer.Option(
    "--topics", help="Own topic taxonomy (TOML or Markdown file, or an installed taxonomy's name).")]
WORKERS = Annotated[int, typer.Option("--workers", "-j", min=1, help="Processes to extract in parallel.")]
TIME_LIMIT = Annotated[Optional[float], typer.Option(
    "--time-limit", min=0, metavar="SECONDS", show_default=False,
    help="Stop reading and extracting one document after this many seconds and go on with the others "
         "(0: no limit) \\[default: $PLEDGETRACK_TIME_LIMIT, else 120].")]


def use_time_limit(seconds: float | None) -> None:
    """``--time-limit``: the per-document limit of this run and of its worker processes."""
    if seconds is not None:
        from ..ingest.limits import set_limit_s
        set_limit_s(seconds)


def run_extraction(files: list[Path], date: str | None, topics: Path | None, workers: int):
    """Extracts files with a progress bar; bad files give one error line each."""
    from ..api import extract_many  # spaCy loads here, for the commands that parse, not at start
    with progress("extracting", len(files)) as bar:
        def on_error(msg: str) -> None:
            error_line(msg)
            advance(bar)

        collection = extract_many(files, date=date, taxonomy=topics, workers=workers, on_error=on_error,
                                  on_done=lambda r: advance(bar, r.document.name))
    for result in collection.documents:
        for warning in result.document.warnings:
            warn(f"{result.document.name}: {warning}")
    return collection


def statements_table(results: list[ExtractedDocument], full: bool = False) -> Table:
    several = len(results) > 1
    cols = [Col("doc", 16, optional=not several), Col("¶", 4), Col("act", 10), Col("actors", 9), Col("C", 1),
            Col("str", 3), Col("topics", 16, optional=True), Col("statement", text=True)]
    rows = ([result.document.name, s.paragraph or "", s.act, party_list(s.actors), "✔" if s.commitment else "",
             str(s.strength), ", ".join(s.topics), f"[bold]{escape(s.trigger)}[/] {escape(s.content)}"]
            for result in results for s in result.statements)
    return fit_table("Statements", cols, rows, full=full, console=out)


def summary_table(results: list[ExtractedDocument], full: bool = False) -> Table:
    cols = [Col("document", 28, text=True), Col("date", 10), Col("series", 14), Col("parties", 12, optional=True),
            Col("statements", justify="right"), Col("commitments", justify="right", optional=True)]
    rows = []
    for result in results:
        meta = result.document.meta
        rows.append([escape(result.document.name), meta.date or "?", escape(meeting_name(meta.series, meta.number) or str(meta.number or "")),
                     " ".join(meta.parties), str(len(result.statements)),
                     str(sum(s.commitment for s in result.statements))])
    return fit_table("Documents", cols, rows, full=full, console=out)


def extract(files: FILES,
            format: Annotated[Format, typer.Option("--format", "-f", help="Output format.")] = Format.table,
            output: Annotated[Optional[Path], typer.Option("--output", "-o", help="Write to this file.")] = None,
            date: DATE = None, topics: TOPICS = None, workers: WORKERS = 1, time_limit: TIME_LIMIT = None,
            full: FULL = False) -> None:
    """Extract every statement: who, what act, commitment or not, content, deadlines, topics."""
    use_time_limit(time_limit)
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
                out.print(statements_table(results, full))
                out.print(summary_table(results, full))
            else:
                write_jsonl(records, fh)
                out.print(summary_table(results, full))
    if output is not None:
        err.print(f"wrote {n} statements to {output}")
    if collection.errors:
        raise typer.Exit(1)


def glossary(files: FILES,
             format: Annotated[Format, typer.Option("--format", "-f", help="Output format.")] = Format.table,
             time_limit: TIME_LIMIT = None, full: FULL = False) -> None:
    """The acronyms and short names the documents define, across the whole collection."""
    use_time_limit(time_limit)
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
        cols = [Col("term", 16), Col("expansion", text=True), Col("first defined in", 28, optional=True)]
        rows = ([escape(r["term"]), escape(r["expansion"]), escape(r["doc"])] for r in records)
        out.print(fit_table(f"Glossary ({len(records)} terms)", cols, rows, full=full, console=out))
    if collection.errors:
        raise typer.Exit(1)
