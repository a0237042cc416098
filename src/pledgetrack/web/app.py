"""The app factory: the store, the config, sessions, the request guard, error pages, routers.

``create_app`` builds the app for one process; ``app_from_env`` is the factory each
``serve --workers`` process calls (everything from the environment ``serve`` sets)."""
from __future__ import annotations

import os
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, RedirectResponse, Response
from fastapi.staticfiles import StaticFiles
from sqlalchemy.exc import DataError
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.middleware.sessions import SessionMiddleware

from .. import __version__
from ..errors import PledgetrackError
from ..store import Store
from .apidocs import describe
from .auth import LoginRequired, login_url
from .config import WebConfig
from .guard import SESSION_COOKIE, Guard, with_security_headers
from .queries import BadRequest
from .render import render
from .sessions import SessionRegistry
from .throttle import LoginThrottle

HERE = Path(__file__).parent
OUT_OF_RANGE = "a value in the request is out of range or not allowed"


def create_app(store_url_or_path: str | os.PathLike | Store | None = None, *,
               config: WebConfig | None = None) -> FastAPI:
    """The web app and REST API over one store (a path, a URL, an open ``Store``, or
    ``$PLEDGETRACK_DB``). ``config`` defaults to ``WebConfig.from_env()``."""
    from . import api, pages

    cfg = config or WebConfig.from_env()
    if isinstance(store_url_or_path, Store):
        store, owned = store_url_or_path, False
    else:
        store, owned = Store.open(store_url_or_path), True

    @asynccontextmanager
    async def lifespan(_app: FastAPI) -> AsyncIterator[None]:
        yield
        if owned:
            store.close()

    app = FastAPI(title="pledgetrack", version=__version__,
                  description="Who promised what in alliance and summit joint statements, and what became of it. "
                              "Reading is open unless the server says otherwise; writing needs an API token "
                              "(`Authorization: Bearer ...`) or a signed-in editor session with the "
                              "`X-CSRF-Token` header.",
                  docs_url=None, redoc_url=None, openapi_url="/api/openapi.json", lifespan=lifespan)
    app.openapi = lambda: describe(FastAPI.openapi(app))  # type: ignore[method-assign]  # parameter descriptions in /api/openapi.json
    app.state.store = store
    app.state.config = cfg
    app.state.login_throttle = LoginThrottle()
    app.state.sessions = SessionRegistry(store.engine, cfg.session_hours)
    cfg.check_editor("", "")  # the decoy hash for unknown users is made now, not on the first sign-in
    app.add_middleware(SessionMiddleware, secret_key=cfg.secret, session_cookie=SESSION_COOKIE,
                       same_site="lax", https_only=cfg.secure_cookies, max_age=int(cfg.session_hours * 3600))
    app.add_middleware(Guard, max_body_bytes=cfg.max_body_bytes, behind_proxy=cfg.behind_proxy,
                       max_concurrent=cfg.max_concurrent)  # outermost

    def is_api(request: Request) -> bool:
        path = request.url.path
        return path.startswith("/api/") or path.endswith((".json", ".csv"))

    @app.exception_handler(LoginRequired)
    async def _login(request: Request, exc: LoginRequired) -> Response:
        return RedirectResponse(login_url(exc.next_url), status_code=303)

    @app.exception_handler(StarletteHTTPException)
    async def _http(request: Request, exc: StarletteHTTPException) -> Response:
        if is_api(request):
            return JSONResponse({"detail": exc.detail}, status_code=exc.status_code, headers=exc.headers)
        return render(request, "error.html", status_code=exc.status_code, code=exc.status_code,
                      message=str(exc.detail))

    @app.exception_handler(BadRequest)
    @app.exception_handler(PledgetrackError)
    async def _bad(request: Request, exc: Exception) -> Response:
        status = 404 if str(exc).startswith("no ") else 400
        if is_api(request):
            return JSONResponse({"detail": str(exc)}, status_code=status)
        return render(request, "error.html", status_code=status, code=status, message=str(exc))

    @app.exception_handler(OverflowError)  # an id or number past the database's integers
    @app.exception_handler(DataError)  # a value the database refuses (PostgreSQL: out of range, NUL)
    async def _out_of_range(request: Request, exc: Exception) -> Response:
        if is_api(request):
            return JSONResponse({"detail": OUT_OF_RANGE}, status_code=400)
        return render(request, "error.html", status_code=400, code=400, message=OUT_OF_RANGE)

    @app.exception_handler(Exception)  # answered outside the guard: the headers are added here
    async def _server_error(request: Request, exc: Exception) -> Response:
        body = b'{"detail": "internal server error"}' if is_api(request) else b"Internal server error"
        response = Response(body, status_code=500,
                            media_type="application/json" if is_api(request) else "text/plain")
        for key, value in with_security_headers([], request.url.scheme == "https"):
            response.headers.setdefault(key.decode(), value.decode())
        return response

    @app.exception_handler(RequestValidationError)
    async def _invalid(request: Request, exc: RequestValidationError) -> Response:
        if is_api(request):
            return JSONResponse({"detail": exc.errors()}, status_code=422)
        message = "; ".join(f"{'.'.join(str(x) for x in e['loc'][1:])}: {e['msg']}" for e in exc.errors())
        return render(request, "error.html", status_code=422, code=422, message=message)

    app.mount("/static", StaticFiles(directory=HERE / "static"), name="static")
    app.include_router(api.router)
    app.include_router(pages.router)

    return app


def app_from_env() -> FastAPI:
    """The app over ``$PLEDGETRACK_DB`` with ``WebConfig.from_env()`` (a ``serve --workers`` worker)."""
    return create_app(None, config=WebConfig.from_env())
