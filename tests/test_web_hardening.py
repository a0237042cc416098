"""The web app under attack: oversized bodies, bad queries and ids, security headers on every
answer (500s too), sessions that end on sign-out, sign-in that does not tell who exists,
a throttle that forwarded headers cannot dodge (a real uvicorn server), Secure cookies,
no server paths, and download names in any script."""
from __future__ import annotations

import hashlib
import re
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest

pytest.importorskip("fastapi")
httpx = pytest.importorskip("httpx")
from fastapi.testclient import TestClient  # noqa: E402

sys.path.insert(0, str(Path(__file__).parent / "fixtures" / "web"))
import webseed  # noqa: E402

from pledgetrack.config import settings  # noqa: E402
from pledgetrack.web import WebConfig, create_app  # noqa: E402
from pledgetrack.web import config as config_mod  # noqa: E402
from pledgetrack.web.guard import SECURITY_HEADERS  # noqa: E402

TOKEN = "t0ken-for-tests-123"
PROSE = ("Joint Statement of the Example Consultative Meeting\n\n"
         "1. The Minister and the Secretary met in Lisbon on March 3, 2031.\n\n"
         "2. The two sides pledged to deepen cooperation on maritime security.\n")


def _config(**kw) -> WebConfig:
    cfg = WebConfig(secret="test-secret", **kw)
    cfg.add_editors("alice:wonderland")
    cfg.add_tokens(f"robot:{TOKEN}")
    return cfg


@pytest.fixture
def made(tmp_path):
    """An app over its own copy of the seed store (and the store, to add to it)."""
    app = create_app(webseed.copy_to(tmp_path), config=_config())
    yield app
    app.state.store.close()


@pytest.fixture
def client(made):
    with TestClient(made, raise_server_exceptions=False) as c:
        yield c


def _has_security_headers(response) -> bool:
    return all(response.headers.get(k) == v for k, v in SECURITY_HEADERS.items())


def _csrf(html: str) -> str:
    return re.search(r'name="csrf_token" value="([^"]+)"', html).group(1)


def _sign_in(c, user="alice", password="wonderland", **kw):
    token = _csrf(c.get("/login", **kw).text)
    return c.post("/login", data={"csrf_token": token, "username": user, "password": password, "next": "/review"},
                  follow_redirects=False, **kw)


# --- bounded bodies -------------------------------------------------------------------------------

def test_big_body_refused_before_authentication(client):
    big = b"x" * (2 * 1024 * 1024)
    r = client.post("/api/statements/1/review", content=big, headers={"content-type": "application/json"})
    assert r.status_code == 413 and _has_security_headers(r)  # not 401: the body was never taken in


def test_big_chunked_body_refused(client):
    def chunks():
        for _ in range(64):
            yield b"x" * 65536
    r = client.post("/api/statements/1/review", content=chunks(), headers={"content-type": "application/json"})
    assert r.status_code == 413
    r = client.post("/login", content=chunks(), headers={"content-type": "application/x-www-form-urlencoded"})
    assert r.status_code == 413 and _has_security_headers(r)


def test_small_body_still_reaches_authentication(client):
    r = client.post("/api/statements/1/review", json={"action": "accept"})
    assert r.status_code == 401


# --- bad queries and ids: 4xx, headers on every answer ---------------------------------------------

@pytest.mark.parametrize("url", [
    "/statements?q=%00", "/statements.json?q=%00", "/api/statements?q=%00", "/api/search?q=%00",
    "/statements/9223372036854775808", "/api/statements/9223372036854775808",
    "/api/statements/99999999999999999999999", "/documents/scm50-2018.txt/source?version=9223372036854775808",
    "/api/documents/scm50-2018.txt?version=9223372036854775808", "/api/deadlines?today=zzz",
    "/documents/a%00b",
])
def test_bad_queries_and_ids_are_4xx(client, url):
    r = client.get(url)
    assert 400 <= r.status_code < 500 and _has_security_headers(r)


def test_a_server_error_still_has_the_security_headers(made, client, monkeypatch):
    def broken(*a, **k):
        raise RuntimeError("boom")
    monkeypatch.setattr(made.state.store, "summary", broken)
    for url in ("/", "/api/summary"):
        r = client.get(url)
        assert r.status_code == 500 and _has_security_headers(r) and "boom" not in r.text


# --- no server paths; download names in any script ---------------------------------------------

def test_no_server_file_paths_in_pages_or_json(made, client):
    root = str(webseed.ROOT)
    name = "scm50-2018.txt"
    for url in ("/documents.json", "/documents.csv", "/api/documents", f"/api/documents/{name}", f"/documents/{name}",
                "/documents", "/"):
        r = client.get(url)
        assert r.status_code == 200 and root not in r.text and "/corpus/" not in r.text, url


