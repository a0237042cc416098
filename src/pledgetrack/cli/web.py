"""``pledgetrack serve``: the web app and REST API over a store, with uvicorn."""
from __future__ import annotations

import os
import secrets
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
          proxy: Annotated[Optional[str], typer.Option(
              "--proxy", metavar="ADDRESSES",
              help="Served behind a reverse proxy at these addresses (comma-separated IPs or networks, "
                   "as uvicorn's forwarded_allow_ips): only they may set X-Forwarded-For/-Proto, and cookies "
                   "are Secure. Without it, forwarded headers are ignored.")] = None,
          workers: Annotated[int, typer.Option("--workers", "-w", min=1,
                                               help="Server processes (each with its own connections).")] = 1,
          ) -> None:
    """Serve the collection in the browser, with the REST API under /api."""
    try:
        import uvicorn

        from ..store import Store
        from ..web import WebConfig, create_app
    except ImportError as exc:
        raise fail(f"the web app needs fastapi, uvicorn, jinja2 and python-multipart: {exc}")
    if proxy is not None and not proxy.strip():
        raise fail("--proxy needs the proxy's address (for example 127.0.0.1 or 10.0.0.0/8)")
    try:
        config = WebConfig.from_env(editors=editors, tokens=tokens, read=read)
        if proxy:
            config.behind_proxy = True
        with Store.open(db) as store:  # migrated once here, before any worker opens it
            url, backend = store.url, store.backend
    except (PledgetrackError, ValueError, OSError) as exc:
        raise fail(str(exc))
    shown = f"[{host}]" if ":" in host else host
    address = f"http://{'127.0.0.1' if host in ('0.0.0.0', '') else shown}:{port}/"
    err.print(f"pledgetrack: serving {url.split('///')[-1] if backend == 'sqlite' else backend} "
              f"at [bold]{address}[/] (API docs {address}api/docs); "
              f"{len(config.editors)} editor(s), {len(config.tokens)} token(s), reading {config.read}"
              f"{f', {workers} workers' if workers > 1 else ''}"
              f"{f', behind the proxy at {proxy}' if proxy else ''}. Ctrl-C stops.",
              highlight=False)
    if not config.editors:
        err.print("no editors: pass --editors user:password (or PLEDGETRACK_EDITORS) to review in the browser",
                  highlight=False)
    forwarded = proxy or None
    if workers == 1:
        uvicorn.run(create_app(url, config=config), host=host, port=port,
                    proxy_headers=bool(proxy), forwarded_allow_ips=forwarded, log_level="warning")
        return
    # Workers build the app from the environment: the same store, accounts (hashed) and one
    # session secret, so a session made by one worker is good in all of them.
    os.environ.update({"PLEDGETRACK_DB": url, "PLEDGETRACK_READ": config.read,
                       "PLEDGETRACK_EDITORS": config.editors_spec(), "PLEDGETRACK_API_TOKENS": tokens or "",
                       "PLEDGETRACK_SECRET": config.secret or secrets.token_urlsafe(32),
                       "PLEDGETRACK_PROXY": "1" if proxy else "0"})
    uvicorn.run("pledgetrack.web.app:app_from_env", factory=True, host=host, port=port, workers=workers,
                proxy_headers=bool(proxy), forwarded_allow_ips=forwarded, log_level="warning")
