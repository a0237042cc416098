"""The ``pledgetrack`` command: one Typer app, each command in a module of its own."""
from __future__ import annotations

import typer

from .. import __version__
from . import extract as extract_cmd
from . import link as link_cmd
from . import store as store_cmd
from . import web as web_cmd

app = typer.Typer(name="pledgetrack", no_args_is_help=True, add_completion=False,
                  help="Who promised what in alliance and summit joint statements, and what became of it.")
app.command("extract")(extract_cmd.extract)
app.command("glossary")(extract_cmd.glossary)
for _name in ("link", "diff", "timeline"): app.command(_name)(getattr(link_cmd, _name))
for _name in ("ingest", "search", "statements", "review", "threads", "status", "compliance", "deadlines",
              "export", "stats"):
    app.command(_name)(getattr(store_cmd, _name))
app.command("import")(store_cmd.import_)
app.command("serve")(web_cmd.serve)


def _version(value: bool) -> None:
    if value:
        typer.echo(f"pledgetrack {__version__}")
        raise typer.Exit()


@app.callback()
def main(version: bool = typer.Option(False, "--version", callback=_version, is_eager=True,
                                      help="Show the version and exit.")) -> None:
    """pledgetrack: extract, link, diff and track commitments in joint statements."""
