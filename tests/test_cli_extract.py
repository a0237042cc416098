"""The machine interface `pledgetrack extract FILE... --format jsonl` (spec/INTERFACE.md)."""
from __future__ import annotations

import json
from pathlib import Path

from typer.testing import CliRunner

from pledgetrack.cli.main import app

ROOT = Path(__file__).resolve().parents[1]
SEED = ROOT / "corpus" / "seeds" / "scm51-joint-communique.txt"
runner = CliRunner()


def extract(*args: str):
    return runner.invoke(app, ["extract", *args])


def test_jsonl_has_the_interface_fields_and_is_deterministic():
    first = extract(str(SEED), "--format", "jsonl")
    second = extract(str(SEED), "--format", "jsonl")
    assert first.exit_code == 0
    assert first.stdout == second.stdout
    rows = [json.loads(line) for line in first.stdout.splitlines()]
    assert len(rows) > 80
    for row in rows:
        assert {"id", "doc", "sentence", "trigger", "act", "actors", "commitment", "topics", "start", "end"} <= row.keys()
        assert row["doc"] == SEED.name and row["id"].startswith(SEED.name + ":")
    text_rows = {r["id"] for r in rows}
    assert len(text_rows) == len(rows)  # ids are unique


def test_bad_files_give_one_error_line_each_and_the_rest_is_processed(tmp_path):
    empty = tmp_path / "empty.txt"
    empty.write_text("")
    binary = tmp_path / "blob.txt"
    binary.write_bytes(b"\x00\x01\x02\x03" * 100)
    result = extract(str(empty), str(tmp_path / "missing.txt"), str(binary), str(SEED), "--format", "jsonl")
    assert result.exit_code == 1
    errors = [line for line in result.stderr.splitlines() if line.startswith("error:")]
    assert len(errors) == 3
    assert all(len(e) < 200 for e in errors)
    assert len(result.stdout.splitlines()) > 80


def test_output_file_is_written_whole(tmp_path):
    target = tmp_path / "statements.jsonl"
    result = extract(str(SEED), "--output", str(target))
    assert result.exit_code == 0
    assert sum(1 for _ in target.open()) > 80
    assert not (tmp_path / "statements.jsonl.part").exists()
    assert "scm51-joint-communique.txt" in result.stdout  # the summary table


def test_date_option_and_warning():
    seed = ROOT / "corpus" / "seeds" / "defense-ministers-singapore-joint-statement.txt"
    warned = extract(str(seed), "--format", "jsonl")
    assert "pass --date" in warned.stderr
    dated = extract(str(seed), "--format", "jsonl", "--date", "2018-06-02")
    assert "pass --date" not in dated.stderr
    bad = extract(str(seed), "--date", "June 2")
    assert bad.exit_code == 1 and "YYYY-MM-DD" in bad.stderr


def test_csv_and_glossary():
    result = extract(str(SEED), "--format", "csv")
    assert result.stdout.splitlines()[0].startswith("id,doc,paragraph,trigger,act")
    glossary = runner.invoke(app, ["glossary", str(SEED), "--format", "jsonl"])
    terms = {json.loads(line)["term"]: json.loads(line)["expansion"] for line in glossary.stdout.splitlines()}
    assert terms["SCM"] == "Security Consultative Meeting"


def test_one_date_for_many_files_fills_only_missing_dates():
    seeds = sorted(str(p) for p in (ROOT / "corpus" / "seeds").glob("*.txt"))
    linked = runner.invoke(app, ["link", *seeds, "--format", "jsonl", "--date", "2018-06-02"])
    dates = {step["doc"]: step["date"] for line in linked.stdout.splitlines() for step in json.loads(line)["steps"]}
    assert dates["scm51-joint-communique.txt"] == "2019-11-15"  # the text's own date stands
    assert dates["defense-ministers-singapore-joint-statement.txt"] == "2018-06-02"
