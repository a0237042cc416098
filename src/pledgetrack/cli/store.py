"""The store's commands: ingest, search, statements, review, threads, status, compliance,
deadlines, export, import and stats. ``--db`` (or ``$PLEDGETRACK_DB``) picks the database."""
from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, Optional

import typer
from rich import box
from rich.markup import escape
from rich.table import Table

from ..config import settings
from ..countries import party_list
from ..errors import PledgetrackError
from ..serialize import write_csv, write_json, write_jsonl
from .common import (
    Format,
    advance,
    check_export_format,
    err,
    error_line,
    fail,
    out,
    output_stream,
    progress,
    warn,
    write_export,
    write_whole,
)
from .extract import TIME_LIMIT, use_time_limit
from .tables import FULL, Col, fit_table

if TYPE_CHECKING:
    from collections.abc import Callable, Iterable

    from ..store import Store
    from ..store.query import Page

# The store (SQLAlchemy) is imported by the commands that open one, so that help comes at once.
# The tables a user can export, as ``store.schema.TABLES`` has them (a test holds the two in step).
TABLES = ("documents", "document_sources", "statements", "glossary", "agreements", "statement_agreements", "threads", "thread_steps",
          "thread_status", "evidence", "corrections", "audit_log")

DB = Annotated[Optional[str], typer.Option("--db", envvar="PLEDGETRACK_DB",
                                           help="SQLite file or postgresql:// URL (default: ./pledgetrack.db).")]
USER = Annotated[Optional[str], typer.Option("--user", "-u", envvar="USER", help="Who makes the change.")]
FORMAT = Annotated[Format, typer.Option("--format", "-f", help="Output format.")]
ACTOR = Annotated[Optional[str], typer.Option("--actor", help="Party code, e.g. KOR.")]
ACT = Annotated[Optional[str], typer.Option("--act", help="Act, e.g. pledge.")]
COMMIT = Annotated[Optional[bool], typer.Option("--commitment/--no-commitment", help="Commitments only / none.")]
TOPIC = Annotated[Optional[str], typer.Option("--topic", help="Topic label, e.g. deterrence.")]
SERIES = Annotated[Optional[str], typer.Option("--series", help="Meeting series, e.g. SCM.")]
DOC = Annotated[Optional[str], typer.Option("--doc", help="Document name.")]
SINCE = Annotated[Optional[str], typer.Option("--from", help="From date (YYYY-MM-DD).")]
UNTIL = Annotated[Optional[str], typer.Option("--to", help="To date (YYYY-MM-DD).")]


