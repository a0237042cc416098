"""Listings at any size: keyset pages with next links (HTML, JSON, API), limit honoured, sorts and
a date range, streamed CSV, response models in the OpenAPI schema."""
from __future__ import annotations

import csv
import io
import re
import sys
from pathlib import Path

import pytest

pytest.importorskip("fastapi")
from fastapi.testclient import TestClient  # noqa: E402

sys.path.insert(0, str(Path(__file__).parent / "fixtures" / "web"))
import webseed  # noqa: E402

from pledgetrack.web import WebConfig, create_app  # noqa: E402


@pytest.fixture(scope="module")
def client(tmp_path_factory):
    app = create_app(webseed.copy_to(tmp_path_factory.mktemp("listings")), config=WebConfig(secret="s"))
    with TestClient(app) as c:
        yield c
    app.state.store.close()


def _follow(client, url: str) -> tuple[list[dict], int]:
    rows, pages = [], 0
    while url:
        body = client.get(url).json()
        rows.extend(body["rows"])
        pages += 1
        url = body["next_url"]
    return rows, pages


def test_api_statements_page_by_next_url(client):
    first = client.get("/api/statements?limit=7&commitment=true").json()
    assert len(first["rows"]) == 7 and first["next_url"] and "after=" in first["next_url"]
    rows, pages = _follow(client, "/api/statements?limit=7&commitment=true")
    assert len(rows) == first["count"] == len({r["id"] for r in rows}) and pages == -(-first["count"] // 7)
    assert all(r["commitment"] for r in rows)
    assert client.get("/api/statements?limit=0").status_code == 422
    assert client.get("/api/statements?after=garbage").status_code == 400


def test_json_listing_is_paged_and_csv_streams_every_row(client):
    body = client.get("/statements.json?limit=10").json()
    assert len(body["rows"]) == 10 and body["count"] > 10 and body["next_url"]
    table = client.get("/statements.csv").text
    assert len(list(csv.DictReader(io.StringIO(table)))) == body["count"]
    five = client.get("/statements.csv?limit=5").text
    assert len(list(csv.DictReader(io.StringIO(five)))) == 5
    assert client.get("/statements.json?limit=abc").status_code == 400


def test_html_listing_has_a_next_link_that_continues(client):
    html = client.get("/statements").text
    link = re.search(r'<a rel="next" href="([^"]+)"', html)
    assert link
    second = client.get("/statements" + link.group(1).replace("&amp;", "&")).text
    first_ids = set(re.findall(r'id="s(\d+)"', html))
    second_ids = set(re.findall(r'id="s(\d+)"', second))
    assert first_ids and second_ids and not first_ids & second_ids
    assert "first page" in second


def test_sort_and_date_range(client):
    newest, _ = _follow(client, "/api/statements?sort=-date&limit=40")
    dates = [r["date"] or "9999" for r in newest]
    assert dates == sorted(dates, reverse=True)
    strongest = client.get("/api/statements?sort=-strength&limit=20").json()["rows"]
    assert [r["strength"] for r in strongest] == sorted((r["strength"] for r in strongest), reverse=True)
    ranged, _ = _follow(client, "/api/statements?from=2019-06&to=2020&limit=50")
    assert ranged and all("2019-06-01" <= r["date"] <= "2020-12-31" for r in ranged)
    assert client.get("/api/statements?sort=colour").status_code == 400
    assert client.get("/statements?from=June").status_code == 400
    html = client.get("/statements?sort=-strength").text
    assert "<strong>strongest first</strong>" in html
    searched = client.get("/api/statements?q=alliance&sort=-date&limit=30").json()
    assert "sort" not in searched["filters"]  # a search is in order of relevance
    assert searched["rows"] == client.get("/api/statements?q=alliance&limit=30").json()["rows"]


def test_search_pages_and_threads_honour_limit(client):
    first = client.get("/api/search", params={"q": "alliance", "limit": 4}).json()
    assert first["count"] == 4 and first["next_url"]
    second = client.get(first["next_url"]).json()
    assert not {h["statement"]["id"] for h in first["hits"]} & {h["statement"]["id"] for h in second["hits"]}
    assert first["hits"][-1]["score"] >= second["hits"][0]["score"]
    threads = client.get("/api/threads?limit=2").json()
    assert len(threads["rows"]) == 2 and threads["count"] > 2 and threads["next_url"]
    rest, _ = _follow(client, "/api/threads?limit=25")
    assert len(rest) == threads["count"] == len({r["id"] for r in rest})


def test_openapi_describes_the_responses(client):
    schema = client.get("/api/openapi.json").json()
    ok = schema["paths"]["/api/statements"]["get"]["responses"]["200"]["content"]["application/json"]["schema"]
    assert ok["$ref"].endswith("/StatementsPage")
    page = schema["components"]["schemas"]["StatementsPage"]["properties"]
    assert {"rows", "next_url", "facets", "count"} <= set(page)
    assert "actors" in schema["components"]["schemas"]["StatementOut"]["properties"]
    params = {p["name"]: p for p in schema["paths"]["/api/statements"]["get"]["parameters"]}
    assert params["from"]["description"] and params["sort"]["description"]


def test_search_counts_and_facets_cover_every_hit(client):
    body = client.get("/statements.json", params={"q": "alliance", "limit": 5}).json()
    hits, _ = _follow(client, "/statements.json?q=alliance&limit=40")
    assert body["count"] == len(hits) and not body["count_capped"]
    assert sum(n for _, n in body["facets"]["act"]) == len(hits)
    later = client.get(body["next_url"]).json()
    assert later["count"] == body["count"] and later["facets"] == body["facets"]


def test_thread_listing_pages_in_html_json_and_csv(client):
    body = client.get("/threads.json?steps=1&limit=5").json()
    assert len(body["rows"]) == 5 and body["count"] > 5 and body["next_url"]
    rows, _ = _follow(client, "/threads.json?steps=1&limit=5")
    assert len(rows) == body["count"] == len({r["id"] for r in rows})
    table = list(csv.DictReader(io.StringIO(client.get("/threads.csv?steps=1").text)))
    assert [r["id"] for r in table] == [r["id"] for r in rows]
    html = client.get("/threads?steps=1").text
    link = re.search(r'<a rel="next" href="([^"]+)"', html)
    assert link and f"({body['count']})" in html
    second = client.get("/threads" + link.group(1).replace("&amp;", "&")).text
    first_ids = set(re.findall(r'href="/threads/([^"]+)"', html))
    second_ids = set(re.findall(r'href="/threads/([^"]+)"', second))
    assert first_ids and second_ids and not first_ids & second_ids
    assert client.get("/threads?steps=two").status_code == 400
    assert client.get("/api/threads?after=garbage").status_code == 400


def test_api_deadlines_page_by_next_url(client):
    whole = client.get("/api/deadlines?today=2100-01-01&limit=1000").json()
    assert whole["rows"] and whole["next_url"] is None
    first = client.get("/api/deadlines?today=2100-01-01&limit=2").json()
    assert len(first["rows"]) == 2 and "after=" in first["next_url"] and "today=2100-01-01" in first["next_url"]
    rows, _ = _follow(client, "/api/deadlines?today=2100-01-01&limit=2")
    assert rows == whole["rows"]
    assert client.get("/api/deadlines?today=2100-01-01&after=garbage").status_code == 400


def test_api_deadlines_pages_are_kept_until_the_store_changes(client, monkeypatch):
    store = client.app.state.store
    calls, real = [], store.deadlines_page
    monkeypatch.setattr(store, "deadlines_page", lambda *a, **k: calls.append(1) or real(*a, **k))
    url = "/api/deadlines?today=2099-01-01&limit=3"
    first = client.get(url).json()
    assert client.get(url).json() == first and len(calls) == 1
    store.set_status(first["rows"][0]["thread"], None, "the working group met", "ana")  # a write
    after = client.get(url).json()
    assert len(calls) == 2 and first["rows"][0]["thread"] not in {r["thread"] for r in after["rows"]}
