"""``pledgetrack serve``: the web app and REST API over a store, with uvicorn."""
from __future__ import annotations

from typing import Annotated, Optional

import typer

from ..errors import PledgetrackError
from .common import err, fail

DB = Annotated[Optional[str], typer.Option("--db", envvar="PLEDGETRACK_DB",
                                           help="SQLite file or postgresql:// URL (default: ./pledgetrack.db).")]


def serve(db: DB = None,
          host: Annotated[str, typer.Option("--host", help="Address to listen on.")] = "127.0.0.1",
          port: Annotated[int, typer.Option("--port", help="Port to listen on.")] = 8000,
          editors: Annotated[Optional[str], typer.Option(
              "--editors", envvar="PLEDGETRACK_EDITORS", show_envvar=True,
              help="Editor accounts: user:password,... or @file (one user:password or user:pbkdf2_sha256$... a line).")] = None,
          tokens: Annotated[Optional[str], typer.Option(
              "--tokens", envvar="PLEDGETRACK_API_TOKENS", show_envvar=True,
              help="API tokens that may write: name:token,... or @file.")] = None,
          read: Annotated[str, typer.Option("--read", envvar="PLEDGETRACK_READ",
                                            help="Who may read: open (anyone) or token (a token or an editor).")] = "open",
          ) -> None:
    """Serve the collection in the browser, with the REST API under /api."""
    try:
        import uvicorn

        from ..web import WebConfig, create_app
    except ImportError as exc:
        raise fail(f"the web app needs fastapi, uvicorn, jinja2 and python-multipart: {exc}")
    try:
        config = WebConfig.from_env(editors=editors, tokens=tokens, read=read)
        app = create_app(db, config=config)
    except (PledgetrackError, ValueError, OSError) as exc:
        raise fail(str(exc))
    shown = f"[{host}]" if ":" in host else host
    address = f"http://{'127.0.0.1' if host in ('0.0.0.0', '') else shown}:{port}/"
    err.print(f"pledgetrack: serving {app.state.store.url.split('///')[-1] if app.state.store.backend == 'sqlite' else app.state.store.backend} "
              f"at [bold]{address}[/] (API docs {address}api/docs); "
              f"{len(config.editors)} editor(s), {len(config.tokens)} token(s), reading {config.read}. Ctrl-C stops.",
              highlight=False)
    if not config.editors:
        err.print("no editors: pass --editors user:password (or PLEDGETRACK_EDITORS) to review in the browser",
                  highlight=False)
    uvicorn.run(app, host=host, port=port, log_level="warning")
