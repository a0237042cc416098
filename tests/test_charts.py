"""Charts over a store (server-rendered SVG, PNG from the CLI), the review queue's order and bulk
accept, the API reference's parameter descriptions, and the favicon."""
from __future__ import annotations

import re
import sys
from pathlib import Path
from xml.etree import ElementTree

import pytest
from fastapi.testclient import TestClient
from typer.testing import CliRunner

from pledgetrack.cli.main import app as cli
from pledgetrack.web import WebConfig, create_app

sys.path.insert(0, str(Path(__file__).parent / "fixtures" / "web"))
import webseed  # noqa: E402

SVG = "{http://www.w3.org/2000/svg}"


@pytest.fixture(scope="module")
def db(tmp_path_factory) -> Path:
    return webseed.copy_to(tmp_path_factory.mktemp("charts"))


@pytest.fixture(scope="module")
def client(db):
    cfg = WebConfig(secret="s")
    cfg.add_editors("alice:wonderland")
    app = create_app(db, config=cfg)
    with TestClient(app) as c:
        yield c
    app.state.store.close()


def _svg(client, url: str) -> ElementTree.Element:
    r = client.get(url)
    assert r.status_code == 200 and r.headers["content-type"].startswith("image/svg+xml")
    return ElementTree.fromstring(r.text)  # well-formed XML


def test_collection_charts_count_commitments(client):
    scm = client.app.state.store.statements(commitment=True, series="SCM")
    root = _svg(client, "/charts/topics.svg?series=SCM")
    tips = [t.text for t in root.iter(f"{SVG}title") if t.text and ": " in t.text and " · " in t.text]
    # each bar segment is "meeting · year: topic n"; per meeting they add up to its commitments by topic
    drawn = sum(int(t.rsplit(" ", 1)[1]) for t in tips if re.search(r": \S+ \d+$", t))
    assert drawn == sum(len(r["topics"]) or 1 for r in scm)
    root = _svg(client, "/charts/parties.svg")
    assert {t.text.split(" ")[0] for t in root.iter(f"{SVG}title") if t.text and "commitments" in t.text} >= {"KOR", "USA"}
    root = _svg(client, "/charts/outcomes.svg")
    assert any((t.text or "").startswith("SCM: ") for t in root.iter(f"{SVG}title"))
    assert client.get("/charts/bogus.svg").status_code == 404


def test_thread_chart_and_links(client):
    tid = client.get("/api/threads?steps=2").json()["rows"][0]["id"]
    steps = client.get(f"/api/threads/{tid}").json()["steps"]
    root = _svg(client, f"/charts/threads/{tid}.svg")
    circles = list(root.iter(f"{SVG}circle"))
    assert len(circles) == len([s for s in steps if s["date"]])
    assert f'src="/charts/threads/{tid}.svg"' in client.get(f"/threads/{tid}").text
    assert 'href="/charts?series=SCM"' in client.get("/").text
    page = client.get("/charts?series=SCM").text
    assert 'src="/charts/topics.svg?series=SCM"' in page and 'src="/charts/outcomes.svg?series=SCM"' in page
    assert client.get("/charts?series=Nope").status_code == 404


def test_chart_files_from_the_cli(db, tmp_path):
    runner = CliRunner()
    r = runner.invoke(cli, ["chart", "topics", "--series", "SCM", "--db", str(db), "-o", str(tmp_path / "t.png")])
    assert r.exit_code == 0, r.output
    assert (tmp_path / "t.png").read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    r = runner.invoke(cli, ["chart", "outcomes", "--db", str(db)])
    assert r.exit_code == 0 and ElementTree.fromstring(r.stdout).tag == f"{SVG}svg"
    r = runner.invoke(cli, ["chart", "thread", "--db", str(db)])
    assert r.exit_code == 1 and "needs --thread" in r.stderr
    r = runner.invoke(cli, ["chart", "topics", "--db", str(db), "-o", str(tmp_path / "t.gif")])
    assert r.exit_code == 1 and "ends in .svg or .png" in r.stderr


def _login(client):
    page = client.get("/login").text
    token = re.search(r'name="csrf_token" value="([^"]+)"', page).group(1)
    r = client.post("/login", data={"csrf_token": token, "username": "alice", "password": "wonderland", "next": "/review"})
    assert r.status_code in (200, 303)
    return token


def test_review_queue_least_certain_first_and_bulk_accept(client):
    _login(client)
    page = client.get("/review").text
    shown = [float(x) for x in re.findall(r"confidence (\d\.\d\d)", page)]
    assert len(set(shown)) > 1 and shown == sorted(shown)  # the extraction's confidence, least first
    ids = re.findall(r'name="ids" value="(\d+)"', page)[:3]
    token = re.search(r'name="csrf_token" value="([^"]+)"', page).group(1)
    r = client.post("/review/bulk", data={"csrf_token": token, "action": "accept", "ids": ids, "next": "/review"},
                    follow_redirects=False)
    assert r.status_code == 303
    for i in ids:
        assert client.get(f"/api/statements/{i}").json()["review"] == "accepted"
    assert client.post("/review/bulk", data={"csrf_token": "wrong", "ids": ids}).status_code in (400, 403)


def test_api_reference_describes_parameters_and_favicon(client):
    schema = client.get("/api/openapi.json").json()
    params = {p["name"]: p.get("description") for p in schema["paths"]["/api/statements"]["get"]["parameters"]}
    assert all(params.values()), params
    docs = client.get("/api/docs").text
    assert "`" not in re.sub(r"<code>.*?</code>", "", docs.split("<main>")[1])
    assert "<code>Authorization: Bearer ...</code>" in docs
    assert client.get("/favicon.ico").headers["content-type"].startswith("image/svg+xml")
    assert 'rel="icon"' in client.get("/").text


def test_acts_are_coloured_by_family(client):
    from pledgetrack.web.acts import act_class, act_family, by_family
    assert [act_family(a) for a in ("decide", "pledge", "will", "intend", "reaffirm", "welcome", "urge", "note",
                                    "discuss", "launch")] == [
        "decide", "commit", "commit", "intend", "affirm", "welcome", "call", "note", "procedural", "other"]
    assert act_class("pledge") == "act-pledge fam-commit"
    assert by_family(["note", "pledge", "decide"]) == ["decide", "pledge", "note"]
    page = client.get("/documents/scm51-2019.txt").text
    assert 'class="st act-pledge fam-commit' in page and "fam-affirm" in page
