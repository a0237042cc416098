"""Web configuration: who may read, who may write, and the secret that signs sessions.

Accounts, access and the secret come from ``WebConfig`` arguments or the environment:

* ``PLEDGETRACK_READ``: ``open`` (default; anyone may read) or ``token`` (reading needs an API
  token or a signed-in editor).
* ``PLEDGETRACK_EDITORS``: ``alice:secret,bob:pbkdf2_sha256$...`` (plain passwords are hashed
  when loaded; ``hash_password`` makes the stored form) or ``@path`` to a file, one ``user:password``
  a line.
* ``PLEDGETRACK_API_TOKENS``: ``name:token,...`` (or bare tokens); a token may write.
* ``PLEDGETRACK_SECRET``: the session signing key (generated for the process when missing, so
  sessions end when the server restarts; ``serve --workers`` shares one among its workers).
* ``PLEDGETRACK_PROXY=1``: served behind a reverse proxy (set by ``serve --proxy``): session
  cookies are always ``Secure``. Which proxy addresses are trusted is uvicorn's concern
  (``forwarded_allow_ips``); without ``--proxy``, forwarded headers are ignored.
* ``PLEDGETRACK_SECURE_COOKIES=1``: ``Secure`` cookies even over plain HTTP (they are anyway over
  HTTPS and behind the proxy).

The limits (largest request body, requests served at once, session length) are the
configuration's ``[web]`` section (``pledgetrack.config``).
"""
from __future__ import annotations

import base64
import hashlib
import hmac
import os
import secrets
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path

from ..config import settings

_ITERATIONS = 200_000
_PREFIX = "pbkdf2_sha256"


def hash_password(password: str, *, salt: bytes | None = None, iterations: int = _ITERATIONS) -> str:
    """``pbkdf2_sha256$iterations$salt$hash`` (base64), the form kept in a users file."""
    salt = salt or secrets.token_bytes(16)
    digest = hashlib.pbkdf2_hmac("sha256", password.encode("utf-8"), salt, iterations)
    return f"{_PREFIX}${iterations}${base64.b64encode(salt).decode()}${base64.b64encode(digest).decode()}"


def check_password(password: str, stored: str) -> bool:
    try:
        prefix, iterations, salt, digest = stored.split("$")
    except ValueError:
        return False
    if prefix != _PREFIX:
        return False
    got = hashlib.pbkdf2_hmac("sha256", password.encode("utf-8"), base64.b64decode(salt), int(iterations))
    return hmac.compare_digest(got, base64.b64decode(digest))


def _token_digest(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


def _pairs(spec: str | None) -> list[tuple[str, str]]:
    """``a:x,b:y`` or ``@file`` (one ``a:x`` a line, ``#`` comments) as (name, value) pairs."""
    if not spec:
        return []
    spec = spec.strip()
    if spec.startswith("@"):
        items = [line.strip() for line in Path(spec[1:]).read_text(encoding="utf-8").splitlines()]
    else:
        items = [item.strip() for item in spec.split(",")]
    out = []
    for item in items:
        if not item or item.startswith("#"):
            continue
        name, sep, value = item.partition(":")
        out.append((name.strip(), value.strip()) if sep else ("", name.strip()))
    return out


@dataclass
class WebConfig:
    read: str = "open"  # "open" or "token"
    editors: dict[str, str] = field(default_factory=dict)  # user -> pbkdf2 hash
    tokens: dict[str, str] = field(default_factory=dict)  # sha256(token) -> user name
    secret: str = field(default_factory=lambda: secrets.token_urlsafe(32))
    secure_cookies: bool = False  # Secure cookies even over plain HTTP
    behind_proxy: bool = False  # a configured reverse proxy terminates HTTPS
    max_body_bytes: int = field(default_factory=lambda: settings().web.max_body_bytes)
    max_concurrent: int = field(default_factory=lambda: settings().web.max_concurrent)
    session_hours: float = field(default_factory=lambda: settings().web.session_hours)
    title: str = "pledgetrack"

    def __post_init__(self) -> None:
        if self.read not in ("open", "token"):
            raise ValueError(f"read access must be 'open' or 'token', not {self.read!r}")

    @classmethod
    def from_env(cls, *, editors: str | None = None, tokens: str | None = None, read: str | None = None,
                 secret: str | None = None) -> WebConfig:
        env = os.environ
        cfg = cls(read=read or env.get("PLEDGETRACK_READ", "open"),
                  secret=secret or env.get("PLEDGETRACK_SECRET") or secrets.token_urlsafe(32),
                  secure_cookies=env.get("PLEDGETRACK_SECURE_COOKIES") == "1",
                  behind_proxy=env.get("PLEDGETRACK_PROXY") == "1")
        cfg.add_editors(editors if editors is not None else env.get("PLEDGETRACK_EDITORS"))
        cfg.add_tokens(tokens if tokens is not None else env.get("PLEDGETRACK_API_TOKENS"))
        return cfg

    def add_editors(self, spec: str | None) -> None:
        for user, password in _pairs(spec):
            if not user or not password:
                raise ValueError("editors are given as user:password")
            self.editors[user] = password if password.startswith(_PREFIX + "$") else hash_password(password)

    def add_tokens(self, spec: str | None) -> None:
        for name, token in _pairs(spec):
            if len(token) < 8:
                raise ValueError("an API token needs at least 8 characters")
            self.tokens[_token_digest(token)] = name or "token"

    @cached_property
    def _decoy(self) -> str:
        """A hash checked for unknown users, as costly as a real one (the answer time tells nothing)."""
        return hash_password(secrets.token_urlsafe(16))

    def check_editor(self, user: str, password: str) -> bool:
        stored = self.editors.get(user)
        if stored is None:
            check_password(password, self._decoy)
            return False
        return check_password(password, stored)

    def editors_spec(self) -> str:
        """The editors as ``user:hash,...`` (hashes only: what ``serve`` hands to its workers)."""
        return ",".join(f"{user}:{stored}" for user, stored in self.editors.items())

    def token_user(self, token: str) -> str | None:
        digest = _token_digest(token)
        for known, name in self.tokens.items():
            if hmac.compare_digest(known, digest):
                return name
        return None
