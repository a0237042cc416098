"""The web app and REST API through FastAPI's TestClient: pages, .json/.csv listings, search,
filters, escaping of document text, and who may write (tokens, editor sessions, CSRF)."""
from __future__ import annotations

import csv
import io
import json
import re
import sys
from pathlib import Path

import pytest

pytest.importorskip("fastapi")
from fastapi.testclient import TestClient  # noqa: E402

sys.path.insert(0, str(Path(__file__).parent / "fixtures" / "web"))
import webseed  # noqa: E402

from pledgetrack.store import Store  # noqa: E402
from pledgetrack.web import WebConfig, create_app, hash_password  # noqa: E402
from pledgetrack.web.config import check_password  # noqa: E402

TOKEN = "t0ken-for-tests-123"
EDITORS = "alice:wonderland"


def _config(**kw) -> WebConfig:
    cfg = WebConfig(secret="test-secret", **kw)
    cfg.add_editors(EDITORS)
    cfg.add_tokens(f"robot:{TOKEN}")
    return cfg


@pytest.fixture(scope="module")
def app(tmp_path_factory):
    app = create_app(webseed.copy_to(tmp_path_factory.mktemp("web")), config=_config())
    yield app
    app.state.store.close()


@pytest.fixture
def client(app):
    with TestClient(app) as c:
        yield c


@pytest.fixture
def fresh(tmp_path):
    """A client over its own copy of the store, for tests that write."""
    app = create_app(webseed.copy_to(tmp_path), config=_config())
    with TestClient(app) as c:
        yield c
    app.state.store.close()


def csrf_of(html: str) -> str:
    m = re.search(r'name="csrf_token" value="([^"]+)"', html)
    assert m, "no CSRF field in the form"
    return m.group(1)


def login(c: TestClient, user: str = "alice", password: str = "wonderland") -> str:
    token = csrf_of(c.get("/login").text)
    r = c.post("/login", data={"csrf_token": token, "username": user, "password": password, "next": "/review"},
               follow_redirects=False)
    assert r.status_code == 303, r.text
    return csrf_of(c.get("/review").text)


# --- pages and listings ---------------------------------------------------------------------------

def test_collection_page_has_series_counts_and_heatmap(client):
    r = client.get("/")
    assert r.status_code == 200
    html = r.text
    assert "Documents by series" in html and "SCM" in html
    assert 'class="heatmap"' in html and "deterrence" in html
    assert "/documents/scm50-2018.txt" in html
    assert r.headers["content-security-policy"].startswith("default-src 'self'")
    external = re.findall(r'<(?:script|link|img|iframe|source)\b[^>]*\b(?:src|href)="(?:https?:)?//', html)
    assert external == [], "pages must not fetch anything from another host"


@pytest.mark.parametrize("listing", ["statements", "documents", "threads"])
def test_every_listing_has_json_and_csv_at_the_same_url(client, listing):
    params = {"statements": "?series=SCM&commitment=true", "documents": "", "threads": "?status=open"}[listing]
    page = client.get(f"/{listing}{params}")
    assert page.status_code == 200 and f"/{listing}.json" in page.text
    data = client.get(f"/{listing}.json{params}")
    assert data.status_code == 200 and data.headers["content-type"].startswith("application/json")
    body = data.json()
    assert body["count"] >= len(body["rows"]) > 0
    every = list(body["rows"])
    while body.get("next_url"):  # keyset pages, to the end
        body = client.get(body["next_url"]).json()
        every.extend(body["rows"])
    assert len(every) == body["count"] == len({json.dumps(r, sort_keys=True) for r in every})
    table = client.get(f"/{listing}.csv{params}")
    assert table.headers["content-type"].startswith("text/csv")
    rows = list(csv.DictReader(io.StringIO(table.text)))
    assert len(rows) == body["count"]
    assert client.get(f"/{listing}.xml").status_code == 404


def test_statement_filters_and_facets(client):
    body = client.get("/statements.json?actor=USA&act=reaffirm&commitment=true&year=2019").json()
    assert body["count"] > 0
    for r in body["rows"]:
        assert "USA" in r["actors"] and r["act"] == "reaffirm" and r["commitment"] is True
        assert r["date"].startswith("2019")
    assert dict(body["facets"]["act"]) == {"reaffirm": body["count"]}
    series = client.get("/statements.json?series=scm").json()
    assert {r["series"] for r in series["rows"]} == {"SCM"}
    html = client.get("/statements?act=pledge").text
    assert "act: pledge" in html  # the active filter, removable
    assert client.get("/statements.json?year=20x9").status_code == 400
    assert client.get("/statements?commitment=maybe").status_code == 400


