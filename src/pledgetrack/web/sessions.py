"""Editor sessions kept server-side, so signing out ends a session for good.

The signed session cookie carries only a random session id; the ``web_sessions`` table of the
store (migration 0005_webharden) holds the sha256 of each live id with its user and expiry. Signing in
adds a row, signing out deletes it: a copied cookie stops working at once, in every worker.
The table is not one of the store's exported tables.
"""
from __future__ import annotations

import hashlib
import secrets
from datetime import UTC, datetime, timedelta

import sqlalchemy as sa
from sqlalchemy.engine import Engine

web_sessions = sa.Table(
    "web_sessions", sa.MetaData(),
    sa.Column("id", sa.String(64), primary_key=True),  # sha256 of the id in the cookie
    sa.Column("user", sa.String(200), nullable=False),
    sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
    sa.Column("expires_at", sa.DateTime(timezone=True), nullable=False),
)


def _digest(sid: str) -> str:
    return hashlib.sha256(sid.encode("utf-8")).hexdigest()


def _now() -> datetime:
    return datetime.now(UTC)


def _aware(value: datetime) -> datetime:
    return value if value.tzinfo else value.replace(tzinfo=UTC)  # SQLite returns naive times


class SessionRegistry:
    """Live editor sessions in the store's database."""

    def __init__(self, engine: Engine, hours: float) -> None:
        self.engine, self.lifetime = engine, timedelta(hours=hours)

    def start(self, user: str) -> str:
        """A new session for ``user``; returns the id to keep in the cookie. Expired rows go."""
        sid, now = secrets.token_urlsafe(32), _now()
        with self.engine.begin() as conn:
            conn.execute(sa.delete(web_sessions).where(web_sessions.c.expires_at < now))
            conn.execute(sa.insert(web_sessions).values(id=_digest(sid), user=user, created_at=now,
                                                        expires_at=now + self.lifetime))
        return sid

    def user(self, sid: object) -> str | None:
        """The user of a live session id, else None."""
        if not isinstance(sid, str) or not sid:
            return None
        with self.engine.connect() as conn:
            row = conn.execute(sa.select(web_sessions.c.user, web_sessions.c.expires_at)
                               .where(web_sessions.c.id == _digest(sid))).first()
        if row is None or _aware(row.expires_at) < _now():
            return None
        return row.user

    def end(self, sid: object) -> None:
        if isinstance(sid, str) and sid:
            with self.engine.begin() as conn:
                conn.execute(sa.delete(web_sessions).where(web_sessions.c.id == _digest(sid)))
