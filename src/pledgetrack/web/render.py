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
from .auth import CSRF_FIELD, LazyCsrfToken, session_user

env = Environment(loader=FileSystemLoader(Path(__file__).parent / "templates"), auto_reload=False,
                  autoescape=select_autoescape(default=True, default_for_string=True))  # templates ship with the package
templates = Jinja2Templates(env=env)

def with_params(params: dict[str, str], **changes: Any) -> str:
    """A query string: the current parameters with some changed (None removes one)."""
    merged = {**params, **{k: v for k, v in changes.items()}}
    merged = {k: v for k, v in merged.items() if v not in (None, "")}
    return ("?" + urlencode(merged)) if merged else ""


def with_param(params: dict[str, str], name: str, value: Any) -> str:
    """``with_params(params, **{name: value})`` for one name, the other parameters quoted once a
    page (a facet list links each of its values)."""
    if value in (None, ""):
        return with_params(params, **{name: value})
    before, after = _around(tuple(params.items()), name)
    return "?" + "&".join(part for part in (before, urlencode({name: value}), after) if part)


@lru_cache(maxsize=1024)
def _around(items: tuple[tuple[str, Any], ...], name: str) -> tuple[str, str]:
    """The query string of the parameters before ``name`` and of those after it (``name`` comes
    last when it is not among them)."""
    keys = [k for k, _ in items]
    at = keys.index(name) if name in keys else len(items)
    kept = [[(k, v) for k, v in part if v not in (None, "")] for part in (items[:at], items[at + 1:])]
    return urlencode(kept[0]), urlencode(kept[1])


@lru_cache(maxsize=16384)
def _quoted(text: str) -> str:
    return do_urlencode(text)


def urlencoded(value: Any) -> str:
    """Jinja's ``urlencode``, remembered for strings: a page of 50 statements quotes the same
    few hundred actors, topics and document names over and over."""
    return _quoted(value) if isinstance(value, str) else do_urlencode(value)


def chip_links(kind: str, values: list[str]) -> Markup:
    """Chips linking to the statements of each actor or topic (``kind``) of a card."""
    return _chip_links(kind, tuple(values))


@lru_cache(maxsize=4096)
def _chip_links(kind: str, values: tuple[str, ...]) -> Markup:
    # a page of cards shows the same few lists of actors and topics
    chip = Markup('<a class="chip {0}" href="/statements?{0}={1}">{2}</a> ')
    return Markup("").join(chip.format(kind, _quoted(v), v) for v in values)


@lru_cache(maxsize=1024)
def act_label(act: str) -> Markup:
    """A card's act, coloured by its family and titled with what the family covers."""
    return Markup('<span class="act {0}" title="{1}">{2}</span>').format(act_class(act), FAMILIES[act_family(act)], act)


def statement_card(s: dict[str, Any], highlight: str | None = None, link: bool = True) -> Markup:
    """A statement as the listings show it: its act, commitment, actors, topics and review, the
    sentence (the search's marks as <mark>), and where it is. Made here rather than in a template
    macro: a page shows 50 of them, and the macro's calls were most of the page's time."""
    e = escape
    review, sid = s.get("review"), e(s["id"])
    commit = s["commitment"]
    badge = f'<span class="badge commitment" title="strength {e(s["strength"])}">commitment</span>' if commit else ""
    reviewed = f'<span class="badge review-{e(review)}">{e(review)}</span>' if review else ""
    sentence = marked(highlight) if highlight else e(s["sentence"])
    where = f'<a href="/documents/{e(_quoted(s["doc"]))}#p-{sid}">{e(s["doc"])}</a>'
    if s.get("paragraph"):
        where += f" ¶{e(s['paragraph'])}"
    date = f"· {e(s['date'])}" if s.get("date") else ""
    thread = f'· <a href="/threads/{e(_quoted(s["thread"]))}">thread</a>' if s.get("thread") else ""
    details = f'· <a href="/statements/{sid}">details</a>' if link else ""
    return Markup(
        f'<article class="card {act_class(s["act"])}{" commit" if commit else ""}'
        f'{" rejected" if review == "rejected" else ""}" id="s{sid}">\n  <div class="meta">\n    {act_label(s["act"])}\n'
        f'    {badge}\n    {chip_links("actor", s["actors"])}{chip_links("topic", s["topics"])}\n    {reviewed}\n  </div>\n'
        f'  <p class="sentence">{sentence}</p>\n  <div class="where">\n    {where}\n    {date}\n    {thread}\n'
        f'    {details}\n  </div>\n</article>')


def marked(text: str) -> Markup:
    """A search highlight: the text escaped, the store's «…» marks as <mark>."""
    return Markup(str(escape(text)).replace(MARK_START, "<mark>").replace(MARK_END, "</mark>"))


env.globals.update(with_params=with_params, with_param=with_param, CSRF_FIELD=CSRF_FIELD, act_class=act_class, act_family=act_family,
                   act_families=FAMILIES, card=statement_card)
env.filters.update(marked=marked, inline_code=inline_code, parties=party_list, urlencode=urlencoded)


def render(request: Request, name: str, *, status_code: int = 200, **context: Any):
    user = session_user(request)
    flash = request.session.pop("flash", None) if "session" in request.scope else None
    ctx = {"user": user, "csrf": LazyCsrfToken(request), "flash": flash, "path": request.url.path,
           "read": request.app.state.config.read, **context}
    return templates.TemplateResponse(request, name, ctx, status_code=status_code)


def flash(request: Request, message: str) -> None:
    request.session["flash"] = message