def test_cards_link_actors_and_topics_and_facets_keep_the_other_filters(client):
    html = client.get("/statements?q=deterrence&actor=USA").text
    assert re.search(r'<a class="chip actor" href="/statements\?actor=USA">USA</a>', html)
    assert re.search(r'<a class="chip topic" href="/statements\?topic=deterrence">deterrence</a>', html)
    assert re.search(r'<span class="act act-\w+ fam-\w+" title="[^"]+">\w+</span>', html)
    # a facet's link is the listing with its value added, every other filter kept in its place
    assert 'href="/statements?actor=USA&amp;q=deterrence&amp;commitment=true"' in html
    assert 'href="/statements?actor=KOR&amp;q=deterrence"' in html  # the actor replaced in its place


def test_a_statement_card_escapes_what_it_shows():
    from pledgetrack.web.render import statement_card
    row = {"id": 7, "act": "pledge", "commitment": True, "strength": 5, "actors": ["KOR", "USA"], "topics": ["a&b"],
           "review": "rejected", "sentence": "They <script>x</script> pledged.", "doc": "r&d <1>.txt", "paragraph": "3",
           "date": "2030-01-01", "thread": "t-1"}
    html = str(statement_card(row, highlight="They «pledged» <b>"))
    assert "<script>" not in html and "<b>" not in html and "&lt;b&gt;" in html and "<mark>pledged</mark>" in html
    assert 'class="card act-pledge fam-commit commit rejected" id="s7"' in html
    assert '<a class="chip topic" href="/statements?topic=a%26b">a&amp;b</a>' in html
    assert '<a href="/documents/r%26d%20%3C1%3E.txt#p-7">r&amp;d &lt;1&gt;.txt</a> ¶3' in html
    assert 'href="/threads/t-1"' in html and 'href="/statements/7">details' in html
    assert "details" not in str(statement_card({**row, "review": None}, link=False))
    assert "&lt;script&gt;" in str(statement_card(row))  # no highlight: the sentence escaped


def test_a_facet_link_is_the_query_string_with_params_makes():
    from pledgetrack.web.render import with_param, with_params
    for params in ({}, {"q": "a b"}, {"q": "x", "actor": "KOR", "topic": "t"}, {"actor": "", "q": "z"}):
        for name, value in (("actor", "USA"), ("q", "new q"), ("year", 2019), ("commitment", True), ("topic", "t&x")):
            assert with_param(params, name, value) == with_params(params, **{name: value}), (params, name, value)


def test_search_highlights_hits_in_html_json_and_csv(client):
    html = client.get("/statements?q=nuclear").text
    assert "<mark>nuclear</mark>" in html.lower()
    body = client.get("/statements.json?q=nuclear&actor=USA").json()
    assert body["count"] > 0
    assert all("«" in r["highlight"] for r in body["rows"])
    assert all("USA" in r["actors"] for r in body["rows"])
    table = client.get("/statements.csv?q=nuclear").text
    assert "highlight" in table.splitlines()[0]
    api = client.get("/api/search", params={"q": "extended deterrence", "limit": 3}).json()
    assert 0 < api["count"] <= 3 and "«" in api["hits"][0]["highlight"]
    assert client.get("/statements?q=%22unbalanced").status_code in (200, 400)  # never a 500


def test_reader_highlights_statements_and_explains_glossary(client):
    r = client.get("/documents/scm51-2019.txt")
    assert r.status_code == 200
    html = r.text
    assert 'class="st act-' in html and " commit" in html
    assert '<b class="trig">' in html
    assert '<abbr class="gl" title="' in html
    assert '<template id="t-' in html
    assert "/documents/scm51-2019.txt/source" in html
    source = client.get("/documents/scm51-2019.txt/source")
    assert source.headers["content-type"].startswith("text/plain")
    assert client.get("/documents/nothing-here.txt").status_code == 404


def test_document_text_is_escaped_everywhere(client):
    html = client.get("/documents/script-test.txt").text
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "<script>alert" not in html
    assert '<b onmouseover' not in html and "&lt;b onmouseover=" in html
    listing = client.get("/statements?document=script-test.txt").text
    assert "<b onmouseover" not in listing and "&lt;b onmouseover" in listing
    found = client.get("/statements?q=Alliance&document=script-test.txt").text
    assert "<b onmouseover" not in found
    for page in ("/", "/documents", "/diff?old=scm51-2019.txt&new=script-test.txt"):
        assert "<script>alert" not in client.get(page).text
    source = client.get("/documents/script-test.txt/source")
    assert source.headers["content-type"].startswith("text/plain")
    assert source.headers["x-content-type-options"] == "nosniff"
    api = client.get("/api/documents/script-test.txt").json()
    assert "<script>alert(1)</script>" in api["title"] + api["text"]  # data stays data in JSON


