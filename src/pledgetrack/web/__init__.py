"""The web app and REST API: ``pledgetrack serve``, or ``create_app`` for any ASGI server.

    >>> from pledgetrack.web import create_app, WebConfig
    >>> app = create_app("pledgetrack.db", config=WebConfig(editors={}, read="open"))

Modules: ``config`` (access, editors, tokens, secret, limits), ``auth`` (sessions, tokens, CSRF),
``sessions`` (server-side editor sessions), ``throttle`` (sign-in throttle), ``guard`` (body cap,
turns, security headers, Secure cookies), ``memory`` (trimming after load),
``queries`` (thin helpers over the store), ``reader`` (the highlighted document text),
``formats`` (JSON and CSV listings), ``render`` (templates), ``api`` (/api), ``pages`` (HTML),
``app`` (the factory).
"""
from __future__ import annotations

from .app import create_app
from .config import WebConfig, hash_password

__all__ = ["WebConfig", "create_app", "hash_password"]
