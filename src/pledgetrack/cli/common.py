"""Shared pieces of the command line: consoles, error lines, progress bars, output files."""
from __future__ import annotations

import sys
from collections.abc import Iterator
from contextlib import contextmanager
from enum import Enum
from pathlib import Path
from typing import IO

import typer
from rich.console import Console
from rich.markup import escape

from ..errors import one_line
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

# Data goes to standard output; progress, warnings and errors to standard error.
out = Console(soft_wrap=True)
err = Console(stderr=True, soft_wrap=True)


class Format(str, Enum):
    table = "table"
    jsonl = "jsonl"
    json = "json"
    csv = "csv"


def fail(message: str, code: int = 1) -> "typer.Exit":
    """Prints one error line and returns the exit to raise."""
    error_line(message)
    return typer.Exit(code)


def error_line(message: str) -> None:
    """One error line; the message is shown as written (a file name's brackets are not markup)."""
    err.print(f"[bold red]error:[/] {escape(one_line(message))}", highlight=False)


def warn(message: str) -> None:
    err.print(f"[yellow]warning:[/] {escape(one_line(message))}", highlight=False)


@contextmanager
def progress(description: str, total: int) -> Iterator[Progress]:
    """A progress bar on standard error, hidden when it is not a terminal and CI is quiet."""
    bar = Progress(TextColumn("[progress.description]{task.description}"), BarColumn(),
                   MofNCompleteColumn(), TimeElapsedColumn(), console=err, transient=True,
                   disable=not err.is_terminal)
    with bar:
        bar.add_task(description, total=total)
        yield bar


def advance(bar: Progress, label: str | None = None) -> None:
    task = bar.tasks[0].id
    bar.update(task, advance=1, description=label or bar.tasks[0].description)


@contextmanager
def output_stream(path: Path | None) -> Iterator[IO[str]]:
    """Standard output, or a file written whole or not at all (via a temporary file)."""
    if path is None:
        yield sys.stdout
        return
    tmp = path.with_name(path.name + ".part")
    try:
        with tmp.open("w", encoding="utf-8", newline="") as fh:
            yield fh
        tmp.replace(path)
    finally:
        if tmp.exists():
            tmp.unlink()