def test_thread_page_shows_the_timeline(client):
    rows = client.get("/threads.json?steps=2").json()["rows"]
    assert rows, "the two SCM communiqués make threads"
    tid = rows[0]["id"]
    html = client.get(f"/threads/{tid}").text
    assert 'class="timeline"' in html and 'class="label label-' in html
    assert "Evidence" in html
    assert "Set status" not in html  # readers see no forms
    api = client.get(f"/api/threads/{tid}").json()
    assert api["id"] == tid and api["steps"]
    linked = [s for s in api["steps"] if s.get("similarity")]
    assert linked and all(s["reliability"]["judged"] > 0 for s in linked)  # every link says how far to trust it
    assert "held-out links this strong were right" in html
    assert client.get("/threads/T-none").status_code == 404


def test_diff_page_and_api(client):
    html = client.get("/diff", params={"old": "scm50-2018.txt", "new": "scm51-2019.txt"}).text
    assert 'class="diff"' in html and "dropped" in html and "<ins>" in html
    assert client.get("/diff").status_code == 200  # a default pair
    body = client.get("/api/diff", params={"old": "scm50-2018.txt", "new": "scm51-2019.txt"}).json()
    assert sum(body["counts"].values()) == len(body["changes"]) > 0
    assert client.get("/api/diff", params={"old": "x.txt", "new": "scm51-2019.txt"}).status_code == 404


def test_openapi_and_docs_page(client):
    schema = client.get("/api/openapi.json").json()
    assert "/api/statements" in schema["paths"] and "post" in schema["paths"]["/api/statements/{ident}/review"]
    html = client.get("/api/docs").text
    assert "/api/threads/{tid}/status" in html
    assert "cdn" not in html.lower()
    for path in ("/api/summary", "/api/documents", "/api/statements?limit=2", "/api/threads", "/api/glossary",
                 "/api/heatmap", "/api/deadlines", "/api/audit", "/api/statements/1"):
        assert client.get(path).status_code == 200, path
    assert len(client.get("/api/statements?limit=2").json()["rows"]) == 2


# --- who may write ----------------------------------------------------------------------------------

def test_api_writes_need_a_token_or_an_editor(fresh):
    body = {"action": "accept"}
    assert fresh.post("/api/statements/1/review", json=body).status_code == 401
    bad = fresh.post("/api/statements/1/review", json=body, headers={"Authorization": "Bearer nope-nope-nope"})
    assert bad.status_code == 401
    ok = fresh.post("/api/statements/1/review", json={"action": "correct", "changes": {"topics": ["cyber"]}},
                    headers={"Authorization": f"Bearer {TOKEN}"})
    assert ok.status_code == 200 and ok.json()["review"] == "corrected" and ok.json()["topics"] == ["cyber"]
    assert fresh.get("/api/audit").json()[-1]["user"] == "robot"
    tid = fresh.get("/threads.json").json()["rows"][0]["id"]
    assert fresh.post(f"/api/threads/{tid}/status", json={"status": "fulfilled"}).status_code == 401
    st = fresh.post(f"/api/threads/{tid}/status", json={"status": "fulfilled", "note": "done"},
                    headers={"Authorization": f"Bearer {TOKEN}"})
    assert st.status_code == 200 and st.json()["status"] == "fulfilled"
    bad_status = fresh.post(f"/api/threads/{tid}/status", json={"status": "bogus"},
                            headers={"Authorization": f"Bearer {TOKEN}"})
    assert bad_status.status_code == 400


def test_api_with_an_editor_session_needs_the_csrf_header(fresh):
    token = login(fresh)
    assert fresh.post("/api/statements/2/review", json={"action": "reject"}).status_code == 403
    r = fresh.post("/api/statements/2/review", json={"action": "reject"}, headers={"X-CSRF-Token": token})
    assert r.status_code == 200 and r.json()["review"] == "rejected"


