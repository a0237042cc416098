"""The ``pledgetrack`` command: one Typer app, each command in a module of its own."""
from __future__ import annotations

import typer

from .. import __version__
from . import extract as extract_cmd

app = typer.Typer(name="pledgetrack", no_args_is_help=True, add_completion=False,
                  help="Who promised what in alliance and summit joint statements, and what became of it.")
app.command("extract")(extract_cmd.extract)
app.command("glossary")(extract_cmd.glossary)


def _version(value: bool) -> None:
    if value:
        typer.echo(f"pledgetrack {__version__}")
        raise typer.Exit()


@app.callback()
def main(version: bool = typer.Option(False, "--version", callback=_version, is_eager=True,
                                      help="Show the version and exit.")) -> None:
    """pledgetrack: extract, link, diff and track commitments in joint statements."""
