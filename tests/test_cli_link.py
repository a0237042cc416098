"""The machine interface of `link` and `diff` (spec/INTERFACE.md) and the human forms of `timeline`."""
from __future__ import annotations

import json
from pathlib import Path

from typer.testing import CliRunner

from pledgetrack.cli.main import app

ROOT = Path(__file__).resolve().parents[1]
SEEDS = sorted(str(p) for p in (ROOT / "corpus" / "seeds").glob("*.txt"))
OLD, NEW = (str(ROOT / "corpus" / "alliance" / n) for n in ("scm50-2018.txt", "scm51-2019.txt"))
runner = CliRunner()


def invoke(*args: str):
    return runner.invoke(app, list(args))


def test_link_jsonl_threads_use_the_extract_ids():
    linked = invoke("link", *SEEDS, "--format", "jsonl", "--date", "2018-06-02")
    extracted = invoke("extract", *SEEDS, "--format", "jsonl", "--date", "2018-06-02")
    assert linked.exit_code == 0 and extracted.exit_code == 0
    ids = {json.loads(line)["id"] for line in extracted.stdout.splitlines()}
    threads = [json.loads(line) for line in linked.stdout.splitlines()]
    assert threads and all({"thread", "statements", "steps"} <= t.keys() for t in threads)
    assert {s for t in threads for s in t["statements"]} == ids  # every statement in one thread
    labels = {step["label"] for t in threads for step in t["steps"]}
    assert labels <= {"new", "reaffirmed", "reworded", "strengthened", "weakened", "dropped", "restored"}
    assert any(len(t["statements"]) > 1 for t in threads)
    assert linked.stdout == invoke("link", *SEEDS, "--format", "jsonl", "--date", "2018-06-02").stdout


def test_link_table_marks_the_links_to_check():
    table = invoke("link", OLD, NEW, "--full")
    assert table.exit_code == 0
    records = [json.loads(line) for line in invoke("link", OLD, NEW, "--format", "jsonl").stdout.splitlines()]
    weak = [s for t in records for s in t["steps"] if (s.get("reliability") or {}).get("check")]
    assert weak and f"{weak[0]['label']}?" in table.stdout  # the label of a weak link carries the mark
    assert "? after a label" in table.stdout


def test_diff_json_and_human_formats(tmp_path):
    result = invoke("diff", OLD, NEW, "--format", "json")
    assert result.exit_code == 0
    diff = json.loads(result.stdout)
    assert diff["old"]["doc"] == "scm50-2018.txt" and diff["new"]["number"] == 51
    first = diff["changes"][0]
    assert first["change"] in {"dropped", "weakened"} and (first["old"] or {}).get("commitment")
    for fmt in ("md", "html", "text"):
        target = tmp_path / f"diff.{fmt}"
        assert invoke("diff", OLD, NEW, "--format", fmt, "--output", str(target)).exit_code == 0
        assert target.stat().st_size > 1000


def test_timeline_table_chart_and_page(tmp_path):
    chart, page = tmp_path / "t.svg", tmp_path / "t.html"
    scm = sorted(str(p) for p in (ROOT / "corpus" / "alliance").glob("scm5[0-2]-20??.txt"))
    result = invoke("timeline", *scm, "--chart", str(chart), "--html", str(page))
    assert result.exit_code == 0 and "2019" in result.stdout
    assert chart.read_text().startswith("<svg") and "<svg" in page.read_text()
    assert "http" not in page.read_text().replace("http://www.w3.org/2000/svg", "")  # self-contained


def test_diff_of_a_missing_file_fails_with_one_line():
    result = invoke("diff", OLD, str(ROOT / "no-such-file.txt"))
    assert result.exit_code == 1
    assert [line for line in result.stderr.splitlines() if line.startswith("error:")] == [
        "error: no-such-file.txt: no such file"]