def test_forms_check_csrf_and_editors(fresh):
    anon_csrf = csrf_of(fresh.get("/login").text)
    # A reader (no session user), even with a valid CSRF token, cannot review.
    r = fresh.post("/review/3", data={"csrf_token": anon_csrf, "action": "accept"}, follow_redirects=False)
    assert r.status_code == 403
    assert fresh.get("/review", follow_redirects=False).status_code == 303
    token = login(fresh)
    for bad in ({}, {"csrf_token": "forged"}):
        r = fresh.post("/review/3", data={"action": "accept", **bad}, follow_redirects=False)
        assert r.status_code == 403
    assert fresh.get("/api/statements/3").json()["review"] is None
    r = fresh.post("/review/3", data={"csrf_token": token, "action": "accept", "next": "/statements/3"},
                   follow_redirects=False)
    assert r.status_code == 303 and r.headers["location"] == "/statements/3"
    page = fresh.get("/statements/3").text
    assert "accepted" in page and "alice" in page
    r = fresh.post("/review/4", data={"csrf_token": token, "action": "correct", "actors": "usa, kor",
                                      "act": "pledge", "commitment": "true", "topics": "space"},
                   follow_redirects=False)
    assert r.status_code == 303
    s = fresh.get("/api/statements/4").json()
    assert s["review"] == "corrected" and s["act"] == "pledge" and s["topics"] == ["space"]
    # An open redirect is refused.
    r = fresh.post("/review/5", data={"csrf_token": token, "action": "accept", "next": "//evil.example/"},
                   follow_redirects=False)
    assert r.headers["location"] == "/review"


def test_editor_sets_thread_status_and_evidence(fresh):
    token = login(fresh)
    tid = fresh.get("/threads.json?steps=2").json()["rows"][0]["id"]
    page = fresh.get(f"/threads/{tid}").text
    assert "Set status" in page
    assert fresh.post(f"/threads/{tid}/status", data={"status": "fulfilled"}, follow_redirects=False).status_code == 403
    r = fresh.post(f"/threads/{tid}/status", data={"csrf_token": token, "status": "in_progress", "note": "on track",
                                                    "evidence": "1", "url": "https://example.org/report"},
                   follow_redirects=False)
    assert r.status_code == 303
    view = fresh.get(f"/api/threads/{tid}").json()
    assert view["status"] == "in_progress" and {e["kind"] for e in view["evidence"]} >= {"statement", "link"}
    bad = fresh.post(f"/threads/{tid}/status", data={"csrf_token": token, "url": "javascript:alert(1)"})
    assert bad.status_code == 400


def test_login_logout_and_wrong_password(fresh):
    token = csrf_of(fresh.get("/login").text)
    assert fresh.post("/login", data={"username": "alice", "password": "wonderland"}).status_code == 403
    r = fresh.post("/login", data={"csrf_token": token, "username": "alice", "password": "nope"})
    assert r.status_code == 401 and "wrong password" in r.text
    r = fresh.post("/login", data={"csrf_token": token, "username": "alice", "password": "wonderland",
                                   "next": "https://evil.example/"}, follow_redirects=False)
    assert r.headers["location"] == "/"
    page = fresh.get("/").text
    assert "Sign out" in page and 'href="/review"' in page
    new_token = csrf_of(page)
    assert new_token != token  # a fresh session on sign-in
    fresh.post("/logout", data={"csrf_token": new_token})
    assert "Sign out" not in fresh.get("/").text


def test_token_only_reading(tmp_path):
    app = create_app(webseed.copy_to(tmp_path), config=_config(read="token"))
    with TestClient(app) as c:
        assert c.get("/api/statements").status_code == 401
        assert c.get("/statements.json").status_code == 401
        assert c.get("/statements.json", headers={"Authorization": f"Bearer {TOKEN}"}).status_code == 200
        assert c.get("/api/statements", headers={"Authorization": f"Bearer {TOKEN}"}).status_code == 200
        r = c.get("/", follow_redirects=False)
        assert r.status_code == 303 and r.headers["location"].startswith("/login")
        login(c)
        assert c.get("/").status_code == 200
    app.state.store.close()


def test_passwords_and_tokens_config(tmp_path, monkeypatch):
    stored = hash_password("s3cret")
    assert stored.startswith("pbkdf2_sha256$") and "s3cret" not in stored
    assert check_password("s3cret", stored) and not check_password("other", stored)
    users = tmp_path / "editors.txt"
    users.write_text(f"# editors\nbob:{stored}\ncarol:plain-pass\n", encoding="utf-8")
    monkeypatch.setenv("PLEDGETRACK_EDITORS", f"@{users}")
    monkeypatch.setenv("PLEDGETRACK_API_TOKENS", "ci:abcdefgh12")
    cfg = WebConfig.from_env()
    assert cfg.check_editor("bob", "s3cret") and cfg.check_editor("carol", "plain-pass")
    assert not cfg.check_editor("bob", "x") and not cfg.check_editor("nobody", "s3cret")
    assert cfg.token_user("abcdefgh12") == "ci" and cfg.token_user("abcdefgh13") is None
    with pytest.raises(ValueError):
        WebConfig(read="everyone")


