"""The store's commands: ingest, search, statements, review, threads, status, compliance,
deadlines, export, import and stats. ``--db`` (or ``$PLEDGETRACK_DB``) picks the database."""
from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Optional

import typer
from rich.markup import escape
from rich.table import Table

from ..errors import PledgetrackError
from ..serialize import write_csv, write_json, write_jsonl
from .common import (Format, advance, check_export_format, err, error_line, fail, out, output_stream, progress,
                     warn, write_export)

if TYPE_CHECKING:
    from ..store import Store

# The store (SQLAlchemy) is imported by the commands that open one, so that help comes at once.
# The tables a user can export, as ``store.schema.TABLES`` has them (a test holds the two in step).
TABLES = ("documents", "document_sources", "statements", "glossary", "agreements", "statement_agreements", "threads", "thread_steps",
          "thread_status", "evidence", "corrections", "audit_log")

DB = Annotated[Optional[str], typer.Option("--db", envvar="PLEDGETRACK_DB",
                                           help="SQLite file or postgresql:// URL [default: pledgetrack.db].")]
USER = Annotated[Optional[str], typer.Option("--user", "-u", envvar="USER", help="Who makes the change.")]
FORMAT = Annotated[Format, typer.Option("--format", "-f", help="Output format.")]
ACTOR = Annotated[Optional[str], typer.Option("--actor", help="Party code, e.g. KOR.")]
ACT = Annotated[Optional[str], typer.Option("--act", help="Act, e.g. pledge.")]
COMMIT = Annotated[Optional[bool], typer.Option("--commitment/--no-commitment", help="Commitments only / none.")]
TOPIC = Annotated[Optional[str], typer.Option("--topic")]
SERIES = Annotated[Optional[str], typer.Option("--series", help="Meeting series, e.g. SCM.")]
DOC = Annotated[Optional[str], typer.Option("--doc", help="Document name.")]
SINCE = Annotated[Optional[str], typer.Option("--from", help="From date (YYYY-MM-DD).")]
UNTIL = Annotated[Optional[str], typer.Option("--to", help="To date (YYYY-MM-DD).")]


def _open(db: str | None) -> "Store":
    from ..store import Store
    try:
        return Store.open(db)
    except PledgetrackError as exc:
        raise fail(str(exc))


def _filters(actor, act, commitment, topic, series, doc, since, until) -> dict:
    f = {"actor": actor, "act": act, "commitment": commitment, "topic": topic, "series": series,
         "document": doc, "date_from": since, "date_to": until}
    return {k: v for k, v in f.items() if v is not None}


def _records(rows: list[dict], fmt: Format, fields: tuple[str, ...] | None = None) -> bool:
    """Writes rows as jsonl/json/csv; False for the table format (the caller draws a table)."""
    if fmt is Format.jsonl:
        write_jsonl(rows, out.file)
    elif fmt is Format.json:
        write_json(rows, out.file)
    elif fmt is Format.csv:
        write_csv(rows, out.file, fields or tuple(rows[0]) if rows else ("id",))
    else:
        return False
    return True


def _marked(text: str) -> str:
    from ..store.fts import MARK_END, MARK_START
    return escape(text).replace(MARK_START, "[bold yellow]").replace(MARK_END, "[/]")


def ingest(paths: Annotated[list[Path], typer.Argument(help="Files or directories.", show_default=False)],
           db: DB = None, date: Annotated[Optional[str], typer.Option("--date", help="Meeting date (YYYY-MM-DD) for documents whose text gives none.")] = None,
           meta: Annotated[Optional[Path], typer.Option("--meta", help="Metadata sidecar (.tsv, .csv or .json; columns file, title, date, url, place, series, number): its values win over the text's.")] = None,
           force: Annotated[bool, typer.Option("--force", help="Extract stored documents again.")] = False) -> None:
    """Store documents: new ones added, changed ones as a new version, unchanged ones skipped."""
    from ..ingest.sidecar import read_sidecar
    from ..store.ingest import expand_paths
    try:
        sidecar = read_sidecar(meta) if meta else None
    except PledgetrackError as exc:
        raise fail(str(exc))
    store = _open(db)
    files = expand_paths(paths)
    done: list[str] = []

    def step(name: str, what: str) -> None:
        done.append(name)
        advance(bar, f"{name}: {what}")

    try:
        with progress("ingesting", len(files)) as bar:
            report = store.ingest(files, date=date, force=force, on_error=error_line, progress=step, meta=sidecar)
    except KeyboardInterrupt:
        # Each document is one transaction: what was stored is whole, the rest is not there at all.
        error_line(f"interrupted after {len(done)} of {len(files)} files; "
                   "run the same command again to finish (stored documents are skipped)")
        raise typer.Exit(130) from None
    for line in report.warnings:
        warn(line)
    err.print(f"{len(report.added)} added, {len(report.versions)} new versions, {len(report.reextracted)} "
              f"re-extracted, {len(report.unchanged)} unchanged, {len(report.duplicates)} same text as a stored "
              f"document, {len(report.errors)} errors; "
              f"{report.statements} statements, {report.threads} threads", highlight=False)
    if report.errors:
        raise typer.Exit(1)


