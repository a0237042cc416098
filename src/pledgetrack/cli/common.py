"""Shared pieces of the command line: consoles, error lines, progress bars, output files."""
from __future__ import annotations

import sys
from collections.abc import Iterator
from contextlib import contextmanager
from enum import Enum
from pathlib import Path
from typing import IO, TYPE_CHECKING

import typer
from rich.console import Console
from rich.markup import escape
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

from ..errors import one_line

if TYPE_CHECKING:
    from ..exports import ExportTable

# Data goes to standard output; progress, warnings and errors to standard error.
out = Console(soft_wrap=True)
err = Console(stderr=True, soft_wrap=True)


class Format(str, Enum):
    table = "table"
    jsonl = "jsonl"
    json = "json"
    csv = "csv"


def fail(message: str, code: int = 1) -> typer.Exit:
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
    """A progress bar on standard error; when that is not a terminal (a log, a pipe), one line
    per step instead ("[3/42] scm45-2013.txt: added")."""
    bar = Progress(TextColumn("[progress.description]{task.description}"), BarColumn(),
                   MofNCompleteColumn(), TimeElapsedColumn(), console=err, transient=True,
                   disable=not err.is_terminal)
    if bar.disable:
        err.print(f"{description} {total} files", highlight=False)
    with bar:
        bar.add_task(description, total=total)
        yield bar


def advance(bar: Progress, label: str | None = None) -> None:
    task = bar.tasks[0]
    bar.update(task.id, advance=1, description=label or task.description)
    if bar.disable:
        err.print(f"[{int(task.completed)}/{int(task.total or 0)}] {label or task.description}", highlight=False,
                  markup=False)


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


def check_export_format(name: str, output: Path | None) -> None:
    """Fails with one line for an unknown output format, or a binary one bound for a terminal."""
    from ..errors import PledgetrackError
    from ..exports import output_format

    try:
        spec = output_format(name)
    except PledgetrackError as exc:
        raise fail(str(exc))
    if output is None and spec.media_type.startswith("application/") and spec.name != "json" and out.is_terminal:
        raise fail(f"{name} is a binary format: pass --output FILE{spec.suffix}")


def write_export(table: ExportTable, name: str, output: Path | None) -> None:
    """An export in the format ``name`` to ``output`` (written whole or not at all) or stdout."""
    from ..exports import render

    data = render(table, name)
    if output is None:
        sys.stdout.flush()
        sys.stdout.buffer.write(data)
        sys.stdout.buffer.flush()
        return
    write_whole(output, data)
    err.print(f"wrote {output}", highlight=False)


def write_whole(output: Path, data: bytes) -> None:
    """Writes ``data`` to ``output`` whole or not at all (through a ``.part`` file renamed into place)."""
    tmp = output.with_name(output.name + ".part")
    try:
        tmp.write_bytes(data)
        tmp.replace(output)
    finally:
        if tmp.exists():
            tmp.unlink()
