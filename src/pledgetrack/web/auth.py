"""Who is asking: editor sessions (signed cookies), API tokens, and CSRF tokens for forms.

* Pages keep a session id and ``csrf`` in the signed session cookie (Starlette's SessionMiddleware);
  who the id belongs to is kept server-side (``sessions.SessionRegistry``), so signing out ends it.
* Every form carries the session's CSRF token; every POST checks it (``check_csrf``). API calls
  made with the session cookie send it as the ``X-CSRF-Token`` header; calls with an API token
  (``Authorization: Bearer ...``) need none, as a browser never adds that header by itself.
* Reading is open unless the config says ``token``; writing needs an editor or a token.
"""
from __future__ import annotations

import hmac
import secrets
from urllib.parse import quote

from fastapi import HTTPException, Request
from starlette.concurrency import run_in_threadpool

from .config import WebConfig

CSRF_FIELD = "csrf_token"
CSRF_HEADER = "X-CSRF-Token"


class LoginRequired(Exception):
    """A page that needs a signed-in user: answered with a redirect to the login page."""

    def __init__(self, next_url: str) -> None:
        self.next_url = next_url


def config(request: Request) -> WebConfig:
    return request.app.state.config


_NO_USER = object()


def session_user(request: Request) -> str | None:
    """The signed-in editor of this request's live session (looked up once per request)."""
    cached = getattr(request.state, "session_user", _NO_USER)
    if cached is not _NO_USER:
        return cached  # type: ignore[return-value]
    user = None
    if "session" in request.scope and (sid := request.session.get("sid")):
        user = request.app.state.sessions.user(sid)
        if user not in config(request).editors:
            user = None
    request.state.session_user = user
    return user


def sign_in(request: Request, user: str) -> None:
    """A fresh session (new id, new CSRF token) for ``user``; any earlier one of this browser ends."""
    registry = request.app.state.sessions
    registry.end(request.session.get("sid"))
    request.session.clear()
    request.session["sid"] = registry.start(user)
    request.state.session_user = user


def sign_out(request: Request) -> None:
    """Ends the session server-side (the cookie's id is dead from now on) and clears the cookie."""
    request.app.state.sessions.end(request.session.get("sid"))
    request.session.clear()
    request.state.session_user = None


def token_user(request: Request) -> str | None:
    header = request.headers.get("authorization", "")
    scheme, _, token = header.partition(" ")
    if scheme.lower() != "bearer" or not token.strip():
        return None
    user = config(request).token_user(token.strip())
    if user is None:
        raise HTTPException(401, "invalid API token", headers={"WWW-Authenticate": "Bearer"})
    return user


def csrf_token(request: Request) -> str:
    token = request.session.get("csrf")
    if not token:
        token = request.session["csrf"] = secrets.token_urlsafe(32)
    return token


class LazyCsrfToken:
    """The session's CSRF token for a template, made only when a form writes it: a page without a
    form (what an anonymous reader sees) sets no session cookie."""

    def __init__(self, request: Request) -> None:
        self.request = request

    def __str__(self) -> str:
        return csrf_token(self.request)

    __html__ = __str__  # a token is URL-safe: nothing to escape


def check_csrf(request: Request, submitted: str | None) -> None:
    expected = request.session.get("csrf")
    if not expected or not submitted or not hmac.compare_digest(str(expected), str(submitted)):
        raise HTTPException(403, "missing or wrong CSRF token; reload the page and try again")


def safe_next(url: str | None, default: str = "/") -> str:
    """A redirect target on this site only (no scheme, no host, no //)."""
    if not url or not url.startswith("/") or url.startswith("//") or "\\" in url:
        return default
    return url


# --- dependencies ---------------------------------------------------------------------------

# The read checks are async: an open store is decided in the event loop, with no trip through
# the thread pool (only a session's look-up in the store goes there).

async def can_read_api(request: Request) -> None:
    if config(request).read == "open":
        return
    if token_user(request) or await run_in_threadpool(session_user, request):
        return
    raise HTTPException(401, "reading needs an API token or a signed-in editor",
                        headers={"WWW-Authenticate": "Bearer"})


async def can_read_page(request: Request) -> None:
    if config(request).read == "open":
        return
    user: str | None = await run_in_threadpool(session_user, request)
    if user is None:
        raise LoginRequired(str(request.url.path) + (f"?{request.url.query}" if request.url.query else ""))


def api_writer(request: Request) -> str:
    """An API write: a valid token, or an editor session with the CSRF header."""
    user = token_user(request)
    if user:
        return user
    user = session_user(request)
    if user is None:
        raise HTTPException(401, "writing needs an API token or a signed-in editor",
                            headers={"WWW-Authenticate": "Bearer"})
    check_csrf(request, request.headers.get(CSRF_HEADER))
    return user


def page_editor(request: Request) -> str:
    """A page only editors see: a redirect to sign in for anyone else."""
    user = session_user(request)
    if user is None:
        raise LoginRequired(str(request.url.path) + (f"?{request.url.query}" if request.url.query else ""))
    return user


def form_editor(request: Request, submitted_csrf: str | None) -> str:
    """A form post: CSRF first (so a forged post fails the same for everyone), then an editor."""
    check_csrf(request, submitted_csrf)
    user = session_user(request)
    if user is None:
        raise HTTPException(403, "only signed-in editors can change the record")
    return user


def login_url(next_url: str) -> str:
    return "/login?next=" + quote(safe_next(next_url), safe="/")