def search(text: Annotated[str, typer.Argument(help="Words, \"a phrase\", a OR b, -word.")], db: DB = None,
           actor: ACTOR = None, act: ACT = None, commitment: COMMIT = None, topic: TOPIC = None,
           series: SERIES = None, doc: DOC = None, since: SINCE = None, until: UNTIL = None,
           semantic: Annotated[bool, typer.Option("--semantic", help="By meaning (needs the semantic extra).")] = False,
           limit: Annotated[int, typer.Option("--limit", "-n")] = 20, format: FORMAT = Format.table) -> None:
    """Full-text (or semantic) search of statements, matching words highlighted."""
    store = _open(db)
    try:
        hits = store.search(text, semantic_search=semantic, limit=limit,
                            **_filters(actor, act, commitment, topic, series, doc, since, until))
    except PledgetrackError as exc:
        raise fail(str(exc))
    rows = [{**h.statement, "highlight": h.highlight, "score": h.score} for h in hits]
    if _records(rows, format, ("key", "doc", "date", "act", "actors", "score", "highlight")):
        return
    for h in hits:
        s = h.statement
        out.print(f"[dim]{s['key']}[/] {escape(s['doc'])} {s['date'] or ''} [cyan]{s['act']}[/] "
                  f"{' '.join(s['actors'])}  {_marked(h.highlight)}", highlight=False)
    err.print(f"{len(hits)} hits")


def statements(db: DB = None, actor: ACTOR = None, act: ACT = None, commitment: COMMIT = None, topic: TOPIC = None,
               series: SERIES = None, doc: DOC = None, since: SINCE = None, until: UNTIL = None,
               review: Annotated[Optional[str], typer.Option("--review", help="unreviewed|accepted|corrected|rejected")] = None,
               format: FORMAT = Format.table) -> None:
    """Statements in the store, review corrections applied."""
    f = _filters(actor, act, commitment, topic, series, doc, since, until)
    rows = _open(db).statements(**f, review=review) if review else _open(db).statements(**f)
    if _records(rows, format, ("key", "id", "doc", "date", "act", "actors", "commitment", "strength",
                               "topics", "review", "thread", "sentence")):
        return
    table = Table(title=f"Statements ({len(rows)})", expand=True)
    for col in ("key", "doc", "date", "act", "actors", "C", "review", "statement"):
        table.add_column(col, overflow="fold", ratio=1 if col == "statement" else None)
    for r in rows:
        table.add_row(r["key"], r["doc"], r["date"] or "", r["act"], " ".join(r["actors"]),
                      "✔" if r["commitment"] else "", r["review"] or "", escape(r["sentence"][:200]))
    out.print(table)


def review(statement: Annotated[str, typer.Argument(help="Statement key, id or doc:offset.")],
           action: Annotated[str, typer.Argument(help="accept, correct or reject.")], db: DB = None,
           actors: Annotated[Optional[str], typer.Option("--actors", help="Comma-separated codes.")] = None,
           commitment: COMMIT = None, topics: Annotated[Optional[str], typer.Option("--topics")] = None,
           act: ACT = None, thread: Annotated[Optional[str], typer.Option("--thread", help="Move into thread ('' to unlink).")] = None,
           user: USER = None) -> None:
    """Accept, correct or reject a statement; the change is kept in the audit log."""
    changes: dict = {}
    if actors is not None:
        changes["actors"] = actors.replace(" ", ",").split(",")
    if topics is not None:
        changes["topics"] = topics.split(",")
    if commitment is not None:
        changes["commitment"] = commitment
    if act is not None:
        changes["act"] = act
    if thread is not None:
        changes["thread"] = thread or None
    try:
        after = _open(db).review(statement, action, changes, user)
    except PledgetrackError as exc:
        raise fail(str(exc))
    out.print_json(data={k: after.get(k) for k in ("key", "review", "act", "actors", "commitment", "topics",
                                                    "thread", "extracted")})


