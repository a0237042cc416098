"""Terminal output: every table reads at 80 columns (one line a row, --full wraps), progress lines
when stderr is not a terminal, and search reports the total behind --limit."""
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from pledgetrack.cli.main import app

sys.path.insert(0, str(Path(__file__).parent / "fixtures" / "web"))
import webseed  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module")
def db(tmp_path_factory) -> str:
    return str(webseed.copy_to(tmp_path_factory.mktemp("tables")))


def run(*args: str, columns: int = 80):
    r = CliRunner().invoke(app, list(args), env={"COLUMNS": str(columns)})
    assert r.exit_code == 0, r.output
    return r


@pytest.mark.parametrize("command", [["statements"], ["threads"], ["deadlines", "--today", "2100-01-01"], ["stats"]])
def test_store_tables_fit_80_columns(db, command):
    r = run(*command, "--db", db)
    lines = r.stdout.splitlines()
    assert lines and max(map(len, lines)) <= 80, max(lines, key=len)


def test_one_line_a_row_unless_full(db):
    short = run("statements", "--db", db).stdout.splitlines()
    n = int(short[0].split("(")[1].split()[0].rstrip(")"))  # "Statements (50 of 196)"
    assert len(short) <= n + 5  # title, blank, header, rule, rows
    full = run("statements", "--full", "--db", db).stdout.splitlines()
    assert len(full) > len(short) and max(map(len, full)) <= 80


def test_extract_and_timeline_tables_fit(tmp_path):
    seed = str(ROOT / "corpus/seeds/scm51-joint-communique.txt")
    r = run("extract", seed)
    assert max(map(len, r.stdout.splitlines())) <= 80
    r = run("timeline", str(ROOT / "corpus/alliance/scm50-2018.txt"), str(ROOT / "corpus/alliance/scm51-2019.txt"))
    assert max(map(len, r.stdout.splitlines())) <= 80


def test_search_reports_the_total(db):
    everything = run("search", "deterrence", "-n", "0", "--db", db)
    total = int(everything.stderr.split()[0])
    assert total > 2
    r = run("search", "deterrence", "-n", "2", "--db", db)
    assert len(r.stdout.splitlines()) == 2
    assert r.stderr.strip() == f"{total} hits, 2 shown (--limit)"
