"""The app factory: the store, the config, sessions, security headers, error pages, routers."""
from __future__ import annotations

import os
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, RedirectResponse, Response
from fastapi.staticfiles import StaticFiles
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.middleware.sessions import SessionMiddleware

from .. import __version__
from ..errors import PledgetrackError
from ..store import Store
from .apidocs import describe
from .auth import LoginRequired, login_url
from .config import WebConfig
from .queries import BadRequest
from .render import render
from .throttle import LoginThrottle

HERE = Path(__file__).parent
CSP = ("default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; object-src 'none'; "
       "base-uri 'none'; form-action 'self'; frame-ancestors 'none'")


def create_app(store_url_or_path: str | os.PathLike | Store | None = None, *,
               config: WebConfig | None = None) -> FastAPI:
    """The web app and REST API over one store (a path, a URL, an open ``Store``, or
    ``$PLEDGETRACK_DB``). ``config`` defaults to ``WebConfig.from_env()``."""
    from . import api, pages

    cfg = config or WebConfig.from_env()
    owned = not isinstance(store_url_or_path, Store)
    store = Store.open(store_url_or_path) if owned else store_url_or_path

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
    app.openapi = lambda: describe(FastAPI.openapi(app))  # parameter descriptions in /api/openapi.json
    app.state.store = store
    app.state.config = cfg
    app.state.login_throttle = LoginThrottle()
    app.add_middleware(SessionMiddleware, secret_key=cfg.secret, session_cookie="pledgetrack_session",
                       same_site="lax", https_only=cfg.secure_cookies, max_age=12 * 3600)

    @app.middleware("http")
    async def security_headers(request: Request, call_next: Any) -> Response:
        response = await call_next(request)
        response.headers.setdefault("Content-Security-Policy", CSP)
        response.headers.setdefault("X-Content-Type-Options", "nosniff")
        response.headers.setdefault("Referrer-Policy", "same-origin")
        response.headers.setdefault("X-Frame-Options", "DENY")
        return response

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