def threads(db: DB = None, singletons: Annotated[bool, typer.Option("--singletons", help="Also lone commitments.")] = False,
            status: Annotated[Optional[str], typer.Option("--status")] = None, format: FORMAT = Format.table) -> None:
    """Commitment threads with their status."""
    rows = _open(db).threads(singletons=singletons)
    if status:
        rows = [r for r in rows if r["status"] == status]
    if _records(rows, format, ("id", "status", "series", "first_date", "last_date", "actors", "title")):
        return
    table = Table(title=f"Threads ({len(rows)})", expand=True)
    for col in ("id", "status", "steps", "dates", "actors", "title"):
        table.add_column(col, overflow="fold", ratio=1 if col == "title" else None)
    for r in rows:
        table.add_row(r["id"], r["status"], str(len(r["statements"])),
                      f"{r['first_date'] or '?'}–{r['last_date'] or '?'}", " ".join(r["actors"]), escape(r["title"]))
    out.print(table)


def status(thread: Annotated[str, typer.Argument(help="Thread id.")], db: DB = None,
           set_: Annotated[Optional[str], typer.Option("--set", help="open, in_progress, fulfilled, "
                                                       "partially_fulfilled, lapsed, superseded")] = None,
           note: Annotated[Optional[str], typer.Option("--note")] = None,
           evidence: Annotated[Optional[list[str]], typer.Option("--evidence", help="Statement key (repeatable).")] = None,
           url: Annotated[Optional[str], typer.Option("--url", help="A link as evidence.")] = None,
           user: USER = None) -> None:
    """Show a thread's status, evidence and suggestions; or set its status and add evidence."""
    store = _open(db)
    try:
        if set_ or note or evidence or url:
            store.set_status(thread, set_, note, user, evidence=evidence or [], url=url)
        view = store.thread(thread)
    except PledgetrackError as exc:
        raise fail(str(exc))
    out.print(f"[bold]{view['id']}[/] {view['status']}  {escape(view['title'])}", highlight=False)
    for s in view["statements"]:
        out.print(f"  {s['date'] or '?'} {escape(s['doc'])} [cyan]{s['act']}[/] {escape(s['sentence'][:160])}",
                  highlight=False)
    for e in view["evidence"]:
        out.print(f"  evidence ({e['kind']}, {e['user'] or '?'}): {escape(e['note'] or e['url'] or e['statement_key'] or '')}",
                  highlight=False)
    for x in view["suggestions"]:
        out.print(f"  [green]suggested[/] {x['statement']['key']} {escape(x['why'])}", highlight=False)


def thread(thread_id: Annotated[str, typer.Argument(metavar="THREAD", help="Thread id.", show_default=False)],
           db: DB = None,
           format: Annotated[str, typer.Option("--format", "-f", metavar="FORMAT",
                                               help="md, csv, json, docx, or a format a plugin adds.")] = "md",
           output: Annotated[Optional[Path], typer.Option("--output", "-o", help="Write to this file.")] = None) -> None:
    """Export one thread's steps (date, document, label, statement, why) as Markdown, CSV, JSON or Word."""
    from ..exports.tables import thread_table
    check_export_format(format, output)
    try:
        view = _open(db).thread(thread_id)
    except PledgetrackError as exc:
        raise fail(str(exc))
    write_export(thread_table(view), format, output)


