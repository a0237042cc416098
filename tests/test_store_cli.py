"""The store's commands, end to end through the CLI (SQLite and PostgreSQL)."""
from __future__ import annotations

import json

from conftest import SEED_FILES
from typer.testing import CliRunner

from pledgetrack.cli.main import app

runner = CliRunner()


def test_cli_store_commands(seeded_url, tmp_path):
    db = ["--db", seeded_url]
    r = runner.invoke(app, ["ingest", *map(str, SEED_FILES[:2]), *db])
    assert r.exit_code == 0, r.output
    r = runner.invoke(app, ["ingest", str(tmp_path / "missing.txt"), str(SEED_FILES[0]), *db])
    assert r.exit_code == 1
    r = runner.invoke(app, ["search", "nuclear deterrence", "--actor", "USA", "-f", "jsonl", *db])
    hits = [json.loads(x) for x in r.stdout.splitlines()]
    assert r.exit_code == 0 and hits and all("«" in h["highlight"] for h in hits)
    key = hits[0]["key"]
    r = runner.invoke(app, ["review", key, "correct", "--actors", "USA", "--topics", "deterrence", "--user", "ana", *db])
    assert r.exit_code == 0, r.output
    r = runner.invoke(app, ["statements", "--review", "corrected", "-f", "jsonl", *db])
    assert [json.loads(x)["key"] for x in r.stdout.splitlines()] == [key]
    r = runner.invoke(app, ["threads", "--singletons", "-f", "jsonl", *db])
    thread = json.loads(r.stdout.splitlines()[0])["id"]
    r = runner.invoke(app, ["status", thread, "--set", "lapsed", "--note", "never happened", "--user", "ana", *db])
    assert r.exit_code == 0 and "lapsed" in r.stdout
    r = runner.invoke(app, ["compliance", thread, "-f", "json", *db])
    assert r.exit_code == 0 and json.loads(r.stdout)["status"] == "lapsed"
    r = runner.invoke(app, ["deadlines", "--today", "2100-01-01", "-f", "jsonl", *db])
    assert r.exit_code == 0 and r.stdout.strip()
    r = runner.invoke(app, ["export", "all", "--format", "csv", "-o", str(tmp_path / "dump"), *db])
    assert r.exit_code == 0 and (tmp_path / "dump" / "statements.csv").exists()
    out = tmp_path / "prodigy.jsonl"
    assert runner.invoke(app, ["export", "statements", "-f", "prodigy", "-o", str(out), *db]).exit_code == 0
    first = json.loads(out.read_text().splitlines()[0])
    first["answer"] = "reject"
    (tmp_path / "back.jsonl").write_text(json.dumps(first) + "\n")
    r = runner.invoke(app, ["import", str(tmp_path / "back.jsonl"), "-f", "prodigy", "--user", "team", *db])
    assert r.exit_code == 0, r.output
    r = runner.invoke(app, ["stats", "-f", "json", *db])
    summary = json.loads(r.stdout)
    assert summary["reviews"]["rejected"] == 1 and summary["reviews"]["corrected"] == 1
    r = runner.invoke(app, ["review", "nope", "accept", *db])
    assert r.exit_code == 1
