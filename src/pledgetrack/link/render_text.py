"""The diff for people in a terminal (Rich)."""
from __future__ import annotations

from rich.console import Console
from rich.markup import escape
from rich.table import Table

from ..models import StepLabel, meeting_name
from .diff import DiffResult
from .similarity import shown_content

STYLE: dict[str, str] = {StepLabel.DROPPED: "bold red", StepLabel.WEAKENED: "red", StepLabel.NEW: "bold green",
         StepLabel.STRENGTHENED: "green", StepLabel.FULFILLED: "bold cyan", StepLabel.REWORDED: "yellow",
         StepLabel.REAFFIRMED: "dim"}


def _title(r) -> str:
    m = r.document.meta
    return f"{r.document.name} ({m.date or '?'}{', ' + meeting_name(m.series, m.number) if m.series else ''})"


def diff_text(result: DiffResult, console: Console, *, show_reaffirmed: bool = True) -> None:
    counts = result.counts()
    console.print(f"[bold]{escape(_title(result.old))}[/] -> [bold]{escape(_title(result.new))}[/]")
    console.print("  ".join(f"[{STYLE[k]}]{k} {counts.get(k, 0)}[/]" for k in STYLE), highlight=False)
    table = Table(show_lines=True, expand=True)
    table.add_column("change", no_wrap=True)
    table.add_column("old", ratio=1, overflow="fold")
    table.add_column("new", ratio=1, overflow="fold")
    table.add_column("why", ratio=1, overflow="fold")
    for c in result.changes:
        if c.change == StepLabel.REAFFIRMED and not show_reaffirmed:
            continue
        label = f"[{STYLE[c.change]}]{c.change}[/]" + (" ✔" if c.commitment else "")
        o = f"[bold]{escape(c.old.trigger)}[/] {escape(shown_content(c.old)[:220])}" if c.old else ""
        n = f"[bold]{escape(c.new.trigger)}[/] {escape(shown_content(c.new)[:220])}" if c.new else ""
        table.add_row(label, o, n, escape("; ".join(c.reasons)))
    console.print(table)
