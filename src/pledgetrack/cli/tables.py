"""Tables that read at 80 columns: short columns keep a bounded width, the one text column takes
the rest and is cut to one line (``--full`` wraps it instead), and columns marked optional appear
only on wide terminals. For scripts there is ``--format jsonl|json|csv``."""
from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Annotated

import typer
from rich import box
from rich.console import Console
from rich.table import Table

from ..config import settings

FULL = Annotated[bool, typer.Option("--full", help="Wrap long text in tables instead of cutting each row to one line.")]


@dataclass(frozen=True)
class Col:
    """A column: ``most`` its widest (cut with an ellipsis past it), ``text`` the one that takes
    the remaining width, ``optional`` dropped on narrow terminals."""

    name: str
    most: int | None = None
    text: bool = False
    optional: bool = False
    justify: str = "left"


def fit_table(title: str, columns: Sequence[Col], rows: Iterable[Sequence[str]], *, full: bool,
              console: Console) -> Table:
    shown = [i for i, c in enumerate(columns) if not c.optional or console.width >= settings().cli.wide_terminal]
    table = Table(title=title, expand=True, box=box.SIMPLE_HEAD, pad_edge=False, collapse_padding=True,
                  title_justify="left")
    for i in shown:
        c = columns[i]
        if c.text:
            table.add_column(c.name, ratio=1, min_width=20, no_wrap=not full, overflow="fold" if full else "ellipsis")
        else:
            table.add_column(c.name, no_wrap=not full, overflow="fold" if full else "ellipsis", max_width=c.most,
                             justify=c.justify)  # type: ignore[arg-type]
    for row in rows:
        table.add_row(*(row[i] for i in shown))
    return table