def _open(db: str | None) -> Store:
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
           meta: Annotated[Optional[list[Path]], typer.Option("--meta", help="Metadata sidecar (.tsv, .csv or .json; columns file, title, date, url, place, series, number): its values win over the text's. Repeatable.")] = None,
           force: Annotated[bool, typer.Option("--force", help="Extract stored documents again.")] = False,
           topics: Annotated[Optional[str], typer.Option(
               "--topics", help="Own topic taxonomy (TOML or Markdown file, or an installed taxonomy's name).")] = None,
           engine: Annotated[str, typer.Option("--engine", help="Where extraction runs: local (this process) or ray.")] = "local",
           address: Annotated[Optional[str], typer.Option("--address", help="A Ray cluster to use (e.g. auto, ray://HOST:10001); without it, one is started here.")] = None,
           workers: Annotated[Optional[int], typer.Option("--workers", "-j", min=1, help="Ray workers (default: one per CPU).")] = None,
           time_limit: TIME_LIMIT = None) -> None:
    """Store documents: new ones added, changed ones as a new version, unchanged ones skipped."""
    use_time_limit(time_limit)
    from sqlalchemy.exc import SQLAlchemyError

    from ..ingest.sidecar import read_sidecars
    from ..store.ingest import expand_paths
    try:
        sidecar = read_sidecars(meta or [])
    except PledgetrackError as exc:
        raise fail(str(exc))
    store = _open(db)
    files = expand_paths(paths)
    if sidecar is not None:  # a row for a file not given is most likely a typo in the sidecar
        unmatched = sorted(set(sidecar.by_name) - {f.name for f in files})
        if unmatched:
            warn(f"--meta: {len(unmatched)} rows name no file being ingested: {', '.join(unmatched[:3])}"
                 + (", ..." if len(unmatched) > 3 else ""))
    done: list[str] = []

    def step(name: str, what: str) -> None:
        done.append(name)
        advance(bar, f"{name}: {what}")

    try:
        with progress("ingesting", len(files)) as bar:
            report = store.ingest(files, date=date, force=force, taxonomy=topics, on_error=error_line, progress=step,
                                  meta=sidecar, engine=engine, address=address, workers=workers)
    except KeyboardInterrupt:
        # Each document is one transaction: what was stored is whole, the rest is not there at all.
        error_line(f"interrupted after {len(done)} of {len(files)} files; "
                   "run the same command again to finish (stored documents are skipped)")
        raise typer.Exit(130) from None
    except PledgetrackError as exc:  # e.g. --engine ray without the ray extra
        raise fail(str(exc))
    except SQLAlchemyError as exc:  # the database went away or refused: what was stored is whole
        reason = str(getattr(exc, "orig", None) or exc).strip().splitlines()[0]
        raise fail(f"ingest stopped after {len(done)} of {len(files)} files: {reason}; "
                   "run the same command again to finish") from None
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
           limit: Annotated[int, typer.Option("--limit", "-n", min=0, help="Show at most this many hits (0: all); the total is reported.")] = 20, format: FORMAT = Format.table) -> None:
    """Full-text (or semantic) search of statements, matching words highlighted."""
    store = _open(db)
    try:
        found = store.search(text, semantic_search=semantic, limit=0,
                             **_filters(actor, act, commitment, topic, series, doc, since, until))
    except PledgetrackError as exc:
        raise fail(str(exc))
    hits = found[:limit] if limit else found
    rows = [{**h.statement, "highlight": h.highlight, "score": h.score} for h in hits]
    if _records(rows, format, ("key", "doc", "date", "act", "actors", "score", "highlight")):
        return
    for h in hits:
        s = h.statement
        out.print(f"[dim]{s['key']}[/] {escape(s['doc'])} {s['date'] or ''} [cyan]{s['act']}[/] "
                  f"{party_list(s['actors'])}  {_marked(h.highlight)}", highlight=False)
    err.print(f"{len(found)} hits" + (f", {len(hits)} shown (--limit)" if len(hits) < len(found) else ""))


LIMIT = Annotated[Optional[int], typer.Option("--limit", "-n", min=0,
                                              help="At most this many rows (0: all) \\[default: cli.table_rows of the configuration (50) in a "
                                                   "table, all otherwise].")]
AFTER = Annotated[Optional[str], typer.Option("--after", help="Continue after this cursor (printed under a page).")]
SORT = Annotated[str, typer.Option("--sort", help="date, doc, act, strength, commitment or series; -strength descends.")]


def _listing(page: Callable[[int], Page], every: Callable[[int | None], Iterable[dict[str, Any]]], n: int,
             after: str | None) -> tuple[list[dict[str, Any]], str | None]:
    """The rows of a listing command and the cursor of its next page: one page of ``n`` (up to
    1,000, from ``after``), or every row (``n`` 0) or the first ``n``."""
    try:
        if n and n <= 1000:
            got = page(n)
            return got.rows, got.next
        if after:
            raise fail("--after needs --limit (at most 1000): it continues a page")
        return list(every(n or None)), None
    except PledgetrackError as exc:
        raise fail(str(exc))


def statements(db: DB = None, actor: ACTOR = None, act: ACT = None, commitment: COMMIT = None, topic: TOPIC = None,
               series: SERIES = None, doc: DOC = None, since: SINCE = None, until: UNTIL = None,
               review: Annotated[Optional[str], typer.Option("--review", help="unreviewed|accepted|corrected|rejected")] = None,
               sort: SORT = "date", limit: LIMIT = None, after: AFTER = None,
               format: Annotated[str, typer.Option("--format", "-f", metavar="FORMAT",
                                                   help="table, jsonl, json, csv, or an export format: md, docx, "
                                                        "or one a plugin adds.")] = "table",
               output: Annotated[Optional[Path], typer.Option("--output", "-o", help="Write an export format to this file.")] = None,
               full: FULL = False) -> None:
    """Statements in the store, review corrections applied, a page at a time in a table."""
    own = format in {f.value for f in Format}
    if not own:
        check_export_format(format, output)
    f = _filters(actor, act, commitment, topic, series, doc, since, until)
    if review:
        f["review"] = review
    store = _open(db)
    n = limit if limit is not None else (settings().cli.table_rows if format == Format.table.value else 0)
    rows, cursor = _listing(lambda size: store.statements_page(sort=sort, cursor=after, limit=size, **f),
                            lambda size: store.iter_statements(sort=sort, limit=size, **f), n, after)
    if not own:
        from ..exports.tables import statements_table
        write_export(statements_table(rows, {k: str(v) for k, v in f.items()}), format, output)
        return
    format = Format(format)
    if _records(rows, format, ("key", "id", "doc", "date", "act", "actors", "commitment", "strength",
                               "topics", "review", "thread", "sentence")):
        if cursor:
            err.print(f"next page: --after {cursor}", highlight=False)
        return
    total = store.count(**f)
    cols = [Col("key", 16), Col("doc", 20, optional=True), Col("date", 10), Col("act", 10), Col("actors", 9),
            Col("C", 1), Col("review", 9, optional=True), Col("statement", text=True)]
    table = ([r["key"], escape(r["doc"]), r["date"] or "", r["act"], party_list(r["actors"]), "✔" if r["commitment"] else "",
              r["review"] or "", escape(r["sentence"])] for r in rows)
    out.print(fit_table(f"Statements ({len(rows)} of {total:,})", cols, table, full=full, console=out))
    if cursor:
        err.print(f"next page: --after {cursor}", highlight=False)


