"""The ``pledgetrack`` command: one Typer app, each command in a module of its own."""
from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path
from typing import Annotated, Any, Optional

import typer

from .. import __version__
from .. import config as configuration
from ..errors import ConfigError
from . import extract as extract_cmd
from . import link as link_cmd
from . import store as store_cmd
from . import web as web_cmd
from .common import fail
from .help import CleanHelpCommand

app = typer.Typer(name="pledgetrack", no_args_is_help=True, add_completion=False,
                  help="Who promised what in alliance and summit joint statements, and what became of it.")
# Command name -> function, in the order `pledgetrack --help` lists them.
COMMANDS: dict[str, Callable[..., Any]] = {
    "extract": extract_cmd.extract, "glossary": extract_cmd.glossary,
    "link": link_cmd.link, "diff": link_cmd.diff, "timeline": link_cmd.timeline,
    "ingest": store_cmd.ingest, "stats": store_cmd.stats, "statements": store_cmd.statements,
    "search": store_cmd.search, "review": store_cmd.review, "threads": store_cmd.threads,
    "status": store_cmd.status, "thread": store_cmd.thread, "chart": store_cmd.chart, "compliance": store_cmd.compliance, "deadlines": store_cmd.deadlines,
    "export": store_cmd.export, "import": store_cmd.import_,
    "serve": web_cmd.serve,
}
for _name, _command in COMMANDS.items():
    app.command(_name, cls=CleanHelpCommand)(_command)


def _version(value: bool) -> None:
    if value:
        typer.echo(f"pledgetrack {__version__}")
        raise typer.Exit()


@app.callback()
def main(ctx: typer.Context,
         version: bool = typer.Option(False, "--version", callback=_version, is_eager=True,
                                      help="Show the version and exit."),
         config: Annotated[Optional[Path], typer.Option(
             "--config", metavar="FILE", envvar=configuration.ENV_VAR, show_envvar=True,
             help="A TOML file of settings merged over the defaults (docs/configuration.md).")] = None) -> None:
    """pledgetrack: extract, link, diff and track commitments in joint statements."""
    try:
        configuration.activate(config)
    except ConfigError as exc:
        raise fail(str(exc), code=2)
    previous = os.environ.get(configuration.ENV_VAR)
    if config is not None:  # worker processes started afresh (serve --workers) read the same file
        os.environ[configuration.ENV_VAR] = str(config.expanduser().resolve())
    ctx.call_on_close(lambda: _restore(previous))


def _restore(env: str | None) -> None:
    """After the command: the configuration of the process before it, as when it began."""
    configuration.activate(None)
    if env is None:
        os.environ.pop(configuration.ENV_VAR, None)
    else:
        os.environ[configuration.ENV_VAR] = env
