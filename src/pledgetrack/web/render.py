"""Templates: one Jinja2 environment (autoescape on) and the context every page gets."""
from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

from fastapi import Request
from fastapi.templating import Jinja2Templates
from jinja2 import Environment, FileSystemLoader, select_autoescape
from jinja2.filters import do_urlencode
from markupsafe import Markup, escape

from ..countries import party_list
from ..store.fts import MARK_END, MARK_START
from .acts import FAMILIES, act_class, act_family
from .apidocs import inline_code
from .auth import CSRF_FIELD, csrf_token, session_user

env = Environment(loader=FileSystemLoader(Path(__file__).parent / "templates"), auto_reload=False,
                  autoescape=select_autoescape(default=True, default_for_string=True))  # templates ship with the package
templates = Jinja2Templates(env=env)

def with_params(params: dict[str, str], **changes: Any) -> str:
    """A query string: the current parameters with some changed (None removes one)."""
    merged = {**params, **{k: v for k, v in changes.items()}}
    merged = {k: v for k, v in merged.items() if v not in (None, "")}
    return ("?" + urlencode(merged)) if merged else ""


@lru_cache(maxsize=16384)
def _quoted(text: str) -> str:
    return do_urlencode(text)


def urlencoded(value: Any) -> str:
    """Jinja's ``urlencode``, remembered for strings: a page of 50 statements quotes the same
    few hundred actors, topics and document names over and over."""
    return _quoted(value) if isinstance(value, str) else do_urlencode(value)


def marked(text: str) -> Markup:
    """A search highlight: the text escaped, the store's «…» marks as <mark>."""
    return Markup(str(escape(text)).replace(MARK_START, "<mark>").replace(MARK_END, "</mark>"))


env.globals.update(with_params=with_params, CSRF_FIELD=CSRF_FIELD, act_class=act_class, act_family=act_family,
                   act_families=FAMILIES)
env.filters.update(marked=marked, inline_code=inline_code, parties=party_list, urlencode=urlencoded)


def render(request: Request, name: str, *, status_code: int = 200, **context: Any):
    user = session_user(request)
    flash = request.session.pop("flash", None) if "session" in request.scope else None
    ctx = {"user": user, "csrf": csrf_token(request), "flash": flash, "path": request.url.path,
           "read": request.app.state.config.read, **context}
    return templates.TemplateResponse(request, name, ctx, status_code=status_code)


def flash(request: Request, message: str) -> None:
    request.session["flash"] = message