def test_serve_command_is_registered():
    from typer.testing import CliRunner

    from pledgetrack.cli.main import app as cli
    result = CliRunner().invoke(cli, ["serve", "--help"])
    assert result.exit_code == 0 and "--editors" in result.output


def test_csv_download_defuses_formulas():
    from pledgetrack.serialize import spreadsheet_safe
    assert spreadsheet_safe("=HYPERLINK(\"http://x\")") == "'=HYPERLINK(\"http://x\")"
    assert spreadsheet_safe("The two sides") == "The two sides"


def test_repeated_wrong_passwords_are_throttled(fresh):
    token = csrf_of(fresh.get("/login").text)
    for _ in range(5):
        r = fresh.post("/login", data={"csrf_token": token, "username": "alice", "password": "guess"})
        assert r.status_code == 401
    blocked = fresh.post("/login", data={"csrf_token": token, "username": "alice", "password": "wonderland"})
    assert blocked.status_code == 429 and int(blocked.headers["Retry-After"]) > 0
    assert "Sign out" not in fresh.get("/").text  # even the right password waits


def test_cached_pages_show_a_write_at_once(fresh):
    """The collection page, the reader and a listing's counts are kept between requests, never past a write."""
    doc = fresh.get("/api/documents").json()["rows"][0]["name"]
    commitments = fresh.get("/api/summary").json()["commitments"]
    assert f"<b>{commitments}</b> commitments" in fresh.get("/").text
    first = fresh.get(f"/api/statements?document={doc}&commitment=true&limit=1").json()
    s = first["rows"][0]
    assert f'id="t-{s["id"]}"' in fresh.get(f"/documents/{doc}").text
    before = fresh.get(f"/documents/{doc}").text.count('class="badge commitment"')
    ok = fresh.post(f"/api/statements/{s['id']}/review", json={"action": "correct", "changes": {"commitment": False}},
                    headers={"Authorization": f"Bearer {TOKEN}"})
    assert ok.status_code == 200
    again = fresh.get(f"/api/statements?document={doc}&commitment=true&limit=1").json()
    assert again["count"] == first["count"] - 1
    assert fresh.get(f"/documents/{doc}").text.count('class="badge commitment"') == before - 1
    assert f"<b>{commitments - 1}</b> commitments" in fresh.get("/").text
    assert fresh.get("/api/summary").json()["commitments"] == commitments - 1  # kept only while unchanged
    assert "#review" not in fresh.get(f"/documents/{doc}").text  # no editor signed in: no review links
    login(fresh)
    assert f'/statements/{s["id"]}#review' in fresh.get(f"/documents/{doc}").text


def test_cached_pages_show_a_write_by_another_process_at_once(fresh):
    """A write through another connection to the store (another server worker, a CLI review) is
    seen by the next request: the collection page is not served from before it."""
    commitments = fresh.get("/api/summary").json()["commitments"]
    assert f"<b>{commitments}</b> commitments" in fresh.get("/").text
    s = fresh.get("/api/statements?commitment=true&limit=1").json()["rows"][0]
    with Store.open(fresh.app.state.store.url) as other:
        other.review(s["key"], "correct", {"commitment": False}, user="bob")
    assert f"<b>{commitments - 1}</b> commitments" in fresh.get("/").text