def compliance(thread: Annotated[str, typer.Argument(help="Thread id.")], db: DB = None,
               party: Annotated[Optional[str], typer.Option("--party", help="Score this party ...")] = None,
               score: Annotated[Optional[int], typer.Option("--score", help="... +1, 0 or -1.")] = None,
               note: Annotated[Optional[str], typer.Option("--note")] = None, user: USER = None,
               format: FORMAT = Format.table) -> None:
    """Per-party compliance (+1 full, 0 partial, -1 none) with the evidence behind each score."""
    store = _open(db)
    try:
        result = (store.score_party(thread, party, score, note, user) if party and score is not None
                  else store.compliance(thread))
    except PledgetrackError as exc:
        raise fail(str(exc))
    if format is not Format.table:
        out.print_json(data=result)
        return
    table = Table(title=f"{thread}: {result['status']}, average {result['average']}")
    for col in ("party", "score", "reason", "evidence"):
        table.add_column(col, overflow="fold")
    for p, v in result["parties"].items():
        score_txt = {1: "+1", 0: "0", -1: "−1", None: "n/a"}[v["score"]]
        table.add_row(p, score_txt, v["reason"], "; ".join(f"{e.get('doc', '')} {e.get('key', '')}" for e in v["evidence"]))
    out.print(table)


def deadlines(db: DB = None, today: Annotated[Optional[str], typer.Option("--today")] = None,
              format: FORMAT = Format.table) -> None:
    """Deadlines passed without evidence of what became of the commitment."""
    rows = _open(db).deadlines(today)
    if _records(rows, format, ("thread", "date", "deadline", "days_overdue", "doc", "sentence")):
        return
    table = Table(title=f"Overdue without evidence ({len(rows)})", expand=True)
    for col in ("thread", "due", "deadline", "doc", "statement"):
        table.add_column(col, overflow="fold", ratio=1 if col == "statement" else None)
    for r in rows:
        table.add_row(r["thread"], r["date"], r["deadline"], r["doc"], escape(r["sentence"][:200]))
    out.print(table)


def export(table: Annotated[str, typer.Argument(help=f"A table ({', '.join(TABLES)}), 'statements' or 'all'.")],
           db: DB = None, format: Annotated[str, typer.Option("--format", "-f", help="csv, jsonl, prodigy, labelstudio")] = "jsonl",
           output: Annotated[Optional[Path], typer.Option("--output", "-o", help="File (a directory for 'all').")] = None) -> None:
    """Export tables as CSV or JSON Lines, or statements for Prodigy or Label Studio."""
    store = _open(db)
    try:
        if table == "all":
            if output is None:
                raise fail("export all needs --output DIRECTORY")
            output.mkdir(parents=True, exist_ok=True)
            for name in TABLES:
                with output_stream(output / f"{name}.{format}") as fh:
                    n = store.export(name, format, fh)
                err.print(f"{name}: {n} rows")
            return
        with output_stream(output) as fh:
            n = store.export(table, format, fh)
    except PledgetrackError as exc:
        raise fail(str(exc))
    err.print(f"exported {n} records")


def import_(file: Annotated[Path, typer.Argument(help="A file exported and reviewed.")], db: DB = None,
            format: Annotated[str, typer.Option("--format", "-f", help="prodigy, labelstudio, csv, jsonl")] = "prodigy",
            table: Annotated[Optional[str], typer.Option("--table", help="For csv/jsonl: corrections, thread_status, evidence")] = None,
            user: USER = None) -> None:
    """Load reviews back (Prodigy, Label Studio) or corrections, statuses and evidence."""
    store = _open(db)
    try:
        with file.open(encoding="utf-8") as fh:
            counts = store.import_(fh, format, table=table, user=user)
    except (PledgetrackError, OSError, ValueError, KeyError) as exc:
        raise fail(f"{file.name}: {exc}")
    err.print(", ".join(f"{v} {k}" for k, v in counts.items()) or "nothing to import")


def stats(db: DB = None, format: FORMAT = Format.table) -> None:
    """A summary of the store: documents, statements, threads, reviews, statuses."""
    summary = _open(db).summary()
    if format is not Format.table:
        out.print_json(data=summary)
        return
    table = Table(title=f"pledgetrack store ({summary['backend']})")
    table.add_column("what")
    table.add_column("value", overflow="fold")
    for k, v in summary.items():
        if k != "backend":
            table.add_row(k.replace("_", " "), ", ".join(f"{a}: {b}" for a, b in v.items()) if isinstance(v, dict)
                          else " – ".join(str(x) for x in v) if isinstance(v, list) else str(v))
    out.print(table)
