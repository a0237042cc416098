"""Exports of a diff and a thread (CSV, Markdown, JSON, Word) from the CLI, the pages and the API,
and an output format added by a plugin through the ``pledgetrack`` entry-point group."""
from __future__ import annotations

import csv
import io
import sys
from pathlib import Path

import pytest
from docx import Document as WordDocument
from fastapi.testclient import TestClient
from typer.testing import CliRunner

from pledgetrack import plugins
from pledgetrack.cli.main import app as cli
from pledgetrack.exports import formats
from pledgetrack.web import WebConfig, create_app

sys.path.insert(0, str(Path(__file__).parent / "fixtures" / "web"))
import webseed  # noqa: E402

OLD = ("Joint Statement of the Ministers\n\nNovember 3, 2022\n\n"
       "1. The Minister and the Secretary pledged to hold joint naval exercises every year.\n\n"
       "2. The two sides committed to complete the new radar base by 2025.\n")
NEW = ("Joint Statement of the Ministers\n\nNovember 2, 2023\n\n"
       "1. The Minister and the Secretary pledged to hold joint naval exercises every year.\n\n"
       "2. The two sides noted the report on fisheries.\n")


@pytest.fixture
def texts(tmp_path):
    (tmp_path / "old.txt").write_text(OLD)
    (tmp_path / "new.txt").write_text(NEW)
    return tmp_path


def test_diff_exports_from_the_cli(texts):
    runner = CliRunner()
    args = ["diff", str(texts / "old.txt"), str(texts / "new.txt")]
    r = runner.invoke(cli, [*args, "-f", "csv"])
    assert r.exit_code == 0, r.output
    rows = list(csv.DictReader(io.StringIO(r.stdout)))
    assert rows[0]["change"] == "dropped" and "radar base" in rows[0]["old_sentence"]
    assert {row["change"] for row in rows} >= {"dropped", "new", "reaffirmed"}
    r = runner.invoke(cli, [*args, "-f", "docx", "-o", str(texts / "d.docx")])
    assert r.exit_code == 0, r.output
    word = WordDocument(str(texts / "d.docx"))
    assert word.paragraphs[0].text.startswith("What changed")
    table = word.tables[0]
    assert table.rows[0].cells[0].text == "change" and table.rows[1].cells[0].text == "dropped"
    r = runner.invoke(cli, [*args, "-f", "yaml"])
    assert r.exit_code == 1 and "no output format 'yaml'" in r.stderr


@pytest.fixture(scope="module")
def client(tmp_path_factory):
    app = create_app(webseed.copy_to(tmp_path_factory.mktemp("exports")), config=WebConfig(secret="s"))
    with TestClient(app) as c:
        yield c
    app.state.store.close()


def _thread_id(client) -> str:
    rows = client.get("/api/threads?steps=2").json()["rows"]
    return rows[0]["id"]


def test_thread_and_diff_downloads_on_the_pages_and_the_api(client):
    tid = _thread_id(client)
    page = client.get(f"/threads/{tid}").text
    for fmt in ("csv", "md", "docx", "json"):
        assert f'href="/threads/{tid}.{fmt}"' in page
    r = client.get(f"/threads/{tid}.csv")
    assert r.status_code == 200 and r.headers["content-disposition"] == f'attachment; filename="thread-{tid}.csv"'
    steps = list(csv.DictReader(io.StringIO(r.text)))
    assert len(steps) >= 2 and steps[0]["label"] == "new"
    r = client.get(f"/threads/{tid}.docx")
    assert r.headers["content-type"].startswith("application/vnd.openxmlformats")
    assert WordDocument(io.BytesIO(r.content)).tables[0].rows[0].cells[2].text == "label"
    assert client.get(f"/api/threads/{tid}?format=md").text.startswith(f"# Thread {tid}")
    assert client.get(f"/threads/{tid}.yaml").status_code == 404

    q = "old=scm50-2018.txt&new=scm51-2019.txt"
    assert 'href="/diff.md?old=scm50-2018.txt&amp;new=scm51-2019.txt"' in client.get(f"/diff?{q}").text
    md = client.get(f"/diff.md?{q}")
    assert md.status_code == 200 and md.text.startswith("# What changed") and "| change |" in md.text
    api = client.get(f"/api/diff?{q}&format=csv")
    assert api.headers["content-type"].startswith("text/csv") and api.text.startswith("change,commitment")
    assert "changes" in client.get(f"/api/diff?{q}").json()  # without format: the JSON record as before


@pytest.fixture
def example_plugin(tmp_path, monkeypatch):
    """The example plugin installed as a distribution with a ``pledgetrack`` entry point."""
    dist = tmp_path / "pledgetrack_example_tsv-0.1.dist-info"
    dist.mkdir()
    (dist / "METADATA").write_text("Metadata-Version: 2.1\nName: pledgetrack-example-tsv\nVersion: 0.1\n")
    (dist / "entry_points.txt").write_text("[pledgetrack]\nexample_tsv = pledgetrack_example_tsv\n")
    monkeypatch.syspath_prepend(str(tmp_path))
    monkeypatch.syspath_prepend(str(Path(__file__).parent / "plugins"))
    plugins.reload()
    yield
    monkeypatch.undo()
    plugins.reload()


def test_a_plugin_adds_an_output_format(example_plugin, texts, client):
    assert "tsv" in formats() and "csv" in formats()
    r = CliRunner().invoke(cli, ["diff", str(texts / "old.txt"), str(texts / "new.txt"), "-f", "tsv"])
    assert r.exit_code == 0, r.output
    assert r.stdout.splitlines()[0].split("\t")[:2] == ["change", "commitment"]
    tid = _thread_id(client)
    assert f'href="/threads/{tid}.tsv"' in client.get(f"/threads/{tid}").text
    assert client.get(f"/threads/{tid}.tsv").text.startswith("date\tdoc\tlabel")


def test_without_the_plugin_there_is_no_such_format():
    assert "tsv" not in formats()