def test_source_download_of_a_document_named_in_any_script(made, client, tmp_path):
    name = "선언-déclaration-東京 \"2031\".txt"
    path = tmp_path / name
    path.write_text(PROSE, encoding="utf-8")
    made.state.store.ingest([path])
    from urllib.parse import quote
    r = client.get(f"/documents/{quote(name)}/source")
    assert r.status_code == 200 and "pledged to deepen cooperation" in r.text
    disposition = r.headers["content-disposition"]
    assert disposition.isascii() and disposition.startswith('inline; filename="')
    assert f"filename*=UTF-8''{quote(name, safe='')}" in disposition
    assert client.get(f"/documents/{quote(name)}").status_code == 200


# --- sessions -----------------------------------------------------------------------------------

def test_sign_out_ends_the_session_for_a_copied_cookie(client):
    assert _sign_in(client).status_code == 303
    stolen = client.cookies.get("pledgetrack_session")
    page = client.get("/review")
    assert page.status_code == 200
    client.post("/logout", data={"csrf_token": _csrf(page.text)})
    client.cookies.clear()
    client.cookies.set("pledgetrack_session", stolen)
    again = client.get("/review", follow_redirects=False)
    assert again.status_code == 303 and again.headers["location"].startswith("/login")


def test_a_reader_gets_no_session_cookie_until_a_form_needs_one(client):
    for url in ("/", "/statements?q=cooperation", "/threads", "/documents"):
        r = client.get(url)
        assert r.status_code == 200 and "set-cookie" not in r.headers, url
    login = client.get("/login")  # its form carries a token, kept in the session it starts
    assert "pledgetrack_session" in login.headers["set-cookie"]
    assert _sign_in(client).status_code == 303


def test_sign_in_costs_the_same_for_unknown_users(monkeypatch):
    cfg = _config()
    cfg.check_editor("", "")  # the decoy is made once, up front
    rounds: list[int] = []
    real = hashlib.pbkdf2_hmac

    def counted(name, password, salt, iterations, *rest):
        rounds.append(iterations)
        return real(name, password, salt, iterations, *rest)

    monkeypatch.setattr(config_mod.hashlib, "pbkdf2_hmac", counted)
    assert not cfg.check_editor("alice", "wrong")
    known = list(rounds)
    rounds.clear()
    assert not cfg.check_editor("mallory", "wrong")
    assert rounds == known and known == [config_mod._ITERATIONS]


def test_session_cookie_secure_over_https_and_behind_a_proxy(tmp_path):
    app = create_app(webseed.copy_to(tmp_path), config=_config())
    with TestClient(app, base_url="https://testserver") as c:
        assert "secure" in _sign_in(c).headers["set-cookie"].lower()
        assert c.get("/").headers["strict-transport-security"]
    with TestClient(app) as c:
        assert "secure" not in _sign_in(c).headers["set-cookie"].lower()
    app.state.store.close()
    proxied = create_app(webseed.copy_to(tmp_path), config=_config(behind_proxy=True))
    with TestClient(proxied) as c:  # the proxy speaks HTTPS to the browser: the app's cookies say Secure
        assert "secure" in c.get("/login").headers["set-cookie"].lower()
    proxied.state.store.close()


# --- a real server: forwarded headers are not believed unless --proxy names the proxy -----------

def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _serve(db: Path, *extra: str) -> tuple[subprocess.Popen, str]:
    port = _free_port()
    cmd = [sys.executable, "-c", "from pledgetrack.cli.main import app; app()", "serve", "--db", str(db), "--port", str(port),
           "--editors", "alice:wonderland", *extra]
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    base = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            if httpx.get(base + "/login", timeout=2).status_code == 200:
                return proc, base
        except httpx.HTTPError:
            time.sleep(0.3)
    proc.kill()
    raise AssertionError(f"server did not start: {proc.stderr.read().decode()[-500:]}")


def _stop(proc: subprocess.Popen) -> None:
    proc.terminate()
    try:
        proc.wait(10)
    except subprocess.TimeoutExpired:
        proc.kill()


def _guess(c, n: int) -> int:
    token = _csrf(c.get("/login").text)
    r = c.post("/login", data={"csrf_token": token, "username": "alice", "password": f"guess{n}", "next": "/"},
               headers={"X-Forwarded-For": f"203.0.113.{n}", "Forwarded": f"for=198.51.100.{n}"})
    return r.status_code


