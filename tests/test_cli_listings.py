"""The listing commands page: --limit, --after (the cursor printed under a page), --sort."""
from __future__ import annotations

import json

import pytest
from typer.testing import CliRunner

from pledgetrack.cli.main import app
from pledgetrack.store import Store

runner = CliRunner()


def _rows(result) -> list[dict]:
    return [json.loads(line) for line in result.stdout.splitlines() if line.strip()]


@pytest.mark.parametrize("backend", ["sqlite"], indirect=True)
def test_statements_page_with_a_cursor(seeded_url):
    db = ["--db", seeded_url]
    first = runner.invoke(app, ["statements", "-n", "5", "-f", "jsonl", "--sort", "-strength", *db])
    assert first.exit_code == 0, first.output
    rows = _rows(first)
    assert len(rows) == 5 and "next page: --after " in first.stderr
    cursor = first.stderr.split("--after ", 1)[1].split()[0]
    second = _rows(runner.invoke(app, ["statements", "-n", "5", "-f", "jsonl", "--sort", "-strength",
                                       "--after", cursor, *db]))
    assert len(second) == 5 and not {r["id"] for r in rows} & {r["id"] for r in second}
    strengths = [r["strength"] for r in rows + second]
    assert strengths == sorted(strengths, reverse=True)
    everything = _rows(runner.invoke(app, ["statements", "-f", "jsonl", "--actor", "KOR", *db]))
    with Store.open(seeded_url) as store:
        assert len(everything) == store.count(actor="KOR") > 5
    bad = runner.invoke(app, ["statements", "--sort", "colour", *db])
    assert bad.exit_code == 1 and "cannot sort by" in bad.stderr
