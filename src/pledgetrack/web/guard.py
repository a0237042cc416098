"""The outer guard of every request (an ASGI middleware, before sessions and authentication):

* a request body over ``max_body_bytes`` is refused with 413: by its Content-Length before a
  byte is read, and when sent chunked as soon as what was read passes the cap (FastAPI reads a
  body before any dependency runs, so this is before authentication too);
* at most ``max_concurrent`` requests are inside the app at once; the others wait their turn
  (without a thread), so load cannot exhaust the store's connection pool or memory; a request
  without a body whose client hung up while it waited is dropped unserved; when the
  last one ends, freed memory goes back to the system (``memory.IdleTrim``);
* a NUL character in the path or the query is refused with 400 (no database takes it);
* every response gets the security headers (``SECURITY_HEADERS``; the 500 handler adds them too);
* the session cookie is marked ``Secure`` when the request came over HTTPS or through the
  configured proxy (uvicorn sets the scheme from ``X-Forwarded-Proto`` only for trusted proxies).
"""
from __future__ import annotations

import json
from collections.abc import Awaitable, Callable, MutableMapping
from typing import Any

import anyio
from starlette.exceptions import HTTPException

from .memory import IdleTrim

Scope = MutableMapping[str, Any]
Message = MutableMapping[str, Any]
Receive = Callable[[], Awaitable[Message]]
Send = Callable[[Message], Awaitable[None]]

CSP = ("default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; object-src 'none'; "
       "base-uri 'none'; form-action 'self'; frame-ancestors 'none'")
SECURITY_HEADERS = {
    "Content-Security-Policy": CSP,
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "same-origin",
    "X-Frame-Options": "DENY",
    "Cross-Origin-Opener-Policy": "same-origin",
}
HSTS = "max-age=31536000"
SESSION_COOKIE = "pledgetrack_session"


class BodyTooLarge(HTTPException):
    """Raised while the body is read; FastAPI passes HTTP exceptions on, and the app answers 413."""

    def __init__(self, limit: int) -> None:
        super().__init__(413, f"request body too large (limit {limit:,} bytes)")


def with_security_headers(headers: list[tuple[bytes, bytes]], https: bool) -> list[tuple[bytes, bytes]]:
    """``headers`` plus each security header it does not set already."""
    present = {k.lower() for k, _ in headers}
    extra = dict(SECURITY_HEADERS, **({"Strict-Transport-Security": HSTS} if https else {}))
    return headers + [(k.lower().encode(), v.encode()) for k, v in extra.items() if k.lower().encode() not in present]


def _secure_cookie(value: bytes) -> bytes:
    if not value.startswith(SESSION_COOKIE.encode() + b"=") or b"; secure" in value.lower():
        return value
    return value + b"; secure"


class Guard:
    def __init__(self, app: Callable[..., Awaitable[None]], *, max_body_bytes: int, behind_proxy: bool,
                 max_concurrent: int) -> None:
        self.app, self.max_body_bytes, self.behind_proxy = app, max_body_bytes, behind_proxy
        self.turns = anyio.Semaphore(max_concurrent)
        self.idle = IdleTrim()

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        https = scope.get("scheme") == "https"
        refusal = self._refusal(scope)
        if refusal:
            status, detail = refusal
            body = json.dumps({"detail": detail}).encode()
            headers = [(b"content-type", b"application/json"), (b"content-length", str(len(body)).encode()),
                       (b"connection", b"close")]
            await send({"type": "http.response.start", "status": status, "headers": with_security_headers(headers, https)})
            await send({"type": "http.response.body", "body": body})
            return
        secure, limit, received = https or self.behind_proxy, self.max_body_bytes, 0

        async def capped_receive() -> Message:
            nonlocal received
            message = await receive()
            if message["type"] == "http.request":
                received += len(message.get("body", b""))
                if received > limit:
                    raise BodyTooLarge(limit)
            return message

        async def guarded_send(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = list(message.get("headers", []))
                if secure:
                    headers = [(k, _secure_cookie(v)) if k.lower() == b"set-cookie" else (k, v) for k, v in headers]
                message["headers"] = with_security_headers(headers, https)
            await send(message)

        app_receive: Receive = capped_receive
        first = await receive() if scope.get("method") in ("GET", "HEAD") else None
        if first is not None and first["type"] == "http.request" and not first.get("more_body"):
            # The whole (empty) body is in: from now on the only message can be a hang-up.
            if not await self._turn_unless_hung_up(receive):
                return
            app_receive = _replay(first, capped_receive)
        elif first is not None and first["type"] == "http.disconnect":
            return
        else:
            await self.turns.acquire()
            if first is not None:
                app_receive = _replay(first, capped_receive)
        try:
            self.idle.started()
            try:
                await self.app(scope, app_receive, guarded_send)
            finally:
                self.idle.ended()
        finally:
            self.turns.release()

    async def _turn_unless_hung_up(self, receive: Receive) -> bool:
        """Waits for a turn; False (and no turn held) if the client hangs up first. A turn free now
        is taken at once, without a watcher task (most requests of a server not under load)."""
        try:
            self.turns.acquire_nowait()
            return True
        except anyio.WouldBlock:
            pass
        gone = got = False
        async with anyio.create_task_group() as tasks:
            async def watch() -> None:
                nonlocal gone
                if (await receive())["type"] == "http.disconnect":
                    gone = True
                    tasks.cancel_scope.cancel()
            tasks.start_soon(watch)
            await self.turns.acquire()
            got = True
            tasks.cancel_scope.cancel()
        if gone and got:
            self.turns.release()
        return got and not gone

    def _refusal(self, scope: Scope) -> tuple[int, str] | None:
        """(status, reason) for a request refused before the app sees it, else None."""
        query = scope.get("query_string", b"").lower()
        if "\x00" in scope.get("path", "") or b"%00" in query or b"\x00" in query:
            return 400, "NUL characters are not allowed in a URL"
        length = dict(scope.get("headers", [])).get(b"content-length")
        if length is not None:
            if not length.isdigit():
                return 400, "bad Content-Length"
            if int(length) > self.max_body_bytes:
                return 413, f"request body too large (limit {self.max_body_bytes:,} bytes)"
        return None


def _replay(first: Message, receive: Receive) -> Receive:
    """``receive`` that gives ``first`` once before the messages still to come."""
    pending = [first]

    async def replayed() -> Message:
        return pending.pop() if pending else await receive()
    return replayed