def review(statement: Annotated[str, typer.Argument(help="Statement key, id or doc:offset.")],
           action: Annotated[str, typer.Argument(help="accept, correct or reject.")], db: DB = None,
           actors: Annotated[Optional[str], typer.Option("--actors", help="Comma-separated codes.")] = None,
           commitment: Annotated[Optional[bool], typer.Option("--commitment/--no-commitment", help="Mark it a commitment / not a commitment.")] = None,
           topics: Annotated[Optional[str], typer.Option("--topics", help="Comma-separated topic labels (replace the extracted ones).")] = None,
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


THREAD_SORT = Annotated[str, typer.Option("--sort", help="id, first_date, last_date or statements; -statements descends.")]


def threads(db: DB = None, singletons: Annotated[bool, typer.Option("--singletons", help="Also lone commitments.")] = False,
            status: Annotated[Optional[str], typer.Option("--status", help="Only threads with this status, e.g. open.")] = None,
            series: SERIES = None, topic: TOPIC = None,
            actor: Annotated[Optional[str], typer.Option("--actor", help="Party code of one of its commitments, e.g. KOR.")] = None,
            sort: THREAD_SORT = "id", limit: LIMIT = None, after: AFTER = None,
            format: FORMAT = Format.table, full: FULL = False) -> None:
    """Commitment threads with their status, a page at a time in a table (the first --limit)."""
    f: dict[str, Any] = {k: v for k, v in {"status": status, "series": series, "topic": topic, "actor": actor}.items() if v}
    store = _open(db)
    n = limit if limit is not None else (settings().cli.table_rows if format is Format.table else 0)
    rows, cursor = _listing(lambda size: store.threads_page(sort=sort, cursor=after, limit=size, singletons=singletons, **f),
                            lambda size: store.iter_threads(sort=sort, limit=size, singletons=singletons, **f), n, after)
    listed = [{k: v for k, v in r.items() if k != "steps"} for r in rows]
    if _records(listed, format, ("id", "status", "series", "first_date", "last_date", "statements", "actors", "title")):
        if cursor:
            err.print(f"next page: --after {cursor}", highlight=False)
        return
    total = store.count_threads(singletons=singletons, **f)
    cols = [Col("id", 18), Col("status", 11), Col("n", 3, justify="right"), Col("years", 9),
            Col("actors", 9, optional=True), Col("title", text=True)]
    years = lambda r: "–".join(dict.fromkeys(((r["first_date"] or "?")[:4], (r["last_date"] or "?")[:4])))  # noqa: E731
    table = ([r["id"], r["status"], str(r["statements"]), years(r), party_list(r["actors"]), escape(r["title"])]
             for r in rows)
    out.print(fit_table(f"Threads ({len(rows)} of {total or 0:,})", cols, table, full=full, console=out))
    if cursor:
        err.print(f"next page: --after {cursor}", highlight=False)


def status(thread: Annotated[str, typer.Argument(help="Thread id.")], db: DB = None,
           set_: Annotated[Optional[str], typer.Option("--set", help="open, in_progress, fulfilled, "
                                                       "partially_fulfilled, lapsed, superseded")] = None,
           note: Annotated[Optional[str], typer.Option("--note", help="A note kept with the change.")] = None,
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
    if suggested := view.get("suggested_status"):
        out.print(f"  [green]suggested status[/] {suggested['status']}: {escape(suggested['why'])}", highlight=False)
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


def chart(kind: Annotated[str, typer.Argument(metavar="KIND", show_default=False,
                                               help="topics (commitments per meeting by topic), parties (per year by "
                                                    "party), outcomes (threads per series by outcome) or thread.")],
          db: DB = None, series: SERIES = None,
          thread_id: Annotated[Optional[str], typer.Option("--thread", help="The thread, for KIND thread.")] = None,
          output: Annotated[Optional[Path], typer.Option("--output", "-o", help="A .svg or .png file; without it, SVG on standard output.")] = None) -> None:
    """Draw a chart of the store as SVG or PNG (PNG needs the charts extra)."""
    from ..web import charts
    if kind not in (*charts.KINDS, "thread"):
        raise fail(f"no chart {kind}; there are {', '.join((*charts.KINDS, 'thread'))}")
    if kind == "thread" and not thread_id:
        raise fail("chart thread needs --thread ID")
    if output is not None and output.suffix.lower() not in (".svg", ".png"):
        raise fail(f"{output.name}: the chart file ends in .svg or .png")
    store = _open(db)
    try:
        drawn = charts.thread_chart(store, thread_id) if kind == "thread" and thread_id else charts.collection_chart(store, kind, series)
        svg = charts.chart_svg(drawn)
        data = charts.svg_to_png(svg) if output is not None and output.suffix.lower() == ".png" else svg.encode("utf-8")
    except PledgetrackError as exc:
        raise fail(str(exc))
    if output is None:
        out.file.write(svg)
        return
    write_whole(output, data)
    err.print(f"wrote {output}" + (" (nothing to draw yet)" if drawn.empty else ""), highlight=False)


def compliance(thread: Annotated[str, typer.Argument(help="Thread id.")], db: DB = None,
               party: Annotated[Optional[str], typer.Option("--party", help="Score this party ...")] = None,
               score: Annotated[Optional[int], typer.Option("--score", help="... +1, 0 or -1.")] = None,
               note: Annotated[Optional[str], typer.Option("--note", help="A note kept with the change.")] = None, user: USER = None,
               format: FORMAT = Format.table, full: FULL = False) -> None:
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
    cols = [Col("party", 6), Col("score", 5), Col("reason", text=True), Col("evidence", 40, optional=True)]
    table = ([p, {1: "+1", 0: "0", -1: "−1", None: "n/a"}[v["score"]], escape(v["reason"]),
              escape("; ".join(f"{e.get('doc', '')} {e.get('key', '')}" for e in v["evidence"]))]
             for p, v in result["parties"].items())
    out.print(fit_table(f"{thread}: {result['status']}, average {result['average']}", cols, table, full=full,
                        console=out))


def deadlines(db: DB = None, today: Annotated[Optional[str], typer.Option("--today", help="Count from this day (YYYY-MM-DD) instead of today.")] = None,
              limit: LIMIT = None, after: AFTER = None, format: FORMAT = Format.table, full: FULL = False) -> None:
    """Deadlines passed without evidence of what became of the commitment, the latest first."""
    store = _open(db)
    n = limit if limit is not None else (settings().cli.table_rows if format == Format.table.value else 0)
    rows, cursor = _listing(lambda size: store.deadlines_page(today, cursor=after, limit=size),
                            lambda size: store.deadlines(today, limit=size), n, after)
    if not _records(rows, format, ("thread", "date", "deadline", "days_overdue", "doc", "sentence")):
        cols = [Col("thread", 18), Col("due", 10), Col("deadline", 14), Col("doc", 20, optional=True),
                Col("statement", text=True)]
        table = ([r["thread"], r["date"], escape(r["deadline"]), escape(r["doc"]), escape(r["sentence"])] for r in rows)
        more = " (more: see below)" if cursor else ""
        out.print(fit_table(f"Overdue without evidence ({len(rows)}{more})", cols, table, full=full, console=out))
    if cursor:
        err.print(f"next page: --after {cursor}", highlight=False)


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
    table = Table(title=f"pledgetrack store ({summary['backend']})", box=box.SIMPLE_HEAD, title_justify="left")
    table.add_column("what", no_wrap=True)
    table.add_column("value", overflow="fold")
    for k, v in summary.items():
        if k != "backend":
            table.add_row(k.replace("_", " "), ", ".join(f"{a}: {b}" for a, b in v.items()) if isinstance(v, dict)
                          else " – ".join(str(x) for x in v) if isinstance(v, list) else str(v))
    out.print(table)