def test_collection_page_shows_the_latest_meetings_of_a_large_collection(seeded):
    """Past ``web.collection_meetings`` meetings the heatmap keeps the latest, counted as the full
    heatmap counts them, and says how many it leaves to the charts; past ``collection_documents``
    a series lists its latest documents (the API's heatmap keeps every meeting)."""
    from pledgetrack import config
    from pledgetrack.web import queries as qs
    docs = qs.documents(seeded)
    full = qs.heatmap(seeded, docs)
    latest = qs.heatmap(seeded, docs, latest=2)
    newest = sorted((d for d in docs if d["date"]), key=lambda d: d["date"])[-2:]
    assert [m["doc"] for m in latest["meetings"]] == [d["name"] for d in docs if d in newest]
    assert latest["hidden"] == len(docs) - 2 > 0 and full["hidden"] == 0
    cell = {(r["topic"], c["doc"]): (c["count"], c["commitments"]) for r in full["rows"] for c in r["cells"]}
    assert all(cell[(r["topic"], c["doc"])] == (c["count"], c["commitments"]) for r in latest["rows"] for c in r["cells"])
    undated = qs.heatmap(seeded, [{**d, "date": None} for d in docs], latest=2)  # nothing dated: the last listed
    assert [m["doc"] for m in undated["meetings"]] == [d["name"] for d in docs[-2:]] and undated["rows"]
    base = config.defaults()
    small = base.model_copy(update={"web": base.web.model_copy(update={"collection_meetings": 2, "collection_documents": 1})})
    config.activate(small)
    try:
        with TestClient(create_app(seeded)) as c:
            html = c.get("/").text
            assert len(c.get("/api/heatmap").json()["meetings"]) == len(docs)
    finally:
        config.activate(None)
    assert html.count('<th scope="col" class="m">') == 2
    assert f"The latest 2 meetings; the {len(docs) - 2:,} before them" in html
    scm = [d for d in docs if d["series"] == "SCM"]
    assert len(scm) > 1 and f"The latest 1; all {len(scm)} in the" in html
    assert f"/documents/{scm[-1]['name']}" in html and f'href="/documents/{scm[0]["name"]}"' not in html


def test_collection_content_is_rendered_once_per_store_state(fresh, monkeypatch):
    """The collection's counts, heatmap and documents are the same for every visitor: rendered once,
    served to a visitor and to a signed-in editor alike, rendered again after a write."""
    from pledgetrack.web import pages
    rendered = []
    get_template = pages.env.get_template
    monkeypatch.setattr(pages.env, "get_template",
                        lambda name, *a, **kw: rendered.append(name) or get_template(name, *a, **kw))
    first = fresh.get("/").text
    assert fresh.get("/").text.count('class="heatmap"') == 1
    login(fresh)
    editor = fresh.get("/").text
    assert "Sign out" in editor and "Sign out" not in first
    assert editor.split("<h1>Collection</h1>")[1] == first.split("<h1>Collection</h1>")[1]
    assert rendered.count("collection_body.html") == 1
    s = fresh.get("/api/statements?limit=1").json()["rows"][0]
    fresh.post(f"/api/statements/{s['id']}/review", json={"action": "accept"},
               headers={"Authorization": f"Bearer {TOKEN}"}).raise_for_status()
    fresh.get("/")
    assert rendered.count("collection_body.html") == 2


def test_open_reading_is_decided_without_the_thread_pool(client, monkeypatch):
    """An open store's read check runs in the event loop: only the page itself takes a pool thread."""
    import fastapi.dependencies.utils as deps

    from pledgetrack.web import auth
    pooled = []
    real = deps.run_in_threadpool

    async def counted(fn, *a, **kw):
        pooled.append(fn)
        return await real(fn, *a, **kw)
    monkeypatch.setattr(deps, "run_in_threadpool", counted)
    monkeypatch.setattr(auth, "run_in_threadpool", counted)
    assert client.get("/statements?q=deterrence").status_code == 200
    assert client.get("/api/statements?limit=1").status_code == 200
    assert pooled == []


def test_statement_panels_name_the_threads_they_are_in(app, client):
    """The reader's panel and the statement page link each thread of a statement by its title
    (every thread, where the statement merged two pledges), not by an id."""
    from markupsafe import escape
    store = app.state.store
    held: dict[str, list[dict]] = {}
    for th in store.threads():
        for s in th["statements"]:
            held.setdefault(s["key"], []).append(th)
    name = "scm51-2019.txt"
    rows = store.statements(document=name)
    linked = [s for s in rows if s["key"] in held]
    assert linked
    html = client.get(f"/documents/{name}").text
    for s in linked[:5]:
        panel = html.split(f'<template id="t-{s["id"]}">', 1)[1].split("</template>", 1)[0]
        for th in held[s["key"]]:
            assert f'href="/threads/{th["id"]}">{escape(th["title"])}</a>' in panel
        assert "the commitment across meetings" not in panel
    several = next((s for s in rows if len(held.get(s["key"], [])) > 1), None)
    if several is not None:
        page = client.get(f"/statements/{several['id']}").text
        assert "<dt>Threads</dt>" in page and all(f'href="/threads/{th["id"]}"' in page for th in held[several["key"]])