def test_rotating_forwarded_for_does_not_dodge_the_throttle(tmp_path):
    proc, base = _serve(webseed.copy_to(tmp_path))
    try:
        with httpx.Client(base_url=base, timeout=30) as c:
            codes = [_guess(c, n) for n in range(7)]
    finally:
        _stop(proc)
    assert codes[:5] == [401] * 5 and codes[5:] == [429, 429]


def test_behind_a_named_proxy_forwarded_proto_makes_cookies_secure(tmp_path):
    proc, base = _serve(webseed.copy_to(tmp_path), "--proxy", "127.0.0.1")
    try:
        with httpx.Client(base_url=base, timeout=30) as c:
            r = c.get("/login", headers={"X-Forwarded-Proto": "https"})
            assert "secure" in r.headers["set-cookie"].lower()
            assert r.headers["strict-transport-security"]
    finally:
        _stop(proc)


# --- load: requests in the app at once are capped; memory is trimmed once the server is quiet -----

def test_requests_inside_the_app_at_once_are_capped(tmp_path, monkeypatch):
    """By default two requests at once are inside the app (more only contend for the GIL); the rest wait."""
    import threading

    app = create_app(webseed.copy_to(tmp_path), config=_config())
    inside, most = [0], [0]
    lock = threading.Lock()
    real = app.state.store.summary

    def slow_summary(*a, **k):
        with lock:
            inside[0] += 1
            most[0] = max(most[0], inside[0])
        time.sleep(0.2)
        with lock:
            inside[0] -= 1
        return real(*a, **k)

    monkeypatch.setattr(app.state.store, "summary", slow_summary)
    with TestClient(app) as c:
        codes: list[int] = []
        threads = [threading.Thread(target=lambda: codes.append(c.get("/api/summary").status_code)) for _ in range(6)]
        for th in threads:
            th.start()
        for th in threads:
            th.join()
    app.state.store.close()
    assert codes == [200] * 6 and most[0] == 2


def test_memory_trimmed_once_the_server_is_quiet(client, monkeypatch):
    from pledgetrack.web import memory

    calls: list[int] = []
    monkeypatch.setattr(memory, "_malloc_trim", lambda: calls.append)
    client.get("/api/summary")
    client.get("/api/summary")
    time.sleep(settings().web.memory_quiet_s + 0.4)
    client.get("/login")  # the portal's event loop runs the timer while it serves this
    assert calls and set(calls) == {0}


def test_a_queued_request_whose_client_hung_up_is_dropped():
    """One request at a time: a client that gives up while queued is never served."""
    import anyio

    from pledgetrack.web.guard import Guard

    served: list[str] = []
    release = anyio.Event()

    async def app(scope, receive, send):
        served.append(scope["path"])
        if scope["path"] == "/slow":
            await release.wait()
        await send({"type": "http.response.start", "status": 200, "headers": []})
        await send({"type": "http.response.body", "body": b"ok"})

    guard = Guard(app, max_body_bytes=1024, behind_proxy=False, max_concurrent=1)

    def client(path: str, gone: anyio.Event):
        messages = [{"type": "http.request", "body": b"", "more_body": False}]

        async def receive():
            if messages:
                return messages.pop()
            await gone.wait()
            return {"type": "http.disconnect"}

        async def send(message):
            pass
        scope = {"type": "http", "method": "GET", "path": path, "query_string": b"", "headers": [], "scheme": "http"}
        return guard(scope, receive, send)

    async def main():
        slow_gone, impatient_gone, patient_gone = anyio.Event(), anyio.Event(), anyio.Event()
        async with anyio.create_task_group() as tg:
            tg.start_soon(lambda: client("/slow", slow_gone))
            await anyio.sleep(0.05)
            tg.start_soon(lambda: client("/impatient", impatient_gone))
            tg.start_soon(lambda: client("/patient", patient_gone))
            await anyio.sleep(0.05)
            impatient_gone.set()  # hangs up while /slow holds the only turn
            await anyio.sleep(0.05)
            release.set()
        return served

    assert anyio.run(main) == ["/slow", "/patient"]


@pytest.mark.parametrize("url", ["/api/statements/9223372036854775808", "/statements/99999999999999999999999",
                                 "/api/documents/x?version=9223372036854775808", "/api/search?q=%00"])
def test_bad_ids_are_4xx_on_every_backend(seeded_url, url):
    app = create_app(seeded_url, config=_config())
    with TestClient(app, raise_server_exceptions=False) as c:
        r = c.get(url)
    app.state.store.close()
    assert 400 <= r.status_code < 500 and _has_security_headers(r)
